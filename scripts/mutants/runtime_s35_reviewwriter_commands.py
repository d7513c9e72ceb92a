# Mutants of session 35's review of writer11, its commands half (tests/Agent.Commands.Tests): the
# recovery record's `attributes` read back at start-up within the kernel's own bounds, a value over
# 64 KiB (1) or names over 64 KiB in all with their NULs (2) refusing the record.
# Its Agent half (the names ExactExtendedAttributes refuses: a lone surrogate, over 255 bytes) is
# runtime_s35_reviewwriter.py's.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s35_reviewwriter_commands.py
# Outcome (session 35, 2026-12-02, as root): 2 mutants, 2 killed (25 tests each); both are writer11's code.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*TransactionRecordFormatTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
T = "src/Agent.Commands/Network/Recovery/TransactionRecordFormat.cs"
MUTANTS = [
    (T, "attributes[attribute.Name].Length > MaxAttributeBytes", "false", "expr",
     "a saved attribute's value of any size read back (writer11's code)"),
    (T, "listed > MaxAttributeBytes", "false", "expr",
     "any number of saved attribute names read back (writer11's code)"),
]
