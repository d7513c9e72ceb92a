# Session 55: a write(2) that takes nothing fails the standard stream instead of spinning; the response
# journal says, for an answer recorded again, whether it is in the file (session 54's runtime_s54_exchange
# mutant 5, untested there: the same answer recorded twice in a journal gone memory-only).
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s55_misc.py
# Outcome (session 55): 2 of 2 killed (StandardDescriptorStreamTests, ResponseJournalTests).
# Session 58: 2's text names _writeFailing too; rerun, killed (ResponseJournalTests).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*StandardDescriptorStreamTests", "-class", "*.ResponseJournalTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 120
S = "src/Agent/System/Native/StandardDescriptorStream.cs"
J = "src/Agent/Exchanges/ResponseJournal.cs"
MUTANTS = [
    (S, "written == 0", "false", "expr", "a write that takes nothing retried (for ever, if it keeps taking nothing)"),
    (J, "return durable && !_memoryOnly && !_writeFailing;", "return durable;", "stmt",
     "an answer recorded again in a memory-only journal said to be in the file"),
]
