# Mutants of session 52's RootedFileSystem.AppendAllText, which opens its file in the directory its walk reached (a
# trusted link's absolute target under the root, as in a chroot), never through a link at the file.
# (DeleteTree's walk deciding whether there is anything to delete: system_files.py 17, retargeted the same session.)
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s52_append.py
# Outcome (session 52): 1 of 1 killed (RootedFileSystemAppendTests); system_files 16-17 re-run, both killed (DeleteTreeTests).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*RootedFileSystemAppendTests", "-class", "*RootedFileSystemTests", "-class", "*DeleteTreeTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
R = "src/Agent/System/RootedFileSystem.cs"
MUTANTS = [
    (R, "flags | OpenFlags.NoFollow", "flags", "expr", "append: a link at the file written through"),
]
