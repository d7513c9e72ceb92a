# Mutants of session 37's writer13 task, the file system's half (tests/Agent.Tests):
# - IFileSystem.ReadEntry (RootedFileSystem): what is at a path from FileInPlace's one look
#   (O_PATH|O_NOFOLLOW), a link's target read from the look's descriptor (readlinkat(fd, "")), the
#   kind of anything else from the same look (1-4); the default implementation's kinds (5-6);
#   PathEntry's constructors (7).
# - AtomicFileWriter.PreviousBackup.Keep: the older backup looked at once (O_PATH|O_NOFOLLOW), checked
#   (status, capabilities) and hard-linked (linkat of /proc/self/fd/N, AT_SYMLINK_FOLLOW) through that
#   descriptor (8-13; 8 and 9 are the old code's by-name link and status).
# - The commit's backup (AtomicFileWriter.Backup): of the file the stage looked at, hard-linked through
#   the descriptor the staged file keeps (TryLinkOf) or copied from it, never the target's name again
#   (16 and 17 are the old code's link and reopen by name; 18 is runtime_s31_writer7.py's 11 retargeted;
#   19 the descriptor not handed to the staged file).
# - ResponseJournal.Load: its file looked at once and read and made private through the inode found
#   (14 is the old code's open by name; 15 the chmod skipped, response_journal.py's 3 retargeted).
# Not written as mutants: RootedFileSystem.ReadEntry reading a link's target by path (ReadLink) instead
#   of from the look: the same answer unless the path is swapped in between, which no test can time
#   there; FileInPlace.ReadLinkTarget's own reading from the look is pinned by ReadEntryTests (3).
# The commands' half (resetnetwork's snapshot taken from one look) is runtime_s37_writer13_commands.py.
# Root is needed (setuid files of other modes, mknod in the selection's FIFO/device tests), and strace.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s37_writer13.py
# Outcome (session 37, 2026-12-03, as root): 19 mutants, 19 killed. 1-15 in a first run (60 tests each:
# the selection then had *AtomicFileWriterSetIdTests and *AtomicFileWriterImmutableTargetTests where it
# now has *AtomicFileWriter* and *FileInPlaceLookTests); 16-19, added with the commit-time backup fix,
# with the selection below (192 tests each). The first build of 1-15 failed on mutants placed on a
# switch arm or a part of an expression (1, 3, 5, 10-13): retargeted at whole expressions, then run.
# Session 37 (review-writer): 10 retargeted at LibCAt.ViaDescriptor (the five /proc/self/fd/N paths built in
# one place), rerun as runtime_s37_reviewwriter.py's 7.
# Session 58: 14 and 15 follow the journal's reading to ResponseJournal.Reading.cs; rerun, both killed (ResponseJournalLookTests).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*ReadEntryTests", "-class", "*ReadEntryDefaultTests", "-class", "*PreviousBackupLookTests",
             "-class", "*ReadInPlaceOpenTests", "-class", "*AtomicFileWriter*", "-class", "*FileInPlaceLookTests",
             "-class", "*ResponseJournal*"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
R = "src/Agent/System/RootedFileSystem.cs"
F = "src/Agent/System/FileInPlace.cs"
I = "src/Agent/System/IFileSystem.cs"
E = "src/Agent/System/PathEntry.cs"
P = "src/Agent/System/AtomicFileWriter.PreviousBackup.cs"
L = "src/Agent/System/Native/LibCAt.cs"
J = "src/Agent/Exchanges/ResponseJournal.Reading.cs"  # the journal file's reading (ResponseJournal.cs until session 58)
A = "src/Agent/System/AtomicFileWriter.cs"
COPY = "new Contents(default, null, replaced.Handle, old.MaxCopyBytes, old.Privileged)"
MUTANTS = [
    (R, "null", "new PathEntry(FileKind.Other)", "expr",
     "nothing at the path answered as something else", "FoundInPlace.Nothing => null,"),
    (R, "found.LookedStatus?.Kind ?? FileKind.Other", "FileKind.Other", "expr",
     "a directory answered as a device, FIFO or socket"),
    (F, "looked", "null", "expr",
     "the look's descriptor not kept for a link (the old code closed it): no target to read",
     "FoundInPlace.Link : FoundInPlace.NotRegular, looked, status)"),
    (L, "ReadLink(Fd(looked), [0], pathForErrors)", "ReadLink(Fd(looked), LibC.Utf8(\".\"), pathForErrors)", "expr",
     "readlinkat of a name below the link's descriptor, not the link itself"),
    (I, "new PathEntry(kind)", "null", "expr",
     "default: a directory answered as nothing", "{ Kind: var kind } => new PathEntry(kind),"),
    (I, "new PathEntry(ReadLink(path) ?? throw new IOException($\"'{path}' changed while it was read\"))", "new PathEntry(FileKind.Other)", "expr",
     "default: a link answered without its target"),
    (E, "kind is FileKind.Directory or FileKind.Other", "true", "expr",
     "a file or link entry made without what it holds"),
    (P, "LibCAt.TryLinkOf(looked, directory, kept, path)", "LibCAt.TryLinkAt(directory, backup, kept, path)", "expr",
     "the backup linked by name, whatever was renamed over it since the look (the old code)"),
    (P, "LibCAt.StatusOf(looked, path)", "LibCAt.StatusAt(directory, backup, path)!.Value", "expr",
     "the backup's status read by name, not of the file looked at (the old code)"),
    (P, "LibCAt.ViaDescriptor(looked)", "\"/nonexistent\"", "expr",
     "the backup's reopen fails: every regular backup counted privileged (never kept)"),
    (P, "false", "true", "expr",
     "no backup counted as one that existed (a refused commit leaves the new backup behind)",
     "errno is LibC.ENoEnt or LibC.ENotDir ? new PreviousBackup(backup, null, Existed: false)"),
    (L, "OpenFlags.AtSymlinkFollow", "0", "expr",
     "linkat of /proc/self/fd/N without AT_SYMLINK_FOLLOW (the magic link itself, refused)"),
    (L, "errno is LibC.ENoEnt or LibC.EPerm or LibC.EXDev or LibC.EMLink or LibC.ENotSup", "errno is LibC.EPerm or LibC.EXDev or LibC.EMLink or LibC.ENotSup", "expr",
     "a backup removed since the look fails the write"),
    (J, "new FileStream(found.Handle, FileAccess.Read)", "new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read)", "expr",
     "the journal opened by name after its look (the old code)"),
    (J, "found.Status!.Value.Mode != PrivateMode", "false", "expr",
     "a journal left with a wider mode is not made private"),
    (A, "LibCAt.TryLinkOf(replaced.Handle, directory, staging, path)", "LibCAt.TryLinkAt(directory, name, staging, path)", "expr",
     "the commit's backup linked by name: a file renamed over the target since (the old code)"),
    (A, "replaced.Handle", "FileInPlace.Open(directory, name, path).Handle", "expr",
     "the commit's backup copied from the target's name looked at again (the old code's OpenExisting)", COPY),
    (A, "old.Privileged", "false", "expr",
     "a privileged file's too-large backup reported as merely unlinkable (runtime_s31_writer7.py's 11)", "old.MaxCopyBytes, old.Privileged)"),
    (A, "backup is not null", "false", "expr",
     "the looked-at file not handed to the staged file (disposed at the stage's end)", "handedOver = backup is not null;"),
]
