# Mutants of session 36's writer12 task, the file system's half (tests/Agent.Tests):
# - IFileSystem.ReadRegularFile (RootedFileSystem): a regular file's contents, status, ACL and
#   attributes all read through FileInPlace's one look (O_PATH|O_NOFOLLOW) at the path and the inode it
#   found; a link, FIFO or device answered null, never opened (1-5).
# - A name that is not UTF-8 (setfattr's user.\xff): ExtendedAttributes.ByName refuses it (6), and
#   HasExactly, ExactExtendedAttributes' comparison, counts it as no name asked for (7), where it
#   went through ByName and failed the write (the old code, not a mutant: an exception path).
# The commands' half (the snapshots that now read through it) is runtime_s36_writer12_commands.py.
# Root is needed (mknod of a device node), and the acl, attr and strace packages.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s36_writer12.py
# Outcome (session 36, 2026-12-02, as root): 7 mutants, 7 killed (197 tests each: this batch's classes
# and runtime_s35_writer11.py's, one build with that batch's retargeted 7, also killed).
# Session 36 (review-writer): 2-4 retargeted at ReadRegularFile's found.Handle and found.Status!.Value
# (the same defects); 5 removed: the 16 KiB read loop it cut short is gone, the contents are read by
# FileInPlace.ReadToEnd, whose mutants are runtime_s36_reviewwriter.py's 2-5. Old 6 and 7 are 5 and 6.
# Rerun (one build with runtime_s36_reviewwriter.py, 197 tests each): 2-4 killed.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*ReadRegularFileTests", "-class", "*ExtendedAttributeNameNotUtf8Tests",
             "-class", "*AtomicFileWriterExactAttributesTests", "-class", "*FileInPlaceLookTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
R = "src/Agent/System/RootedFileSystem.cs"
X = "src/Agent/System/Native/ExtendedAttributes.cs"
MUTANTS = [
    (R, "found.Kind != FoundInPlace.Regular", "false", "expr",
     "a link, FIFO or device looked at taken for a regular file (its handle asked for)"),
    (R, "ExtendedAttributes.ReadAccessAcl(found.Handle, path)", "[]", "expr",
     "the file's ACL read as none"),
    (R, "ExtendedAttributes.ByName(ExtendedAttributes.Read(found.Handle, path, out _), path)", "new Dictionary<string, ReadOnlyMemory<byte>>()", "expr",
     "the file's attributes read as none"),
    (R, "found.Status!.Value", "default(FileStatus)", "expr",
     "the status of no file returned"),
    (X, "Utf8.IsValid(attribute.Name)", "true", "expr",
     "a name that is not UTF-8 read as text with U+FFFD (another name, which a restore would set)",
     "byName[Utf8.IsValid(attribute.Name) ? attribute.DisplayName"),
    (X, "Utf8.IsValid(attribute.Name)", "true", "expr",
     "HasExactly takes a name that is not UTF-8 for the U+FFFD name asked for: the rewrite skipped",
     "Utf8.IsValid(attribute.Name) && byName.TryGetValue"),
]
