# Mutants of session 59's state directory checks: resetnetwork's record written but not synced (the
# writer's UnconfirmedWriteException: renamed into place, its directory's sync failed) is never started
# on, and is deleted again, or said in the log when it cannot be, so the next start "recovers" no change
# that never happened. Killed by TransactionTests (tests/Agent.Commands.Tests/Network/Recovery/); the
# end-to-end half, UnwritableStateDirectoryTests (tests/Agent.Daemon.Tests, a real full or read-only
# tmpfs under the published daemon, and strace failing the sync), is not run here.
# Outcome (session 59): 4 of 4 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.Recovery.*"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
T = "src/Agent.Commands/Network/Recovery/NetworkTransaction.cs"
S = "src/Agent.Commands/Network/Recovery/TransactionStore.cs"
MUTANTS = [
    (T, "Discard(store, logger);", ";", "stmt", "a record written but not synced left for the next start to 'recover'"),
    (S, "_system.FileSystem.DeleteFile(RecordPath);", ";", "stmt", "discarding the unsynced record deletes nothing"),
    (T, "LogNotRemoved(logger, store.RecordPath, error.GetType().Name);", ";", "stmt",
     "an unsynced record that cannot be deleted left without a word"),
    (T, "throw;", "return new NetworkTransaction(store, record, logger);", "stmt",
     "the change started on a record a power cut may take back"),
]
