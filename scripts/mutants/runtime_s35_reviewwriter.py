# Mutants of session 35's review of writer11 (tests/Agent.Tests): FileInPlace looks at a write's
# target with O_PATH|O_NOFOLLOW and opens only a regular file, through /proc/self/fd/N, so a device
# node's driver never runs its open (a watchdog arms on one) and a FIFO is never opened: the main
# writer's look (1) and the journal's (2), opened by name to be read as writer11 left them; a link
# looked at is a link (3); anything not regular is not read (4, runtime_s34_writer10.py's 5 moved
# here); the commit's backup copy refuses what raced into place (5). ExactExtendedAttributes refuses a
# name with a lone surrogate, which UTF-8 would set as another name, or over the kernel's 255 bytes (6, 7;
# the record's bounds on attributes are runtime_s35_reviewwriter_commands.py's).
# Moved here: runtime_s34_reviewwriter.py's 2 and 3 and runtime_s35_writer11.py's 3 (O_NOCTTY on
# the opens by name these looks replaced: a look opens nothing, so there is no terminal to take; 1
# and 2 here), runtime_s34_writer10.py's 5 (4 here).
# Not mutated: the reopen's /proc/self/fd path (no other way to reach the inode looked at without
# CAP_DAC_READ_SEARCH; any other text fails every write) and its O_NONBLOCK (only a regular file is reopened).
# Root is needed (mknod of a device node), and the acl, attr and strace packages.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s35_reviewwriter.py
# Outcome (session 35, 2026-12-02, as root): 1-5 run, 5 killed (187 tests each; 1 and 2 are writer11's
# code). 6 and 7 were added after that run and are not run yet (hard stop): run `... 6 7`.
# Session 36 (writer12): 6 and 7 run (187 tests each, in one build with runtime_s32_writer8.py's 10):
# both killed, by AtomicFileWriterExactAttributesTests' name refusal test (6 is writer11's code).
# Session 37 (writer13): 5 (the commit's backup copy refusing a target swapped for a FIFO) removed: the
# commit no longer opens the target's name again; its backup is linked through, or copied from, the
# descriptor the stage looked with (runtime_s37_writer13.py's 16-19), and a FIFO swapped in is never
# opened (FileInPlaceLookTests). The list below has 6 mutants (old 6 and 7 are 5 and 6).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*AtomicFileWriter*", "-class", "*RootedFileSystemTests", "-class", "*StreamedFileAclTests",
             "-class", "*ReplaceStreamedTargetTests", "-class", "*ReadInPlaceOpenTests", "-class", "*FileInPlaceLookTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
F = "src/Agent/System/FileInPlace.cs"
W = "src/Agent/System/AtomicFileWriter.cs"
X = "src/Agent/System/Native/ExtendedAttributes.cs"
MUTANTS = [
    (F, "LookOnly", "OpenFlags.ReadInPlace", "expr",
     "the writer's target opened by name to be read (writer11's code): a device's open runs, a FIFO is opened",
     "LibCAt.TryOpenAt(directory, name, LookOnly"),
    (F, "LookOnly", "OpenFlags.ReadInPlace", "expr",
     "the journal's target opened by name to be read (writer11's code): a device's open runs, a FIFO is opened",
     "LibCAt.TryOpen(path, LookOnly"),
    (F, "status.Kind == FileKind.SymbolicLink ? FoundInPlace.Link : FoundInPlace.NotRegular", "FoundInPlace.NotRegular", "expr",
     "a link looked at taken for a thing that is not regular: refused with the wrong reason, never replaced"),
    (F, "status.Kind != FileKind.File", "false", "expr",
     "a FIFO's (or any looked-at non-regular thing's) attributes passed on, or its contents read"),
    (X, "Utf8.FromUtf16(name, stackalloc byte[MaxNameBytes], out _, out _, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done", "true", "expr",
     "an ExactExtendedAttributes name with a lone surrogate (set as another name) or over 255 bytes taken (writer11's code)"),
    (X, "MaxNameBytes", "MaxNameBytes + 1", "expr",
     "a 256-byte name taken", "stackalloc byte[MaxNameBytes]"),
]
