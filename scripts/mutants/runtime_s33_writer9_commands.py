# Mutants of session 33's writer9 task, the restorers' half (tests/Agent.Commands.Tests): an ACL that
# IFileSystem.ReadAccessControl cannot tell (null, the default implementation's answer for an SDK
# user's file system without it) stays unknown in resetnetwork's snapshot and kmsactivate's saved
# registration, so their restores leave the file the ACL it has instead of removing it as "none"
# (an empty ACL) would. The system layer's half is runtime_s33_writer9.py.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s33_writer9_commands.py
# Outcome (session 33, 2026-12-02, as root): 2 mutants, 2 killed (20 tests each, by UserFileSystemRestoreTests).
# Session 36 (writer12): 1 and 2 retargeted at file.AccessControl (both snapshots read through
# IFileSystem.ReadRegularFile); 2 rerun with runtime_s36_writer12_commands.py (244 tests): killed; 1 (same
# site as runtime_s32_writer8_commands.py's 3-4) rerun with kms_activate.py 27 (113 tests): killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*UserFileSystemRestoreTests", "-class", "*FileRestorerAclTests", "-class", "*KmsRollbackTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
N = "src/Agent.Commands/Network/Applying/FileSnapshot.cs"
K = "src/Agent.Commands/Kms/SavedRegistration.cs"
MUTANTS = [
    (N, "file.AccessControl?.ToArray()", "(file.AccessControl ?? ReadOnlyMemory<byte>.Empty).ToArray()", "expr",
     "resetnetwork saves an ACL it cannot tell as none: its restore removes the file's ACL"),
    (K, "file.AccessControl", "file.AccessControl ?? ReadOnlyMemory<byte>.Empty", "expr",
     "kmsactivate saves an ACL it cannot tell as none: its restore removes up2date's ACL"),
]
