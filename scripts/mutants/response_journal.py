# Mutants of the response journal (the answers a restarted agent replays instead of running a
# request again): which answer is replayed, which boot's file is trusted, torn lines, the file's
# mode, its size. Run: scripts/mutants/mutate.py scripts/mutants/response_journal.py
# (the exchange tests; ResponseJournalTests in tests/Agent.Tests cover the file handling as well).
# Session 37 (writer13): 3 retargeted at the mode of the file Load's one look found (FileInPlace);
# rerun as runtime_s37_writer13.py's 15.
# Session 58: 3 and 4 follow the file's reading to ResponseJournal.Reading.cs (no change of code); rerun,
# both survive these exchange tests (3 as recorded in session 37, and it is killed as runtime_s37_writer13.py's 15,
# rerun; 4, a torn last line trusted, survives here, and no earlier outcome of it is recorded: left to look at).
# Session 59: 4 killed here by TornJournalTests' torn last line that still decodes (cut at a multiple of four
# base64 characters): the journal is appended to, so a torn line can happen, and Load drops it; rerun alone, killed.
TEST_PROJECT = "tests/Agent.XenStore.Tests/Agent.XenStore.Tests.csproj"
TEST_EXE = "tests/Agent.XenStore.Tests/bin/Release/net10.0/GuestAgent.XenStore.Tests"
TEST_ARGS = ["-class", "*Journal*", "-class", "*XenStoreExchangeTests", "-class", "*WithdrawnRequestTests", "-class", "*RepeatedRequestFailureTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
J = "src/Agent/Exchanges/ResponseJournal.cs"
JR = "src/Agent/Exchanges/ResponseJournal.Reading.cs"  # the file's reading, moved there in session 58
MUTANTS = [
    (J, "entry.Hash == hash", "true", "expr", "a request reusing an id gets the old request's answer"),
    (J, "_bootId is null || recordedBoot == _bootId", "true", "expr", "the journal of another boot is trusted"),
    (JR, "found.Status!.Value.Mode != PrivateMode", "false", "expr", "a journal with a wider mode is not made private"),
    (JR, "complete = stream.ReadByte() == '\\n';", "complete = true; stream.ReadByte();", "stmt", "a last line without its newline is trusted"),
    (J, "_order.Count > _capacity", "_order.Count > _capacity + 1", "expr", "one entry more than the capacity kept"),
    (J, "_linesInFile >= 2 * _capacity", "false", "expr", "the file is never compacted"),
    (J, "durable = !_entries.TryGetValue(id, out var existing) || existing.Hash != hash || existing.Durable;", "durable = true;", "stmt", "a memory-only answer becomes durable when replaced"),
]
