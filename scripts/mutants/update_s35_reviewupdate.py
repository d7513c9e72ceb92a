# Mutants of session 35's review of update11's xz reading (review-update): SafeTarExtractor refuses a stream that cannot seek
# as the caller's error (ArgumentException) before the extraction's handlers, which worded Detect's NotSupportedException as
# "an entry has an unsupported type". The mutant is the old code (no guard).
# Run: scripts/mutants/mutate.py scripts/mutants/update_s35_reviewupdate.py
# Outcome (2026-12-02): 1 mutant, killed (baseline: SafeTarExtractorTests' 18 passing) by the forward-only stream, whose old
# answer was CommandException "Invalid update archive: an entry has an unsupported type".
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*SafeTarExtractorTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
ST = "src/Agent.Commands/Update/SafeTarExtractor.cs"
MUTANTS = [
    (ST, "!archive.CanSeek", "false", "expr", "tar: a stream that cannot seek let into the extraction (its seek worded as an unsupported entry)"),
]
