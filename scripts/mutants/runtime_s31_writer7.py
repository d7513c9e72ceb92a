# Mutants of session 31's writer7 task, the atomic writer's half (tests/Agent.Tests):
# - AtomicWriteOptions.ExactMode / ExactOwner: the mode and owner a rollback puts a saved file back
#   with, set on the temp file before the rename (the mode again after the extended attributes, so a
#   copied ACL's mask cannot change the group bits), never setuid or setgid; SkipIfUnchanged skips
#   only a file that already has them; a backup keeps the old file's mode.
# - BackupTooLargeException: a backup copy over MaxBackupCopyBytes, saying whether the file is
#   privileged (setuid, setgid or with file capabilities) or simply could not be hard-linked.
# - ReplaceStreamed (the response journal's file) and every directory creation (PinnedDirectory,
#   for the writer, IFileSystem.CreateDirectory and CreateDirectoryCore) drop setuid and setgid.
# - PreviousBackup.Keep never gives a setuid or setgid backup an older agent left a hidden name.
# Session 30's runtime_s30_reviewinject.py (the restorers' own masks, removed with the masks) is
# gone: the restorers' mode and owner mutants stay in network_apply.py (16, 17) and kms_activate.py
# (26), retargeted at ExactMode/ExactOwner; IoFailureReason's wording is in
# runtime_s31_writer7_commands.py. Root is needed (the owner, capability and chattr tests), and
# x86-64 or arm64 for the seccomp filter.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s31_writer7.py
# Outcome (session 31, 2026-12-02): 15 mutants, 15 killed (130 tests each, as root).
# Session 32 (writer8): HasExact moved to AtomicFileWriter.Exact.cs (5, 6) and Keep's set-id test
# to PreviousBackup.IsPrivileged (15); those three retargeted and rerun: 3 killed (141 tests each).
# Session 33 (writer9): ReplaceStreamed moved to AtomicFileWriter.Streamed.cs (9); rerun: killed (with the other retargeted Agent.Tests mutants of session 33, one build, GuestAgent.Tests.Platform.*, 315 tests).
# Session 37 (writer13): 11 retargeted at the copy from the file the stage looked at (replaced.Handle);
# rerun as runtime_s37_writer13.py's 18.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*AtomicFileWriter*", "-class", "*PinnedDirectoryTests", "-class", "*RootedFileSystemTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
A = "src/Agent/System/AtomicFileWriter.cs"
S = "src/Agent/System/AtomicFileWriter.Streamed.cs"
P = "src/Agent/System/PinnedDirectory.cs"
B = "src/Agent/System/BoundedFileCopy.cs"
K = "src/Agent/System/AtomicFileWriter.PreviousBackup.cs"
X = "src/Agent/System/BackupTooLargeException.cs"
E = "src/Agent/System/AtomicFileWriter.Exact.cs"
MUTANTS = [
    (A, "options.ExactMode ?? existing?.Mode ?? options.NewFileMode", "existing?.Mode ?? options.NewFileMode", "expr",
     "ExactMode ignored: an existing file keeps its current mode (the old write-then-chmod's window)"),
    (A, "options.ExactMode ?? existing?.Mode ?? options.NewFileMode", "existing?.Mode ?? options.ExactMode ?? options.NewFileMode", "expr",
     "ExactMode only for a new file"),
    (A, "options.ExactOwner ?? existing?.Owner ?? newFileOwner", "existing?.Owner ?? newFileOwner", "expr",
     "ExactOwner ignored: an existing file keeps its current owner"),
    (A, "HasExact(current, options, mode, owner)", "true", "expr",
     "SkipIfUnchanged skips matching contents whatever their mode and owner"),
    (E, "options.ExactMode is null || existing.Mode == mode", "true", "expr",
     "SkipIfUnchanged ignores an ExactMode the file does not have"),
    (E, "options.ExactOwner is null || owner is null || existing.Owner == owner", "true", "expr",
     "SkipIfUnchanged ignores an ExactOwner the file does not have"),
    (A, "modeOverAttributes && attributes.Count > 0", "false", "expr",
     "an exact mode set before a copied ACL only: its mask sets the group bits"),
    (A, "old.Mode & ~SetIdBits", "old.Mode & ~SetIdBits & ~UnixFileMode.UserWrite", "expr",
     "the backup copy's mode is not the old file's"),
    (S, "mode & ~SetIdBits", "mode", "expr",
     "ReplaceStreamed keeps setuid/setgid", "UnixFiles.SetMode(stream.SafeFileHandle, mode & ~SetIdBits)"),
    (P, "creation.Mode & ~AtomicFileWriter.SetIdBits", "creation.Mode & ~UnixFileMode.SetGroup", "expr",
     "directories made by CreateDirectory keep setuid"),
    (A, "old.Privileged", "false", "expr",
     "a privileged file's too-large backup reported as merely unlinkable", "new Contents(default, null, replaced.Handle, old.MaxCopyBytes, old.Privileged)"),
    (B, "new BackupTooLargeException(pathForErrors, length, limit, privileged)", "new IOException(\"File too large\", 27)", "expr",
     "a too-large backup is a plain EFBIG IOException again"),
    (B, "new BackupTooLargeException(pathForErrors, length, limit, privileged)", "new BackupTooLargeException(pathForErrors, limit, limit, privileged)", "expr",
     "the refusal names the limit as the file's size"),
    (X, "Why(privileged)", "Why(!privileged)", "expr",
     "the log message gives the other reason for the copy"),
    (K, "(status.Mode & SetIdBits) != 0", "false", "expr",
     "an older setuid backup is kept under a hidden name (a refused rename brings it back)"),
]
