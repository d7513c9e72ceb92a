# Mutants of session 52's agentupdate fixes: a redirect whose Location .NET cannot read is "redirected to an invalid
# URL" (not its status), a refused proxy tunnel logged in the agent's words, a binary that cannot be a program (empty,
# neither ELF nor '#!') refused in every mode, and a staging root reached through links followed within the agent's
# root (the lock beside it, the leftovers behind it, at start too). Session 54: the lock's mutant moved with its code
# to FileLock (IFileSystem.HostPath), runtime_s54_hostpaths.py.
# Run: scripts/mutants/mutate.py scripts/mutants/update_s52.py
# Outcome (session 52): 8 of 8 killed (AgentUpdateCommandTests, RedirectFollowerTests, LinkedStagingRootTests, NovaWireTests).
# Session 55: mutant 2 follows the refused tunnel's text, which now names the proxy (update_s55_proxy.py); rerun, killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Update.*", "-class", "GuestAgent.Commands.Tests.FullPath.NovaWireTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
D = "src/Agent.Commands/Update/UpdateDownloader.cs"
I = "src/Agent.Commands/Update/AgentInstaller.cs"
S = "src/Agent.Commands/Update/StagingFiles.cs"
F = "src/Agent.Commands/Update/RedirectFollower.cs"
R = "src/Agent.Commands/Update/UpdateStagingRecovery.cs"
MUTANTS = [
    (F, "!response.Headers.NonValidated.Contains(\"Location\")", "response.Headers.Location is null", "expr",
     "redirect: an unreadable Location answered with the redirect's status"),
    (D, "string.Create(CultureInfo.InvariantCulture, $\"{refusing} refused the tunnel: HTTP {(int)status}\")",
     "refusing + \" refused the tunnel\"", "expr", "log: a refused tunnel's status left out"),
    (I, "RefuseUnlessItCanBeAProgram(binary);", "", "stmt", "install: an empty or text binary installed"),
    (I, "read == 0", "false", "expr", "install: an empty binary refused as 'not a program'"),
    (I, "!magic.StartsWith(\"#!\"u8)", "true", "expr", "install: a script refused"),
    (R, "StagingFiles.RemoveLeftovers(fileSystem, realRoot, removed.Add);", "StagingFiles.RemoveLeftovers(fileSystem, root, removed.Add);", "stmt",
     "recovery: leftovers behind a linked staging root kept at start"),
    (R, "fileSystem.GetStatus(realRoot)", "fileSystem.GetStatus(root)", "expr",
     "recovery: a linked staging root taken for none"),
]
