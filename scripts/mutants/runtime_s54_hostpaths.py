# Session 54: IFileSystem.HostPath, the host path handed to the kernel or another program, in root mode through
# links under the root as every RootedFileSystem method reaches them: FileLock's lock file (agentupdate's lock
# beside a linked staging root, moved here from update_s52.py with its code) and a staged file's HostPath.
# The commands half (agentupdate's check, resetnetwork's restore, the instance lock): runtime_s54_hostpaths_commands.py.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s54_hostpaths.py
# Session 54: run, 2 of 3 killed; 2 (a link at the lock file followed) then killed by a new
# RootModeHostPathTests case (a link at the lock's own name refused even when it leads under the root).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*RootModeHostPathTests", "-class", "*FileLockTests", "-class", "*AtomicFileWriterStagingTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
F = "src/Agent/System/FileLock.cs"
W = "src/Agent/System/AtomicFileWriter.cs"
MUTANTS = [
    (F, "fileSystem.HostPath(path, followFinalLink: false)", "fileSystem.Resolve(path)", "expr",
     "lock: a lock file in a directory linked under the root opened the host's way"),
    (F, "false", "true", "expr", "lock: a link at the lock file followed", "fileSystem.HostPath(path, followFinalLink: false)"),
    (W, "_fileSystem.HostPath(path, followFinalLink: false)", "_fileSystem.Resolve(path)", "expr",
     "stage: the staged file named by the lexical path, the host's beyond a trusted link"),
]
