# Mutants of session 34's review of update10's agentupdate archive checks (review-update): TarProducersTests pins that the
# end-of-archive rule (GuardedTarStream) refuses no real producer's tar (GNU tar in five formats and blocking factors 1-64,
# bsdtar, busybox tar, tarfile, TarWriter, git archive; plain, gzip, bzip2, xz); XzIndexTests' records wrapping around to
# the bytes decoded kill update_s34_update10.py's mutant 5 (there called equivalent), repeated here as mutant 1.
# Run: scripts/mutants/mutate.py scripts/mutants/update_s34_reviewupdate.py
# Outcome (2026-12-02): 2 mutants, 1 killed (baseline: the 38 tests of XzIndexTests and TarProducersTests, all passing):
# 1 by the three records grown by 2^63 - 2^40, 2^63 - 2^40 and 2^41. 2 SURVIVED (rerun alone with TarCutAndFuzzTests
# added, 46 tests), equivalent with .NET 10's TarReader: it stops at the first zero block and is never asked for another
# entry, so the guard never reads past an end-of-archive block and `_ended` is never true where it is tested; it stays as a
# guard against a reader that reads on (the lone zero block of TarCutAndFuzzTests would then be refused).
# Session 35 (update11): 2 is killed by TarFieldGuardTests' tar read through the guard to its last byte (update_s35_update11.py's
# mutant 18); `_ended` kept, as the guard's own contract rather than the reader's habit.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*XzIndexTests", "-class", "*TarProducersTests", "-class", "*TarCutAndFuzzTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 900
XI = "src/Agent.Commands/Update/XzStreamIndex.cs"
GT = "src/Agent.Commands/Update/GuardedTarStream.cs"
MUTANTS = [
    (XI, "uncompressed > undecoded", "false", "expr", "xz: a record's uncompressed size may exceed what is left of the bytes decoded (update_s34_update10.py's mutant 5)"),
    (GT, "_ended = true;", "", "stmt", "tar: an end-of-archive block not remembered (every whole tar refused as cut short)"),
]
