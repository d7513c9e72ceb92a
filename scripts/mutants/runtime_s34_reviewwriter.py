# Mutants of session 34's review of writer10 (tests/Agent.Tests):
# - OpenFlags.ReadInPlace (O_RDONLY|O_NOFOLLOW|O_NONBLOCK|O_NOCTTY) is the one set of flags of the
#   four opens that only read what is at a path: ReplaceStreamed's target, the writer's OpenExisting,
#   PreviousBackup.IsPrivileged's backup, RootedFileSystem.ReadAccessControl (1-5; 1 is the old code
#   everywhere, 2-5 the old flags at one site each). A terminal there never becomes the daemon's
#   controlling terminal; strace shows the flag (ReadInPlaceOpenTests, the journal's device-node test).
# - ExtendedAttributes.Write sets no value the file already has (SELinux's relabel checks apply to an
#   unchanged label too): 6 is the old code; 7-8 break Has's comparison (ExtendedAttributesWriteTests).
# - ReplaceStreamed removes the inherited ACL only when the replaced file has none, as WriteTemp does
#   (9 is the old code, which removed it and set the same ACL again; 10 never removes it).
# runtime_s32_writer8.py's 10 (ReadAccessControl without O_NOFOLLOW) stays there, retargeted at
# ReadInPlace.
# Session 35 (writer11): 2 and 3 follow both targets' open into FileInPlace.Open (the journal's host
# path and the writer's entry); the writer's OpenExisting (now only a backup's copy) is
# runtime_s35_writer11.py's; 5 placed by its ReadAccessControl context (ReadExtendedAttributes opens
# the same way). Rerun (session 35, 198 tests each): 2, 3 and 5 killed.
# Session 35 (review-writer): 2 and 3 (O_NOCTTY on FileInPlace's opens) moved to
# runtime_s35_reviewwriter.py as its 1 and 2: FileInPlace now looks with O_PATH and opens nothing by
# name. The numbers above this note are the old ones; the list below has 8 mutants (old 4-10 are 2-8).
# Session 37 (writer13): 2 (an older backup opened by name without O_NOCTTY) removed: PreviousBackup now
# looks at the backup with O_PATH|O_NOFOLLOW and reopens only a regular file through /proc/self/fd, as
# FileInPlace does (runtime_s37_writer13.py); the list below has 7 mutants (old 3-8 are 2-7).
# Root is needed (mknod of the device node), and the acl, attr and strace packages.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s34_reviewwriter.py
# Outcome (session 34, 2026-12-02, as root): 10 mutants, 10 killed (173 tests each). 1, 6 and 9 are
# the old code. The first baseline failed: strace logged a SIGCHLD delivered to the traced thread as
# a "call" (SyscallTrace now passes -e signal=none). 8 retargeted when Has compared its whole buffer;
# rerun: killed.
# Session 53: 2's context follows ReadAccessControl's open to HostPath (root mode's links taken under the root); rerun, killed.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*AtomicFileWriter*", "-class", "*RootedFileSystemTests", "-class", "*StreamedFileAclTests",
             "-class", "*ReplaceStreamedTargetTests", "-class", "*ReadInPlaceOpenTests", "-class", "*ExtendedAttributesWriteTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
O = "src/Agent/System/Native/OpenFlags.cs"
S = "src/Agent/System/AtomicFileWriter.Streamed.cs"
R = "src/Agent/System/RootedFileSystem.cs"
X = "src/Agent/System/Native/ExtendedAttributes.cs"
OLD_FLAGS = "OpenFlags.ReadOnly | OpenFlags.NoFollow | OpenFlags.NonBlocking"
MUTANTS = [
    (O, "ReadOnly | NoFollow | NonBlocking | NoControllingTerminal", "ReadOnly | NoFollow | NonBlocking", "expr",
     "no O_NOCTTY on any open in place (the old code)"),
    (R, "OpenFlags.ReadInPlace", OLD_FLAGS, "expr",
     "ReadAccessControl opens without O_NOCTTY", "using var handle = LibCAt.Open(HostPath(path, followFinalLink: false), OpenFlags.ReadInPlace);\n        return ExtendedAttributes.ReadAccessAcl"),
    (X, "!Has((int)handle.DangerousGetHandle(), attribute)", "true", "expr",
     "a value the file already has is set again (the old code): a same-label relabel a confined domain may not do"),
    (X, "Syscalls.GetExtendedAttribute(fd, attribute.Name, current, (nuint)current.Length) == attribute.Value.Length",
     "Syscalls.GetExtendedAttribute(fd, attribute.Name, current, (nuint)current.Length) >= attribute.Value.Length", "expr",
     "a longer current value (or any, for an empty one) taken for the same"),
    (X, "current.AsSpan().SequenceEqual(attribute.Value)", "true", "expr",
     "a current value of the same length taken for the same"),
    (S, "!ExtendedAttributes.HasAccessAcl(attributes)", "true", "expr",
     "the inherited ACL removed and the same ACL set again (the old code)"),
    (S, "!ExtendedAttributes.HasAccessAcl(attributes)", "false", "expr",
     "the inherited ACL never removed: a file that had none gains the directory's"),
]
