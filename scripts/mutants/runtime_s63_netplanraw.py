# Mutants of session 63's DeleteTree over names that are not valid UTF-8 (DirectoryTree): a directory's entries read as
# bytes (DirectoryNames.TryRead on /proc/self/fd/N, null without /proc) and removed by those bytes (LibCAt.UnlinkAtBytes,
# TryOpenAtBytes), an error naming such an entry with its bytes %XX-escaped (DirectoryNames.Shown).
# Killed by DeleteTreeTests (real files with such names, strace failing unlinkat) and WithoutProcTests.
# Outcome (session 63): 5 of 5 killed (by DeleteTreeTests, the /proc one by WithoutProcTests).
# Session 69: 1 retargeted (4, the quote kept, at EscapedText, which DirectoryNames.Shown now calls); rerun: killed.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*.DeleteTreeTests", "-class", "*.WithoutProcTests", "-class", "*.RootedFileSystemUndecodableNamesTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
DT = "src/Agent/System/DirectoryTree.cs"
DN = "src/Agent/System/Native/DirectoryNames.cs"
ET = "src/Agent/System/EscapedText.cs"
LA = "src/Agent/System/Native/LibCAt.cs"
MUTANTS = [
    (DT, "DirectoryNames.TryRead(LibCAt.ViaDescriptor(directory))",
     "DirectoryNames.TryRead(LibCAt.ViaDescriptor(directory))?.Select(n => System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(n))).ToList()", "expr",
     "the defect put back: each name decoded with U+FFFD, a name unlinkat finds nothing at"),
    (DT, "DirectoryNames.TryRead(LibCAt.ViaDescriptor(directory))", "DirectoryNames.Read(LibCAt.ViaDescriptor(directory))", "expr",
     "without /proc, the listing is empty: the removal fails on the directory, not saying /proc is not mounted",
     ": (DirectoryNames.TryRead(LibCAt.ViaDescriptor(directory)))"),
    (DT, "DirectoryNames.Shown(entry)", "System.Text.Encoding.UTF8.GetString(entry)", "expr",
     "an error names such an entry decoded (U+FFFD), a name of no file"),
    (ET, "b is >= (byte)' ' and <= (byte)'~' and not (byte)'\\'' and not (byte)'\"' and not (byte)'\\\\' and not (byte)'%'",
     "b is >= (byte)' ' and <= (byte)'~' and not (byte)'\"' and not (byte)'\\\\' and not (byte)'%'", "expr",
     "a name's ' kept as it is, closing the quotes around the path"),
    (LA, "directory ? OpenFlags.AtRemoveDirectory : 0", "0", "expr",
     "the emptied directory unlinked as a file (EISDIR): the tree stays",
     "Syscalls.UnlinkAt(Fd(parent), nameZ, directory ? OpenFlags.AtRemoveDirectory : 0)"),
]
