# Session 62: what recovery does with a record when it stops on something unexpected
# (NetworkRecovery.Stopped.cs): a system call's failure (the change lock's open or flock, a read, a
# listing) leaves the record where it is for the next start, anything else sets a record in place
# aside as failed; a read that fails is no unreadable record, at start, at the retry of an unrestored
# one and before a new resetnetwork (refused, the record kept); and which of several unrestored
# records is retried (TransactionStore.NewestUnrestored: by the record's own start, then its name).
# Outcome (session 62): 11 of 11 killed (TransientRecoveryFailureTests, NewestUnrestoredTests, NetworkRecoveryTests,
# RetryOnUnwritableStateTests). Not covered: where Stopped names a record when even its status cannot be read
# (inPlace = unrestored is null), and a transient read of one of several unrestored records (thrown, as a failed listing is).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.TransientRecoveryFailureTests", "-class", "*.NewestUnrestoredTests", "-class", "*.NetworkRecoveryTests",
             "-class", "*.RetryOnUnwritableStateTests", "-class", "*.UnrestoredRetryTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
N = "src/Agent.Commands/Network/Recovery/NetworkRecovery.cs"
R = "src/Agent.Commands/Network/Recovery/NetworkRecovery.Retry.cs"
S = "src/Agent.Commands/Network/Recovery/NetworkRecovery.Stopped.cs"
T = "src/Agent.Commands/Network/Recovery/TransactionStore.cs"
MUTANTS = [
    (S, "error is (IOException and not UntrustedRecordException) or UnauthorizedAccessException", "false", "expr",
     "every failure sets the record aside as failed, never tried again (the old catch-all)"),
    (S, "error is (IOException and not UntrustedRecordException) or UnauthorizedAccessException", "true", "expr",
     "a defect the record sets off keeps it in place, met again at every start"),
    (S, "_store.Exists", "false", "expr", "a record in place logged as no longer there"),
    (S, "_store.SetAside(\"failed\")", "_store.RecordPath", "expr", "a record that sets off a defect logged as moved, left in place"),
    (N, "(unrestored = _store.NewestUnrestored()) is not null", "_store.NewestUnrestored() is not null", "expr",
     "the unrestored record found at the first look not kept: a failed retry logged as transaction.json, gone"),
    (N, "IsSystemFailure(error)", "false", "expr",
     "before a new change, a failed read or listing thrown raw, not as a refusal that says the record is kept"),
    (N, "error is InvalidDataException or UntrustedRecordException", "error is InvalidDataException or IOException or UnauthorizedAccessException", "expr",
     "a read that fails for a moment sets the record aside as unreadable"),
    (R, "error is InvalidDataException or UntrustedRecordException", "error is InvalidDataException or UntrustedRecordException or IOException or UnauthorizedAccessException", "expr",
     "an unrestored record whose read fails taken back in place, to be put back whole by a later start"),
    (T, "aside.Started", "(DateTimeOffset?)null", "expr", "of several unrestored records, the latest name retried, not the latest start"),
    (T, "found.Count <= 1", "true", "expr", "several unrestored records: SingleOrDefault throws"),
    (T, "1", "3", "expr", "a record set aside first in its second ranked after its -2", "? number : 1)"),
]
