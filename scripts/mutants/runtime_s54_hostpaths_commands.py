# Session 54, the commands half of runtime_s54_hostpaths.py: the host paths agentupdate's check runs and
# resetnetwork's restore removes, in root mode through links under the root (IFileSystem.HostPath).
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s54_hostpaths_commands.py
# Session 54: run, 2 of 2 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*AgentInstallerLinkedDirectoryTests", "-class", "*FileRestorerLinkedDirectoryTests", "-class", "*LinkedStagingRootTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
I = "src/Agent.Commands/Update/AgentInstaller.cs"
R = "src/Agent.Commands/Network/Applying/FileRestorer.cs"
MUTANTS = [
    (I, "system.FileSystem.HostPath(installPath, followFinalLink: true)", "system.FileSystem.Resolve(installPath)", "expr",
     "install: the binary already installed checked by the lexical path, the host's beyond a linked directory"),
    (R, "_system.FileSystem.HostPath(directory, followFinalLink: false)", "_system.FileSystem.Resolve(directory)", "expr",
     "restore: a created directory removed by the lexical path, left behind under a linked directory"),
]
