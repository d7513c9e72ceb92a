# Session 56: call and set-password judge an answer as Python's json.loads does (PythonJsonLoads:
# NaN, Infinity and -Infinity read, nesting to 900 levels), call exits 0 only for a success code
# with a string message; and, as the deliberate slips that show the differential fuzz
# (NovaAnswerDifferentialTests) can fail, mutants of the xenstore-read escaping and the strip it checks.
# The tests run the daemon's code in-process (no GUEST_AGENT_BINARY), so no PUBLISH.
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_s56_answerfuzz.py
# Session 56: run, 18 of 18 killed (6 and 7 by PythonJsonLoadsTests alone: what xenstore-read's
# escaping leaves never holds an escaped quote, and a digit next to Infinity is too rare for the fuzz).
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*NovaAnswerDifferentialTests", "-class", "*PythonJsonLoadsTests", "-class", "*PrintableAnswerTests"]
SWITCH_NS = "GuestAgent.Daemon.MutantSwitches"
SWITCH_DIR = "src/Agent.Daemon"
TIMEOUT = 120
L = "src/Agent.Daemon/NovaHost/PythonJsonLoads.cs"
R = "src/Agent.Daemon/NovaHost/AgentResponseReader.cs"
P = "src/Agent.Daemon/NovaHost/PrintableAnswer.cs"
V = "src/Agent.Daemon/Verbs/CallVerb.cs"
X = "src/Agent.Daemon/NovaHost/XenStoreReadText.cs"
N = "src/Agent.Daemon/NovaHost/NovaAgentCall.cs"
MUTANTS = [
    (L, "MaxDepth", "64", "expr", "System.Text.Json's default depth", "= MaxDepth }"),
    (L, "MaxDepth", "990", "expr", "deeper than every Python reads", "(MaxDepth)) }"),
    (L, "Follows(text, index, \"-Infinity\")", "false", "expr", "-Infinity not read"),
    (L, "Follows(text, index, \"Infinity\")", "false", "expr", "Infinity not read"),
    (L, "Follows(text, index, \"NaN\")", "false", "expr", "NaN not read"),
    (L, "\" 1 \"", "\"1\"", "expr", "Infinity's replacement joins a digit before or after it"),
    (L, "index += c == '\\\\' ? 1 : 0;", "", "stmt", "an escaped quote ends the string"),
    (L, "c != '\"'", "true", "expr", "a string never ends"),
    (L, "index += literal.Length - 1;", "", "stmt", "the constant's rest read again"),
    (R, "message.ValueKind == JsonValueKind.String", "true", "expr", "a message of any type"),
    (R, "message.GetString()!.Replace(\"\\\\r\\\\n\", \"\", StringComparison.Ordinal)", "message.GetString()!", "expr", "the literal \\r\\n kept"),
    (R, "code.ValueKind == JsonValueKind.String", "true", "expr", "a returncode of any type", "out var code) && code.ValueKind == JsonValueKind.String"),
    (P, "document is null", "false", "expr", "any text printed"),
    (P, "SingleLineText.IsSafe(response)", "false", "expr", "every answer written again"),
    (V, "AgentResponseReader.Read(response).ReturnCode is \"0\" or \"D0\"", "AgentResponseReader.Read(response).ReturnCode is \"0\"", "expr", "keyinit's D0 an error"),
    (V, "return false;", "return true;", "stmt", "an unreadable answer a success"),
    (X, "text.Append(@\"\\r\")", "text.Append(@\"\\x0d\")", "expr", "slip: a carriage return printed in hex"),
    (N, "XenStoreReadText.Of(response).Trim()", "XenStoreReadText.Of(response).TrimEnd()", "expr", "slip: the leading spaces kept"),
]
