# Mutants of session 36's writer12 task, the commands' half (tests/Agent.Commands.Tests): resetnetwork's
# FileSnapshot and kmsactivate's SavedRegistration read the file they save through
# IFileSystem.ReadRegularFile, one look and one inode, not a status read by path and then reads by path
# (1 and 2 are that old order: a file replaced in between is saved with the other's contents).
# The file system's half is runtime_s36_writer12.py.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s36_writer12_commands.py
# Outcome (session 36, 2026-12-02, as root): 2 mutants, 2 killed, both by SnapshotOneFileTests (244 tests
# each: one build with the retargeted network_detection.py 32, runtime_s32_writer8_commands.py 3-4,
# runtime_s33_writer9_commands.py 2, runtime_s35_writer11_commands.py 1 and 8, and the union of their filters).
# Session 68 (kms2): mutant 2 retargeted to SavedRegistration.Take's ReadEntry (it read ReadRegularFile before). Rerun from a clone of main: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*SnapshotOneFileTests", "-class", "*FileRestorerAttributesTests", "-class", "*KmsRollbackTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
N = "src/Agent.Commands/Network/Applying/FileSnapshot.cs"
K = "src/Agent.Commands/Kms/SavedRegistration.cs"
MUTANTS = [
    (N, "fileSystem.ReadRegularFile(path)",
     "(fileSystem.GetStatus(path) is { Kind: FileKind.File } ? new RegularFile(fileSystem.ReadAllBytes(path), fileSystem.GetStatus(path)!.Value, fileSystem.ReadAccessControl(path), fileSystem.ReadExtendedAttributes(path)) : null)", "expr",
     "resetnetwork's snapshot read by path after a status read (the old code's order)"),
    (K, "system.FileSystem.ReadEntry(Up2DateConfig.Path)",
     "(system.FileSystem.GetStatus(Up2DateConfig.Path) is { Kind: FileKind.File } ? new PathEntry(new RegularFile(system.FileSystem.ReadAllBytes(Up2DateConfig.Path), system.FileSystem.GetStatus(Up2DateConfig.Path)!.Value, system.FileSystem.ReadAccessControl(Up2DateConfig.Path), system.FileSystem.ReadExtendedAttributes(Up2DateConfig.Path))) : system.FileSystem.ReadEntry(Up2DateConfig.Path))", "expr",
     "kmsactivate's up2date read by path after a status read (the old code's order)"),
]
