# Session 54: a request whose name is not a string (null, a number, an array) is logged as received,
# its name as its JSON text, as every other unknown command is (NovaJsonParser).
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s54_parser.py
# Session 54: run, 1 of 1 killed.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*NovaJsonParserTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
P = "src/Agent/Protocol/NovaJsonParser.cs"
MUTANTS = [
    (P, "logsRequests", "logsRequests && nameIsString", "expr",
     "a request whose name is not a string goes unlogged as received", "if (logsRequests)\n"),
]
