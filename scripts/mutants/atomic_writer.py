# Mutants of the atomic writer: what a rewrite keeps of the old file, the temp files a failed or
# abandoned write leaves, the comparison of SkipIfUnchanged, the backup copy's limit.
# Run: scripts/mutants/mutate.py scripts/mutants/atomic_writer.py
# Session 23: 8-11 for the previous backup a refused final rename puts back (PreviousBackup,
# AtomicFileWriterImmutableTargetTests: chattr +i as root). Run 8-11: all killed.
# Session 30: 2's text follows ReadAttributes' new out parameter (file capabilities, runtime_s30_inject.py); rerun: killed.
# Session 31 (writer7): 2's text follows that out parameter's new name (capabilities), 10's Keep's new
# `keep` (no hidden link for a setuid/setgid backup, runtime_s31_writer7.py); rerun: both killed.
# Session 35 (writer11): 2 and 3 follow StageIn's one open of the target (FileInPlace); rerun: both killed.
# Session 48: 12, the walk again after a concurrent failing write removed the new directories. Run: killed (AtomicFileWriterConcurrencyTests).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*AtomicFileWriter*", "-class", "*RootedFileSystemTests", "-class", "*PinnedDirectoryTests",
             "-class", "*SkipIfUnchangedTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
A = "src/Agent/System/AtomicFileWriter.cs"
S = "src/Agent/System/AtomicFileWriter.Staging.cs"
B = "src/Agent/System/BoundedFileCopy.cs"
P = "src/Agent/System/AtomicFileWriter.PreviousBackup.cs"
MUTANTS = [
    (A, "existing?.Owner ?? newFileOwner", "newFileOwner", "expr", "a rewrite does not keep the old owner"),
    (A, "existing is null ? [] : ExtendedAttributes.Read(found.Handle, path, out capabilities)", "[]", "expr", "a rewrite drops the old extended attributes (SELinux label, ACL)"),
    (A, "SameContents(found.Handle, contents)", "false", "expr", "SkipIfUnchanged never skips"),
    (S, "LibCAt.TryUnlinkAt(directory, _temp);", "", "stmt", "a failed commit leaves its temp file"),
    (S, "LibCAt.TryUnlinkAt(_directory.Handle, _temp);", "", "stmt", "a staged file disposed uncommitted leaves its temp file"),
    (B, "contents.Slice(offset, read)", "contents.Slice(0, read)", "expr", "span comparison past the first buffer compares the wrong bytes"),
    (B, "length > limit", "length >= limit", "expr", "a backup copy of exactly the limit refused"),
    (S, "previous?.Restore(directory, _path);", "", "stmt", "a refused final rename leaves the previous backup replaced"),
    (S, "previous?.Discard(directory);", "", "stmt", "a done commit leaves a hidden link to the older backup"),
    (P, "keep ? kept : null", "null", "expr", "the previous backup is not kept, so a refused rename cannot put it back"),
    (P, "!Existed", "false", "expr", "a refused rename leaves a backup where there was none"),
    (A, "walk < MaxWalks && options.CreateDirectoriesWithMode is not null", "false", "expr", "a write whose new directories a concurrent failing write removed fails with ENOENT"),
]
