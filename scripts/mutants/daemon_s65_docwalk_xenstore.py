# daemon_s65_docwalk's XenStore half: `guest-agent xenstored --guest-domid 0` gives dom0's own home the
# guest nodes and keeps its name Domain-0 (XenStoreServer.CreateGuestDomain renamed it "guest-0"); a
# guest's name stays guest-N. The server is in src/Agent, the test is the published daemon's
# (XenstoredGuestSocketTests, with the real xenstore-* tools), so the batch publishes it (PUBLISH).
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_s65_docwalk_xenstore.py
# Outcome (session 65): 2 of 2 killed (XenstoredGuestSocketTests on the mutated published daemon; a
# build and a NativeAOT publish of about 10 minutes on two shared cores, then about 1 s a mutant). 1 is
# the code before this session.
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*XenstoredGuestSocketTests"]
SWITCH_NS = "GuestAgent.MutantSwitches.DocWalk65"
SWITCH_DIR = "src/Agent"
PUBLISH = ("src/Agent.Daemon/Agent.Daemon.csproj", "guest-agent", "GUEST_AGENT_BINARY")
S = "src/Agent/XenStore/Server/XenStoreServer.cs"
NAME = "name ?? (domainId == 0 ? \"Domain-0\" : \"guest-\""
MUTANTS = [
    (S, "domainId == 0", "false", "expr",
     "xenstored: --guest-domid 0 renames dom0 guest-0 (the code before session 65)", NAME),
    (S, "domainId == 0", "true", "expr",
     "xenstored: every guest named Domain-0", "(domainId == 0))"),
]
