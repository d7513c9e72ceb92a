# Mutants of session 68's IFileSystem.DeleteEmptyDirectory in RootedFileSystem (one rmdir: a directory removed only
# while empty), which kmsactivate's put-back uses for the /etc/sysconfig/rhn its write made. Killed by
# KmsMadeDirectoryTests (a file put in the directory while rhnreg_ks ran keeps it; the directory made is removed).
# Outcome (session 68): 2 of 2 killed (run from a clone of the branch), both by KmsMadeDirectoryTests.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.KmsMadeDirectoryTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
R = "src/Agent/System/RootedFileSystem.cs"
MUTANTS = [
    (R, "Directory.Delete(full, recursive: false);", "Directory.Delete(full, recursive: true);", "stmt",
     "a recursive delete: whatever another tool put in the directory is removed with it"),
    (R, "StatusOf(full) is not { Kind: FileKind.Directory }", "true", "expr",
     "nothing removed (the interface's default): the empty directory stays"),
]
