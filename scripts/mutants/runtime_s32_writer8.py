# Mutants of session 32's writer8 task, the atomic writer's half (tests/Agent.Tests):
# - A rewritten file (and its backup copy) has no access ACL its old file lacked: the one a default
#   ACL on the directory gives every new inode is removed (WriteTemp, ExtendedAttributes.RemoveAccessAcl);
#   a new file keeps it, unless AtomicWriteOptions.ExactAccessControl asks for another.
# - ExactAccessControl (the ACL a rollback puts back, empty for none) replaces the old file's ACL;
#   SkipIfUnchanged compares it; IFileSystem.ReadAccessControl reads it without following a link.
# - A mode option with a bit above 07777 is refused, naming the option.
# - PreviousBackup.Keep gives no capability-carrying old backup a hidden name (as no setuid one).
# - IFileSystem.SetMode refuses setuid, setgid and bits above 07777 (15, 16).
# Mutants 1, 4 and 12 are the old code (no removal; no capability check): their kills show the new
# tests fail there. The restorers' half is runtime_s32_writer8_commands.py. Root and the acl and
# libcap2-bin packages are needed (setfacl, getfacl, setcap, chattr).
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s32_writer8.py
# Outcome (session 32, 2026-12-02): 16 mutants, 14 killed, 2 equivalent (1-14 with 135 tests each;
# 15-16, added with SetMode's guard, with 138):
# - 5 survives: ext4 and tmpfs answer 0, not ENODATA, when an absent POSIX ACL is removed
#   (set_posix_acl(NULL)), so the ENODATA tolerance is defence for file systems that do answer it.
# - 8 survives: the kernel reads an empty system.posix_acl_access value as "remove the ACL", and the
#   temp file's inherited ACL is already removed when the list holds none.
# Session 32, its review (runtime_s32_reviewwriter.py): 5 made killable by a test that has strace answer
# fremovexattr with ENODATA, as a FUSE file system keeping its own attributes may; 8 retargeted at the
# other arm of the same choice (a non-empty exact ACL dropped), the empty one being equivalent on Linux
# (the kernel removes the ACL either way; the removal is kept, so "none" takes one path, whose
# failures the review's tests pin). Run 5 and 8 (141 tests each): both killed, 5 by the ENODATA case of
# AtomicFileWriterAclTests' removal answers, 8 by its exact ACL test.
# Session 33 (writer9): the mode bound moved to FileModes.WithinModeBits (11; 16 is now SetMode's call
# of it) and HasCapabilities reads the names through ExtendedAttributes.ListNames (12); rerun: all 3
# killed (with the other retargeted Agent.Tests mutants of session 33, one build, GuestAgent.Tests.Platform.*, 315 tests).
# Session 34 (writer10): 15 and 16 moved to runtime_s34_writer10.py with SetMode's change (its mode
# checked once, the checked value used: its 11 and 12), both killed there; this batch now has 14 mutants.
# Session 34 (review-writer): 10 retargeted at OpenFlags.ReadInPlace, the flags every open in place
# now takes (runtime_s34_reviewwriter.py); rerun (150 tests): killed.
# Session 35 (writer11): 10 placed by its ReadAccessControl context (ReadExtendedAttributes opens the same way); same text,
# not rerun (runtime_s34_reviewwriter.py's 5, the same site, was: killed).
# Session 36 (writer12): 10 rerun (187 tests: this batch's classes and runtime_s35_reviewwriter.py's, one
# build with its 6 and 7): killed, by AtomicFileWriterAclTests.Reading_the_ACL_never_follows_a_link_at_the_path.
# Session 53: 10's context follows ReadAccessControl's open to HostPath (root mode's links taken under the root); rerun, killed.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*AtomicFileWriter*", "-class", "*RootedFileSystemTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
A = "src/Agent/System/AtomicFileWriter.cs"
E = "src/Agent/System/AtomicFileWriter.Exact.cs"
K = "src/Agent/System/AtomicFileWriter.PreviousBackup.cs"
X = "src/Agent/System/Native/ExtendedAttributes.cs"
O = "src/Agent/System/AtomicWriteOptions.cs"
R = "src/Agent/System/RootedFileSystem.cs"
F = "src/Agent/System/FileModes.cs"
MUTANTS = [
    (A, "!inheritsAcl && !ExtendedAttributes.HasAccessAcl(attributes)", "false", "expr",
     "no inherited ACL removed (the old code): a rewritten file gains the directory's default entries"),
    (A, "existing is null && options.ExactAccessControl is null", "false", "expr",
     "a new file loses the ACL its directory's default gives it"),
    (A, "existing is null && options.ExactAccessControl is null", "existing is null", "expr",
     "a new file keeps the inherited ACL although an exact one (none) is asked for"),
    (X, "attributes.Any(IsAccessAcl)", "true", "expr",
     "every file counted as having an ACL: the inherited one is never removed"),
    (X, "errno is not (ENoData or ENotSupported)", "errno is not ENotSupported", "expr",
     "removing an ACL the file does not have fails the write"),
    (E, "[.. attributes.Where(attribute => !ExtendedAttributes.IsAccessAcl(attribute)), .. ExtendedAttributes.AccessAclAttribute(acl)]", "attributes", "expr",
     "ExactAccessControl ignored: the file keeps the old file's ACL"),
    (E, "!ExtendedAttributes.IsAccessAcl(attribute)", "true", "expr",
     "the old file's ACL kept beside the exact one: an empty one removes nothing"),
    (X, "value.IsEmpty ? [] : [new ExtendedAttribute(AccessAclName.ToArray(), value.ToArray())]", "[]", "expr",
     "a non-empty exact ACL never written: the file gets none"),
    (E, "ExtendedAttributes.ReadAccessAcl(handle, path).AsSpan().SequenceEqual(acl.Span)", "true", "expr",
     "SkipIfUnchanged skips matching contents whatever their ACL"),
    (R, "OpenFlags.ReadInPlace", "OpenFlags.ReadInPlace & ~OpenFlags.NoFollow", "expr",
     "ReadAccessControl follows a link at the path", "using var handle = LibCAt.Open(HostPath(path, followFinalLink: false), OpenFlags.ReadInPlace);\n        return ExtendedAttributes.ReadAccessAcl"),
    (F, "((int)mode & ~0xFFF) == 0", "true", "expr",
     "a mode with bits above 07777 taken"),
    (X, "ListNames((int)handle.DangerousGetHandle(), pathForErrors).Capabilities", "false", "expr",
     "file capabilities never seen (the old code): an older capability backup is kept under a hidden name"),
    (K, "status.Kind != FileKind.File", "true", "expr",
     "a regular backup's capabilities not looked for"),
    (O, "nameof(ExactMode)", "nameof(NewFileMode)", "expr",
     "the refusal names another option"),
]
