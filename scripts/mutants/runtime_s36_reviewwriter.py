# Mutants of session 36's review of writer12 (tests/Agent.Tests): IFileSystem.ReadRegularFile's look
# and read (FileInPlace):
# - a path under a regular file (ENOTDIR) is nothing there, as GetStatus answers it (1 is the old
#   code, which failed the read, and with it a resetnetwork removal's snapshot, with an IOException);
# - FileInPlace.ReadToEnd reads the file looked at to its end, however long it is by now: grown after
#   the look (2, 3), shrunk (4), or longer by its status than an array holds, refused before any
#   read (5).
# Not mutated: the refusal of a file that grows past Array.MaxLength while read (2 GiB of real data);
# the growth step (any step over the current length gives the same answer); the zeroing of the arrays
# left behind (nothing a test can look at holds them any more).
# Root is needed (mknod of a device node in ReadRegularFileTests), and the acl, attr and strace packages.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s36_reviewwriter.py
# Outcome (session 36, 2026-12-02, as root): 5 mutants, 5 killed (197 tests each: one build with
# runtime_s36_writer12.py's retargeted 2-4 and runtime_s34_writer10.py's retargeted 1, all killed, and
# the union of those batches' classes). 1 is the old code: ReadRegularFileTests' path under a file failed.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*ReadRegularFileTests", "-class", "*FileInPlaceReadTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
F = "src/Agent/System/FileInPlace.cs"
MUTANTS = [
    (F, "errno is LibC.ENoEnt or LibC.ENotDir", "errno == LibC.ENoEnt", "expr",
     "a path under a regular file fails the read instead of being nothing there (the old code)"),
    (F, "RandomAccess.Read(Handle, next, length) == 0", "true", "expr",
     "a file that grew after the look cut at its status's size"),
    (F, "contents[length++] = next[0];", "length++;", "stmt",
     "the byte read past the status's size lost (a zero in its place)"),
    (F, "return Copied(contents, length);", "return contents;", "stmt",
     "a file that shrank after the look padded with zeros to its status's size"),
    (F, "Status!.Value.Size <= Array.MaxLength", "true", "expr",
     "a status longer than an array holds not refused as too long (an array of that size asked for)"),
]
