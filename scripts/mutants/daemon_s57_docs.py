# Session 57: the docs audit against the published daemon. call's help names every kind of answer
# call exits 1 for (a returncode other than 0 or D0, a message that is not a string, an answer that
# is not JSON), and HelpContentTests holds each against CallVerb.Succeeded, so the help's claim is
# the program's: the help's words dropped, or the rule they describe undone, must fail it.
# The tests run the daemon's code in-process (no GUEST_AGENT_BINARY), so no PUBLISH.
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_s57_docs.py
# Outcome (session 57): run, 5 of 5 killed, each by HelpContentTests.Call_names_each_kind_of_answer_it_exits_1_for
# (4, a message of any type, as Succeeded reads the null message; 5 by both the null message and the
# text that is not JSON, which AgentResponseReader refuses alike).
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*HelpContentTests"]
SWITCH_NS = "GuestAgent.Daemon.MutantSwitches"
SWITCH_DIR = "src/Agent.Daemon"
TIMEOUT = 120
C = "src/Agent.Daemon/Cli/VerbCatalog.cs"
R = "src/Agent.Daemon/NovaHost/AgentResponseReader.cs"
V = "src/Agent.Daemon/Verbs/CallVerb.cs"
MUTANTS = [
    (C, "\"for example 404 or 500, or its message is not a string (Nova's plugin fails on\"",
     "\"for example 404 or 500; the answer is printed either way.\"", "expr", "the help as before: a message that is not a string left out"),
    (C, "\"valid JSON prints nothing on stdout and exits 1.\"", "\"\"", "expr", "the help leaves out an answer that is not JSON"),
    (C, "\"The exit code is also 1 when the answer's returncode is not 0 (or keyinit's D0),\"",
     "\"The exit code is also 1 when the answer's returncode is not 0,\"", "expr", "the help leaves out the returncode's rule as stated"),
    (R, "message.ValueKind == JsonValueKind.String", "true", "expr", "call succeeds on a message of any type, unlike its help"),
    (V, "return false;", "return true;", "stmt", "call succeeds on an answer that is not JSON, unlike its help"),
]
