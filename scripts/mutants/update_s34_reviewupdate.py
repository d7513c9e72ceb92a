# Mutants of session 34's review of update10's agentupdate archive checks (review-update): TarProducersTests pins that the
# end-of-archive rule (GuardedTarStream) refuses no real producer's tar (GNU tar in five formats and blocking factors 1-64,
# bsdtar, busybox tar, tarfile, TarWriter, git archive; plain, gzip, bzip2, xz); XzIndexTests' records wrapping around to
# the bytes decoded kill update_s34_update10.py's mutant 5 (there called equivalent), repeated here as mutant 1.
# Run: scripts/mutants/mutate.py scripts/mutants/update_s34_reviewupdate.py
# Outcome: see the report (filled in below after the run).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*XzIndexTests", "-class", "*TarProducersTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 900
XI = "src/Agent.Commands/Update/XzStreamIndex.cs"
GT = "src/Agent.Commands/Update/GuardedTarStream.cs"
MUTANTS = [
    (XI, "uncompressed > undecoded", "false", "expr", "xz: a record's uncompressed size may exceed what is left of the bytes decoded (update_s34_update10.py's mutant 5)"),
    (GT, "_ended = true;", "", "stmt", "tar: an end-of-archive block not remembered (every whole tar refused as cut short)"),
]
