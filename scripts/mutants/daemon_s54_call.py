# Session 54: `call`/`set-password` with a request too large for one XenStore message says so
# (the size with its path, the 4096-byte limit, nothing written) instead of the client's E2BIG.
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_s54_call.py
# Session 54: run, 2 of 2 killed.
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*NovaAgentCallTests"]
SWITCH_NS = "GuestAgent.Daemon.MutantSwitches"
SWITCH_DIR = "src/Agent.Daemon"
TIMEOUT = 120
C = "src/Agent.Daemon/NovaHost/NovaAgentCall.cs"
MUTANTS = [
    (C, "refused.ErrorName == XenStoreErrors.TooBig", "false", "expr",
     "E2BIG left as the client's exception"),
    (C, "Encoding.UTF8.GetByteCount(requestPath) + 1 + stored.Length", "stored.Length", "expr",
     "the size said without its path"),
]
