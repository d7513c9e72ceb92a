# Session 58: the daemon under resource exhaustion. A response journal whose write failed (a full or
# read-only /var, no descriptor left) is no longer kept in memory for the rest of the run: each later
# answer tries a whole atomic rewrite (never an append after a line the failure may have cut short),
# which puts back the answers kept meanwhile, logs one line when it succeeds, and does not log or
# throw while it keeps failing. Its tests run the exchange in-process against a real file system
# failure (the state directory swapped for a file, then put back), so no PUBLISH. The embedded
# xenstored's accept loop kept going after EMFILE is covered end to end only (DescriptorExhaustionTests,
# the published daemon under prlimit), not by this batch.
# Run: scripts/mutants/mutate.py scripts/mutants/daemon_s58_exhaustion.py
# Outcome (session 58): 6 of 6 killed by UnusableJournalTests (1 by both the one-error and the
# written-again cases; 3 by the one-error case; 2, 4, 5 and 6 by the written-again case).
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "*.UnusableJournalTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
J = "src/Agent/Exchanges/ResponseJournal.cs"
X = "src/Agent/Exchanges/XenStoreExchange.cs"
MUTANTS = [
    (J, "Volatile.Write(ref _writeFailing, true);", "", "stmt",
     "a failed write forgotten: the next answer appends, and the answers kept meanwhile never reach the file"),
    (J, "retrying", "false", "expr",
     "after a failure the next answer appends to the file rather than rewriting it whole",
     "if (retrying)\n                {\n                    Compact();"),
    (J, "retrying", "false", "expr",
     "every failed retry thrown and logged, one error per request",
     "if (retrying)\n                {\n                    return false;"),
    (J, "Volatile.Write(ref _writeFailing, false);", "", "stmt",
     "a rewrite that succeeded still counted as failing: every later answer rewrites the file and says it is written again"),
    (X, "failing && inFile", "inFile", "expr",
     "every journaled answer says the journal is written again"),
    (X, "_journal.WriteFailing", "false", "expr",
     "the journal written again never said"),
]
