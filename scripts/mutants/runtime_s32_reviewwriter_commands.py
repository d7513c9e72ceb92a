# Mutants of session 32's review of writer8, the restorers' half (tests/Agent.Commands.Tests): the
# recovery record's "acl" is read only in the kernel's form (empty for none, or a little-endian version
# 2 header and 8-byte entries, at most the kernel's 64 KiB for an attribute), so an edited one refuses
# the record whole instead of failing that file's restore halfway through a recovery. Mutant 1 is the
# old code (any bytes taken). The writer's half is runtime_s32_reviewwriter.py.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s32_reviewwriter_commands.py
# Outcome (session 32, 2026-12-02): 5 mutants, all 5 killed (23 tests each; 1 by 4 tests, so the new checks fail on the old code).
# Session 33 (writer9): the check moved to GuestAgent's PosixAccessControl.IsWellFormed, which
# AtomicWriteOptions.ExactAccessControl shares; 2-5 (an empty ACL refused, no cap, a cut entry, any
# version) moved with it to runtime_s33_writer9.py (2-5 there); 1 follows the call; rerun: killed
# (23 tests, 4 failing).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*TransactionRecordFormatTests", "-class", "*FileRestorerAclTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
T = "src/Agent.Commands/Network/Recovery/TransactionRecordFormat.cs"
MUTANTS = [
    (T, "PosixAccessControl.IsWellFormed(acl)", "true", "expr",
     "any bytes taken as an ACL (the old code)"),
]
