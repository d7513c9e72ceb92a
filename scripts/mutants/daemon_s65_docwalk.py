# Mutants of what session 65's walk of docs/daemon.md and docs/commands.md on the published daemon
# changed in the daemon: agentupdate's hint for accepting plain http names the configuration file to
# edit, and under --config /dev/null (which reads none) no longer "/dev/null" (AgentComposition).
# In-process (AgentCompositionTests): no PUBLISH. Its XenStore half is daemon_s65_docwalk_xenstore.py.
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_s65_docwalk.py
# Outcome (session 65): 3 of 3 killed (AgentCompositionTests; a build of about 3 minutes, then about 1 s a
# mutant). 1 and 3 are the code before this session.
# Session 66: the file to edit moved to AgentSettings.ConfigurationFileToEdit, which the state-directory error
# (SettingsLog, SettingsLogTests) now names too: 1 and 2 retargeted there, 4 added (the error's code before);
# rerun from a clone of main: 4 of 4 killed.
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*AgentCompositionTests", "-class", "*SettingsLogTests"]
SWITCH_NS = "GuestAgent.Daemon.MutantSwitches"
SWITCH_DIR = "src/Agent.Daemon"
A = "src/Agent.Daemon/Hosting/AgentComposition.cs"
S = "src/Agent.Daemon/Configuration/AgentSettings.cs"
L = "src/Agent.Daemon/Configuration/SettingsLog.cs"
MUTANTS = [
    (S, "ConfigurationFile == ConfigurationReader.NoFile", "false", "expr",
     "http hint: --config /dev/null named as the file to edit (the code before session 65)"),
    (S, "ConfigurationFile == ConfigurationReader.NoFile", "!ConfigurationFileRead", "expr",
     "http hint: a missing default file described as none read, not named as the file to create"),
    (A, "\"set 'agentUpdate.allowHttp' to true in \" + settings.ConfigurationFileToEdit", "\"set 'agentUpdate.allowHttp' to true in \" + settings.ConfigurationFile", "expr",
     "http hint: the file named whatever it is (the code before session 65, spelt as it was)"),
    (L, "\"in \" + settings.ConfigurationFileToEdit", "settings.ConfigurationFileRead ? \"in \" + settings.ConfigurationFile : \"in a configuration file (--config)\"", "expr",
     "the state-directory error: a missing default file and --config /dev/null both 'a configuration file (--config)' (the code before session 66)"),
]
