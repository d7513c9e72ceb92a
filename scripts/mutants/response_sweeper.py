# Mutants of the sweeper that removes old responses from XenStore: which responses it may remove
# (never one whose request is back, never one rewritten since it was listed), when, and how ages
# are kept. Run: scripts/mutants/mutate.py scripts/mutants/response_sweeper.py
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "*Sweep*", "-class", "*XenStoreExchangeTests", "-class", "*XenStoreExchangeJournalTests", "-class", "*XenStoreExchangeQuotaTests", "-class", "*WithdrawnRequestTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
W = "src/Agent/Exchanges/ResponseSweeper.cs"
MUTANTS = [
    (W, "await transaction.TryReadAsync(_requestDirectory + \"/\" + id, token).ConfigureAwait(false) is not null", "false", "expr", "a response whose request is back is removed"),
    (W, "!Unchanged(id, since)", "false", "expr", "a response rewritten since it was listed is removed"),
    (W, "_time.GetElapsedTime(since, now) >= age", "_time.GetElapsedTime(since, now) > age", "expr", "a response exactly the retention old is kept one more sweep"),
    (W, "_time.GetElapsedTime(since, now) >= age", "true", "expr", "every response seen before is expired"),
    (W, "keepsAll || _time.GetElapsedTime(last, now) < _interval", "_time.GetElapsedTime(last, now) < _interval", "expr", "a zero retention sweeps again and again"),
    (W, "keepsAll ? TimeSpan.MaxValue : _retention", "_retention", "expr", "a zero retention removes every response"),
    (W, "listing.Consistent", "true", "expr", "names missing from an inconsistent listing are forgotten"),
    (W, "entry.Value < listedAt", "true", "expr", "names first seen while the listing ran are forgotten"),
]
