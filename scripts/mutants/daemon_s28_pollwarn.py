# Mutants of session 28's warning about a long xenstore.pollIntervalSeconds (SettingsWarnings): above
# 10 s a request may wait most of Nova's 30 s before the agent sees it when watches are unavailable.
# All run in-process: no PUBLISH.
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_s28_pollwarn.py
# Outcome (session 28, 2026-12-01): 3 mutants, all killed (SettingsWarningsTests; one build of 41 s, then under 1 s a
# mutant). 2 is the code before this session: its killing tests are the ones that fail on it.
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*SettingsWarningsTests"]
SWITCH_NS = "GuestAgent.Daemon.MutantSwitches"
SWITCH_DIR = "src/Agent.Daemon"
TIMEOUT = 300
W = "src/Agent.Daemon/Configuration/SettingsWarnings.cs"
MUTANTS = [
    (W, "settings.PollInterval.TotalSeconds > LongestPromptPollSeconds", "settings.PollInterval.TotalSeconds >= LongestPromptPollSeconds", "expr",
     "warnings: a 10 s interval, the Python agent's, warned about"),
    (W, "settings.PollInterval.TotalSeconds > LongestPromptPollSeconds", "false", "expr",
     "warnings: no warning for a long poll interval (the code before session 28)"),
    (W, "settings.PollInterval.TotalSeconds > LongestPromptPollSeconds", "settings.PollInterval.TotalSeconds > 30", "expr",
     "warnings: only an interval past Nova's whole wait warned about"),
]
