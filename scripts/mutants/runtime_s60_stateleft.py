# Mutants of session 60's journal left wider than 0600 on a read-only file system: the chmod's EROFS
# is taken (the entries used, the mode reported for the warning), any other failure still drops the
# journal. Killed by ResponseJournalReadOnlyTests (tests/Agent.Tests/Exchanges/, fchmod failing under
# strace); the published daemon on a real read-only tmpfs is UnwritableStateDirectoryTests'.
# Outcome (session 60): 4 of 4 killed (2 first survived: the other failure was tested with EPERM, which
# .NET throws as UnauthorizedAccessException and the catch never took; now EIO).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*.ResponseJournalReadOnlyTests", "-class", "*.ResponseJournalTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
JR = "src/Agent/Exchanges/ResponseJournal.Reading.cs"
J = "src/Agent/Exchanges/ResponseJournal.cs"
MUTANTS = [
    (JR, "error.HResult == ReadOnlyFileSystem", "false", "expr",
     "a read-only file system's EROFS drops the entries again"),
    (JR, "error.HResult == ReadOnlyFileSystem", "true", "expr",
     "any chmod failure (EPERM) taken: a journal it cannot make private used"),
    (JR, "leftWide = found.Status.Value.Mode;", ";", "stmt",
     "the journal left readable by others never warned of"),
    (J, "new JournalLoadResult(0, null) { LeftWide = leftWide }", "new JournalLoadResult(0, null)", "expr",
     "the wider mode not reported"),
]
