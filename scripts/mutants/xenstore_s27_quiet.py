# Mutants of session 27's warning about a XenStore gone quiet (connected, a request waiting, no
# reply: a wedged xenstored): the connection's reply count and waiting flag (XenStoreConnection.
# Activity), the 30 s looks, the warning after a whole look, the 10-minute reminder, the "answers
# again" line (QuietXenStoreCheck), and the exchange starting the check on its own clock.
# Run: scripts/mutants/mutate.py scripts/mutants/xenstore_s27_quiet.py
# Outcome (session 27, 2026-12-01): 10 mutants, all killed (QuietConnectionTests; one build, then
# under a second a mutant: the clock is a FakeTimeProvider). 9 is the code before this session as
# the tests see it (a check on the system clock never looks within a test). Not here: the check
# disposed with the exchange, and a connection made again watched afresh, which session 28's
# QuietCheckLifetimeTests observe (their mutants: xenstore_s28_hosting2.py).
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "*QuietConnectionTests"]
SWITCH_NS = "GuestAgent.XenStore.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 90
C = "src/Agent/XenStore/Client/XenStoreConnection.cs"
Q = "src/Agent/Exchanges/QuietXenStoreCheck.cs"
E = "src/Agent/Exchanges/XenStoreExchange.cs"
MUTANTS = [
    (C, "_replies++;", "", "stmt",
     "connection: replies not counted (the answer coming back never said)"),
    (C, "_pending.Count > 0", "false", "expr",
     "connection: never a request waiting (a wedged xenstored never warned about)",
     "(_replies, _pending.Count > 0)"),
    (Q, "_waiting && replies == _replies", "replies == _replies", "expr",
     "check: a standing reply count is quiet even with nothing waiting (an idle agent warned about)"),
    (Q, "quiet && !_warned", "quiet", "expr",
     "check: a warning at every look, not once"),
    (Q, "quiet && _time.GetElapsedTime(_lastWarning) >= _reminderInterval", "quiet", "expr",
     "check: a reminder at every look, not every 10 minutes"),
    (Q, "_time.GetElapsedTime(_lastWarning) >= _reminderInterval", "false", "expr",
     "check: no reminder"),
    (Q, "LogAnswersAgain(client.Description, Seconds(_since));", "", "stmt",
     "check: the answers coming back not said"),
    (Q, "_since = now;", "", "stmt",
     "check: the quiet spell counted from the clock's origin, not the last look that saw answers"),
    (E, "_options.Time", "TimeProvider.System", "expr",
     "exchange: the check on the system clock, not the exchange's (as the tests see it, the code before: no warning)",
     "ServedClient, _logger, _options.Time"),
    (E, "RepeatedWarningInterval", "QuietXenStoreCheck.CheckInterval", "expr",
     "exchange: reminders every 30 s, not every 10 minutes",
     "RepeatedWarningInterval);\n        return ValueTask.CompletedTask;"),
]
