# Mutants of session 40's /proc-missing errors: FileInPlace's reopen through /proc/self/fd answering ENOENT, and
# DirectoryTree's listing through it, now say "/proc is not mounted" (LibCAt.ProcNotMounted) where the reopen said
# "No such file or directory" of a file that is there. Tested without a double: WithoutProc unmounts /proc in a
# mount namespace of the test thread's own.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s40_noproc.py
# Outcome (session 40, 2026-12-04): 3 mutants, 3 killed (the no-mutant run: 13 tests pass), each by the WithoutProcTests
# test of its path (the message mutant by both).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*.WithoutProcTests", "-class", "*.FileInPlaceLookTests", "-class", "*.DeleteTreeTests"]
SWITCH_NS = "GuestAgent.MutantSwitches.NoProc40"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
F = "src/Agent/System/FileInPlace.cs"
D = "src/Agent/System/DirectoryTree.cs"
L = "src/Agent/System/Native/LibCAt.cs"
MUTANTS = [
    (F, r'''LibCAt.ProcNotMounted("open", path)''', r'''LibC.Failure("open", path, reopened)''', "expr",
     "the reopen's ENOENT said as before: \"No such file or directory\" of a file that is there"),
    (D, r'''throw LibCAt.ProcNotMounted("list", pathForErrors);''', r'''return [];''', "stmt",
     "a directory that cannot be listed taken for an empty one: the tree's removal fails later, without the reason"),
    (L, r'''$"Cannot {action} '{path}': /proc is not mounted"''', r'''$"Cannot {action} '{path}'"''', "expr",
     "the reason left out of the message"),
]
