# Session 55: a refused proxy tunnel logged naming the environment's proxy (https_proxy) by its origin, never its
# user and password, in the published daemon (a shared client's proxy is its own: not named).
# Run: scripts/mutants/mutate.py scripts/mutants/update_s55_proxy.py
# Outcome (session 55): 2 of 2 killed (UpdateTlsTests' proxy test).
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*UpdateTlsTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
PUBLISH = ("src/Agent.Daemon/Agent.Daemon.csproj", "guest-agent", "GUEST_AGENT_BINARY")
TIMEOUT = 400
D = "src/Agent.Commands/Update/UpdateDownloader.cs"
MUTANTS = [
    (D, "ownClient is null ? null : HttpClient.DefaultProxy.GetProxy(lastRequested.Value ?? url)", "null", "expr",
     "the environment's proxy not named"),
    (D, "\"the proxy \" + Origin(proxy)", "\"the proxy \" + proxy", "expr",
     "the proxy named by its URL whole, its user and password too"),
]
