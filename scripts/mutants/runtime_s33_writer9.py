# Mutants of session 33's writer9 task, the system layer's half (tests/Agent.Tests):
# - IFileSystem.ReadAccessControl's default implementation answers null, "cannot tell" (not empty,
#   "none", which would remove a file's ACL on a restore) for an SDK user's file system without it (1).
# - PosixAccessControl.IsWellFormed, the one check of an ACL in the kernel's form (empty, or a
#   little-endian version 2 header and 8-byte entries within 64 KiB), now made by
#   AtomicWriteOptions.ExactAccessControl when it is set (6) and by the recovery record's "acl":
#   2-5 are runtime_s32_reviewwriter_commands.py's 2-5, moved here with the code.
# - FileModes.WithinModeBits, the one bound (and message) on a mode for the write options and
#   RootedFileSystem.SetMode (7; runtime_s32_writer8.py's 11 and 16 follow it there).
# - ExtendedAttributes.ListNames, the one reading of a file's attribute names for Read and
#   HasCapabilities (8-9; runtime_s30_inject.py's 10-11, runtime_s32_writer8.py's 12 and
#   system_files.py's 46 were retargeted at it).
# - ReplaceStreamed (the response journal) gives its temp file the replaced file's access ACL, or
#   none, not the directory's default (10-13).
# Root is needed (the capability and owner tests), and the acl package (setfacl, getfacl).
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s33_writer9.py
# Outcome (session 33, 2026-12-02, as root): 13 mutants, 13 killed (155 tests each); 6 and 10 are the
# old code. 1's new text is cast to the nullable type: uncast, the switch's natural type was
# ReadOnlyMemory<byte>, and byte[]'s conversion made its unmutated null arm an empty ACL.
# Session 34 (writer10): 10-13 (ReplaceStreamed's ACL) moved to runtime_s34_writer10.py, retargeted at
# KeepAttributes, which replaced KeepAccessAcl (its 7-9 and 1), all killed there; this batch now has 9 mutants.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*AtomicFileWriter*", "-class", "*RootedFileSystemTests", "-class", "*StreamedFileAclTests", "-class", "*PinnedDirectoryTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
I = "src/Agent/System/IFileSystem.cs"
P = "src/Agent/System/PosixAccessControl.cs"
O = "src/Agent/System/AtomicWriteOptions.cs"
F = "src/Agent/System/FileModes.cs"
X = "src/Agent/System/Native/ExtendedAttributes.cs"
MUTANTS = [
    # The cast keeps the switch's other arm null: byte[]'s conversion would make it an empty memory.
    (I, "null", "(ReadOnlyMemory<byte>?)ReadOnlyMemory<byte>.Empty", "expr",
     "the default answers none (empty): a restore under a user's file system removes the file's ACL",
     "ReadAccessControl(string path) => null"),
    (P, "value.IsEmpty", "false", "expr",
     "an empty ACL (none) refused"),
    (P, "value.Length is >= HeaderBytes and <= MaxBytes", "value.Length >= HeaderBytes", "expr",
     "no cap: an ACL past the kernel's 64 KiB taken"),
    (P, "(value.Length - HeaderBytes) % EntryBytes == 0", "true", "expr",
     "a cut entry taken"),
    (P, "BinaryPrimitives.ReadUInt32LittleEndian(value) == Version", "true", "expr",
     "any version taken"),
    (O, "PosixAccessControl.IsWellFormed(acl.Span)", "true", "expr",
     "a malformed ExactAccessControl taken when set, failing only at the write (the old code)"),
    (F, "Convert.ToString((int)mode, 8)", "((int)mode).ToString(System.Globalization.CultureInfo.InvariantCulture)", "expr",
     "the refused mode named in decimal"),
    (X, "copied.Add([.. name, 0]);", "copied.Add([.. name]);", "stmt",
     "an attribute's name handed to fgetxattr without its NUL"),
    (X, "names.Capabilities", "false", "expr",
     "Read never reports file capabilities: a capability program's backup is a hard link"),
]
