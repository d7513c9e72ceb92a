# Mutants of session 51's agentupdate fixes from its end-to-end hunt: a failed download's logged cause without any URL's
# user info (a refused proxy tunnel named https_proxy's password), a new binary over one that no longer fits the agent
# staged root:root 0755, the staging root's cleanup removing only what updates name as theirs, and a failure after a
# redirect logged with where it led.
# (The credentials' octets are in update_and_injectfile.py, 16-18, retargeted the same session.)
# Run: scripts/mutants/mutate.py scripts/mutants/update_s51_hunt.py
# Outcome (session 51): 6 of 6 killed (AgentUpdateCommandTests, StagingLeftoverTests).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Update.*"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
D = "src/Agent.Commands/Update/UpdateDownloader.cs"
I = "src/Agent.Commands/Update/AgentInstaller.cs"
S = "src/Agent.Commands/Update/StagingFiles.cs"
F = "src/Agent.Commands/Update/RedirectFollower.cs"
MUTANTS = [
    (D, "UserInfo().Replace(text, \"${scheme}\")", "text", "expr", "log: a URL's user and password in the cause kept"),
    (I, "FitsTheAgent(installed)", "true", "expr", "install: a new binary over a user's or world-writable one keeps its owner and mode",
     "installed || FitsTheAgent(installed)"),
    (I, "exact ? Executable : null", "(UnixFileMode?)null", "expr", "install: the refitted binary keeps the old mode"),
    (S, "return name.Length == StagingNameBytes * 2 && name.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');", "return true;", "stmt",
     "staging: the cleanup empties a linked staging root"),
    (D, "last == first ? first : $\"{first} (redirected to {last})\"", "first", "expr", "log: a failure after a redirect names only the first server"),
    (F, "lastRequested.Value = current;", "", "stmt", "log: the redirect's target never recorded"),
]
