# Mutants of session 62's listing of a directory's names that are not valid UTF-8 (IFileSystem.ListUndecodableNames:
# RootedFileSystem over DirectoryNames, readdir through LibraryImport), which .NET's enumeration gives decoded with
# U+FFFD, a path that names no file: each name as its bytes, sorted bytewise, no valid name among them; a directory
# that cannot be opened or read an error naming it, a missing one nothing.
# Killed by RootedFileSystemUndecodableNamesTests (tests/Agent.Tests/Platform/: real files, strace failing the calls).
# Outcome (session 62): 6 of 6 killed (by RootedFileSystemUndecodableNamesTests).
# Session 65: 1-3 retargeted at RootedFileSystem.Undecodable.cs, where ListUndecodableNames moved (text unchanged); rerun: killed.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*.RootedFileSystemUndecodableNamesTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
RF = "src/Agent/System/RootedFileSystem.Undecodable.cs"
DN = "src/Agent/System/Native/DirectoryNames.cs"
MUTANTS = [
    (RF, "!System.Text.Unicode.Utf8.IsValid(name)", "true", "expr", "every name listed, valid UTF-8 too"),
    (RF, "!System.Text.Unicode.Utf8.IsValid(name)", "name.Contains((byte)0xE9)", "expr",
     "only Latin-1 é taken for not UTF-8 (a truncated sequence, 0xFF missed)"),
    (RF, "a.AsSpan().SequenceCompareTo(b)", "b.AsSpan().SequenceCompareTo(a)", "expr", "sorted backwards"),
    (DN, "(byte*)(entry + NameOffset)", "(byte*)(entry + NameOffset + 1)", "expr", "d_name read from the wrong offset"),
    (DN, "errno is LibC.ENoEnt or LibC.ENotDir", "true", "expr",
     "a directory that cannot be opened (EACCES) taken for a missing one: nothing listed, no error"),
    (DN, "errno == 0 ? names : throw LibC.Failure(\"readdir\", directory, errno)", "names", "expr",
     "a read failing part way answers the names so far"),
]
