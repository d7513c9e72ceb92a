# Session 62: agentupdate judged by what runs afterwards. The daemon checks a new binary with
# `check-config --config <the file it read>` (AgentComposition.UpdateCheckArguments) instead of
# `--version`, so a build that would refuse this guest's configuration (exit 2, which the packaged
# unit's RestartPreventExitStatus=2 leaves failed with no agent) is never installed and answered
# "0". The end-to-end proof is LiveSystemdTests.Update.cs (the packaged unit in a booted systemd);
# these mutants are judged by the in-process AgentCompositionTests, which pin the arguments for a
# file read, --config /dev/null and no file at the default path, so no PUBLISH.
# Run: scripts/mutants/mutate.py scripts/mutants/update_s62_updatereal.py
# Outcome (session 62): 5 of 5 killed by AgentCompositionTests.A_new_binary_is_checked_against_the_configuration_this_agent_runs_with
# (1 by all three cases; 2 by /dev/null; 3 by no file at the default path; 4 by a file read; 5 by a file read and /dev/null).
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*.AgentCompositionTests"]
SWITCH_NS = "GuestAgent.Daemon.MutantSwitches"
SWITCH_DIR = "src/Agent.Daemon"
TIMEOUT = 300
C = "src/Agent.Daemon/Hosting/AgentComposition.cs"
MUTANTS = [
    (C, "UpdateCheckArguments(settings)", "[\"--version\"]", "expr",
     "the new binary checked with --version only (the code before session 62): a build refusing the configuration installed"),
    (C, "settings.ConfigurationFileRead || settings.ConfigurationFile == ConfigurationReader.NoFile",
     "settings.ConfigurationFileRead", "expr",
     "--config /dev/null not passed on: the new build judges the default file the agent never read"),
    (C, "settings.ConfigurationFileRead || settings.ConfigurationFile == ConfigurationReader.NoFile",
     "true", "expr",
     "--config always passed: with no file at the default path the new build's check-config fails (an explicit file must exist) and every update is refused"),
    (C, "settings.ConfigurationFileRead || settings.ConfigurationFile == ConfigurationReader.NoFile",
     "settings.ConfigurationFile == ConfigurationReader.NoFile", "expr",
     "the file the agent read not passed on: a --config elsewhere never checked"),
    (C, "[VerbCatalog.CheckConfig.Name, \"--config\", settings.ConfigurationFile]",
     "[VerbCatalog.CheckConfig.Name]", "expr",
     "the configuration file never named: the new build checks the default path, not the file this agent runs with"),
]
