# Mutants of session 34's writer10 task (tests/Agent.Tests):
# - AtomicFileWriter.ReplaceStreamed (the response journal) opens the file it replaces first:
#   ENOENT and ELOOP (a link, which the rename replaces) are a new file, ENXIO (a socket) and
#   anything opened that is not a regular file have nothing to keep, any other failure fails the
#   write (1-5; 1 and 2 are the old code's gap, which faulted the open after a status read).
# - It keeps the replaced file's extended attributes as the writer does (user.*, the SELinux label,
#   trusted.*, the ACL), not only its ACL (6 is the old code); 7-9 are runtime_s33_writer9.py's
#   10, 12 and 13 (its 11, the old status check, is 1 now), retargeted at KeepAttributes.
# - PreviousBackup.IsPrivileged counts a backup whose attribute names cannot be listed as
#   privileged (10; flistxattr's EIO injected on the backup alone).
# - RootedFileSystem.SetMode uses WithinModeBits' checked value (11, 12: runtime_s32_writer8.py's
#   15 and 16, retargeted and moved here).
# Not mutated: the open's O_NONBLOCK (without it the FIFO test hangs until the run's timeout; the
# same flag and comment as OpenExisting's); LibCAt.TryOpen's O_CLOEXEC is runtime_native.py's 22.
# Session 35 (writer11): 1-5 follow the open into FileInPlace, which the main writer's StageIn now
# shares (runtime_s35_writer11.py); the same texts and meanings. Rerun (session 35, one build with
# the others retargeted then, 198 tests each): 1-5 killed.
# Session 35 (review-writer): 5 moved to runtime_s35_reviewwriter.py as its 4 (FileInPlace's kind
# check, now `status.Kind != FileKind.File`); the numbers above are the old ones, old 6-12 are 5-11.
# Session 36 (review-writer): 1 retargeted at `errno is LibC.ENoEnt or LibC.ENotDir` (FileInPlace reads
# ENOTDIR as nothing there too, as GetStatus does); the same defect. Rerun (one build with
# runtime_s36_reviewwriter.py, 197 tests each): killed.
# Root is needed (chattr +i, trusted.* and security.*), and the acl, attr, e2fsprogs and strace packages.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s34_writer10.py
# Outcome (session 34, 2026-12-02, as root): 12 mutants, 12 killed (161 tests each). 3 survived the
# first run: the socket test bound its socket with .NET, whose Dispose removes the socket file, so it
# met no file at all; bound by python3 since, 3 rerun: killed. 1, 2 and 6 are the old code.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*AtomicFileWriter*", "-class", "*RootedFileSystemTests", "-class", "*StreamedFileAclTests", "-class", "*ReplaceStreamedTargetTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
S = "src/Agent/System/AtomicFileWriter.Streamed.cs"
K = "src/Agent/System/AtomicFileWriter.PreviousBackup.cs"
R = "src/Agent/System/RootedFileSystem.cs"
F = "src/Agent/System/FileInPlace.cs"
MUTANTS = [
    (F, "errno is LibC.ENoEnt or LibC.ENotDir", "false", "expr",
     "a target gone as it is opened fails the journal write (the old code's gap)"),
    (F, "errno == LibC.ELoop", "false", "expr",
     "a link at the target (or one swapped in as it is opened) fails the journal write"),
    (F, "errno == LibC.ENxIo", "false", "expr",
     "a socket at the target fails the journal write"),
    (F, "errno != 0", "false", "expr",
     "any other failure to open the target is not reported as such"),
    (S, "ExtendedAttributes.Write(temp, attributes, target);", "ExtendedAttributes.Write(temp, [.. attributes.Where(ExtendedAttributes.IsAccessAcl)], target);", "stmt",
     "only the ACL kept, not user.*, the SELinux label or trusted.* (the old code)"),
    (S, "KeepAttributes(target, stream.SafeFileHandle);", "", "stmt",
     "a streamed rewrite keeps the directory's default ACL and none of the replaced file's attributes"),
    (S, "ExtendedAttributes.Write(temp, attributes, target);", "ExtendedAttributes.Write(temp, [.. attributes.Where(attribute => !ExtendedAttributes.IsAccessAcl(attribute))], target);", "stmt",
     "a streamed rewrite drops the replaced file's own ACL"),
    (S, "ExtendedAttributes.RemoveAccessAcl(temp, target);", "", "stmt",
     "a streamed rewrite of a file without an ACL keeps the inherited one"),
    (K, "return true;", "return false;", "stmt",
     "a backup whose attribute names cannot be listed counts as unprivileged and is kept under a hidden name",
     "catch (IOException)\n                {\n                    return true;"),
    (R, "(bits & AtomicFileWriter.SetIdBits) != 0", "(bits & UnixFileMode.SetUser) != 0", "expr",
     "IFileSystem.SetMode sets setgid"),
    (R, "FileModes.WithinModeBits(mode, nameof(mode))", "mode", "expr",
     "IFileSystem.SetMode takes bits above 07777"),
]
