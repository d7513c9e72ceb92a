# Mutants of session 27's start-up wait for XenStore (a warning 10 s into the wait, then every 30 s,
# naming the endpoint and the seconds waited: XenStoreStartupWait, RunningAgent.ConnectAsync) and the
# warning about a stateDirectory that is the root directory (SettingsWarnings). All run in-process,
# on a manual clock: no PUBLISH.
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_s27_xsstall.py
# Outcome (session 27, 2026-12-01): 13 mutants, all killed (XenStoreStartupWaitTests, SettingsWarningsTests;
# one build, then about 1 s a mutant: the clock is a FakeTimeProvider). 11 and 12 are the code before this
# session (11 as the tests see it: a wait on the system clock never warns within a test).
TEST_PROJECT = "tests/Agent.Daemon.Tests/Agent.Daemon.Tests.csproj"
TEST_EXE = "tests/Agent.Daemon.Tests/bin/Release/net10.0/GuestAgent.Daemon.Tests"
TEST_ARGS = ["-class", "*XenStoreStartupWaitTests", "-class", "*SettingsWarningsTests"]
SWITCH_NS = "GuestAgent.Daemon.MutantSwitches"
SWITCH_DIR = "src/Agent.Daemon"
TIMEOUT = 300
X = "src/Agent.Daemon/Hosting/XenStoreStartupWait.cs"
A = "src/Agent.Daemon/Hosting/RunningAgent.cs"
W = "src/Agent.Daemon/Configuration/SettingsWarnings.cs"
TIMER = "time.CreateTimer(static state => ((XenStoreStartupWait)state!).Warn(), this, FirstWarning, RepeatInterval)"
MUTANTS = [
    (X, "TimeSpan.FromSeconds(10)", "TimeSpan.FromSeconds(5)", "expr",
     "start-up wait: the first warning after 5 s, not 10"),
    (X, "TimeSpan.FromSeconds(30)", "TimeSpan.FromSeconds(60)", "expr",
     "start-up wait: the reminders every 60 s, not 30"),
    (X, TIMER, TIMER.replace("FirstWarning, RepeatInterval", "RepeatInterval, RepeatInterval"), "expr",
     "start-up wait: the first warning only after the repeat interval"),
    (X, TIMER, TIMER.replace("FirstWarning, RepeatInterval", "FirstWarning, Timeout.InfiniteTimeSpan"), "expr",
     "start-up wait: one warning, no reminders"),
    (X, "(long)_time.GetElapsedTime(_started).TotalSeconds", "(long)FirstWarning.TotalSeconds", "expr",
     "start-up wait: every warning says 10 s, whatever the wait"),
    (X, "time.GetTimestamp()", "0L", "expr",
     "start-up wait: the seconds counted from the clock's origin, not the wait's start"),
    (X, "description", "null", "expr",
     "start-up wait: once connected, still worded as a connection not accepted",
     "_connection = description"),
    (X, "_timer.Dispose();", "GC.KeepAlive(_timer);", "stmt",
     "start-up wait: the timer outlives the wait (warnings after connecting, or after a stop)"),
    (A, "waiting.Connected(client.Description);", "", "stmt",
     "run: the connection not told to the wait (a mute xenstored worded as a full listen queue)"),
    (A, "_settings.XenStorePath ?? XenStoreEndpoint.Candidates()[0]", "XenStoreEndpoint.Candidates()[0]", "expr",
     "run: a configured XenStore path not named while connecting (libxenstore's default instead)"),
    (A, "Time", "TimeProvider.System", "expr",
     "run: the wait on the system clock, not the agent's (as the tests see it, the code before session 27: no warning)",
     "logger, Time)"),
    (W, "settings.StateDirectory == \"/\"", "false", "expr",
     "warnings: no warning for a state directory that is / (the code before session 27)"),
    (W, "settings.StateDirectory == \"/\"", "settings.StateDirectory.StartsWith('/')", "expr",
     "warnings: every state directory warned about as the root directory"),
]
