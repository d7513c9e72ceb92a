# Mutants of session 37's writer13 task, the commands' half (tests/Agent.Commands.Tests): resetnetwork's
# FileSnapshot.Take saves what one look found at the path (IFileSystem.ReadEntry): the file, whether it
# was something else, and a link's target all from the same entry. 1-3 put back each of the old code's
# three looks (the file, the status, the link read by path after the entry was looked at): the path
# swapped after its first look is then saved as a mix. 4 and 5 are network_detection.py's 29 and 31,
# retargeted at the entry (the kind and the target not saved), rerun in this batch's build.
# The file system's half is runtime_s37_writer13.py.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s37_writer13_commands.py
# Outcome (session 37, 2026-12-03, as root): 5 mutants, 5 killed (7 tests each; 1-3 and 5 by
# SnapshotOneLookTests, 4 by it and FileViewsTests).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*SnapshotOneLookTests", "-class", "*SnapshotOneFileTests", "-class", "*FileViewsTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
N = "src/Agent.Commands/Network/Applying/FileSnapshot.cs"
MUTANTS = [
    (N, "entry?.File is { } file ? Saved(file) : null", "Read(fileSystem, path)", "expr",
     "the file read by path again, not the one the look found"),
    (N, "entry is { Kind: not FileKind.File }", "fileSystem.GetStatus(path) is { Kind: not FileKind.File }", "expr",
     "whether it was something else read by path again (the old code's status)"),
    (N, "entry?.LinkTarget", "fileSystem.ReadLink(path)", "expr",
     "the link's target read by path again (the old code's ReadLink)"),
    (N, "entry is { Kind: not FileKind.File }", "false", "expr",
     "a directory or link in the file's place is not noticed (network_detection.py's 29)"),
    (N, "entry?.LinkTarget", "null", "expr",
     "a link's target is not saved (network_detection.py's 31)"),
]
