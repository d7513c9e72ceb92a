# Session 61: the retry paths of a record set aside as unrestored (NetworkRecovery.Retry.cs, ChangedSince,
# RecordedBoot, the start's outcome and log): a path or .bak that holds another kind of entry, a record from
# an earlier boot, a superseded record, a read-only or full state directory.
# Outcome (session 61): 13 of 13 killed (RetryOverOtherEntriesTests, UnrestoredRetryAcrossBootsTests, SupersededRetryTests,
# RetryOnUnwritableStateTests; with UnrestoredRetryTests, UnrestoredRetryGuardTests and RecoveryAcrossBootsTests for what must not change).
# Session 62 (failedrecord): mutants 1-3 retargeted (the catch's handling moved to NetworkRecovery.Stopped.cs) and rerun: 13 of 13 killed.
# Not covered: NewestUnrestored choosing among two unrestored records (covered since session 62, commands_s62_failedrecord.py) (only one at a time is reachable: a new change supersedes or finishes the older).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.RetryOverOtherEntriesTests", "-class", "*.UnrestoredRetryAcrossBootsTests", "-class", "*.SupersededRetryTests",
             "-class", "*.RetryOnUnwritableStateTests", "-class", "*.UnrestoredRetryTests", "-class", "*.UnrestoredRetryGuardTests",
             "-class", "*.RecoveryAcrossBootsTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
N = "src/Agent.Commands/Network/Recovery/NetworkRecovery.cs"
R = "src/Agent.Commands/Network/Recovery/NetworkRecovery.Retry.cs"
C = "src/Agent.Commands/Network/Recovery/ChangedSince.cs"
B = "src/Agent.Commands/Network/Recovery/RecordedBoot.cs"
S = "src/Agent.Commands/Network/Recovery/NetworkRecovery.Stopped.cs"
MUTANTS = [
    (N, "_store.Exists || (unrestored = _store.NewestUnrestored()) is not null", "_store.Exists", "expr",
     "an unrestored record never retried at start"),
    (S, "!inPlace && unrestored is not null", "false", "expr",
     "a retry that fails before it reads the record logged as 'transaction.json … is no longer there'"),
    (S, "IoFailureReason.Of(error)", "error.GetType().Name", "expr", "the failed retry's reason without the system's words",
     "LogRetryFailed(_logger, unrestored, IsSystemFailure(error) ? IoFailureReason.Of(error)"),
    (N, "!RecordedBoot.IsEarlier(record, RecordedBoot.Current(_system.FileSystem))", "true", "expr",
     "a record of an earlier boot put back with its /run files"),
    (R, "Retry.Stays", "Retry.None", "expr", "a record that cannot be moved back answered as nothing to recover"),
    (R, "_store.TakeBack(aside);", ";", "stmt", "the record said to be back in place while it stays aside"),
    (R, "RecordedBoot.IsEarlier(record, RecordedBoot.Current(_system.FileSystem))", "false", "expr",
     "an earlier boot's record judged with its /run files (the new boot's runtime file taken for an edit)"),
    (R, "RecordedBoot.IsEarlier(record, RecordedBoot.Current(_system.FileSystem))", "true", "expr",
     "a same-boot record judged without its /run files (the operator's runtime fix put back over)"),
    (R, "ForThisBoot(found)", "found", "expr", "before a new change, an earlier boot's /run files put back"),
    (R, "beforeNewChange ? \"superseded\" : null", "null", "expr",
     "before a new change, a record not all back left unrestored (a later start puts it over the new change)"),
    (C, "target == snapshot.LinkTarget", "true", "expr", "a .bak that is a link to elsewhere taken for the change's, and deleted"),
    (C, "snapshot is { IsOther: true, LinkTarget: null }", "true", "expr",
     "every path taken for one a restore never touches: a file the change left never put back, an edit never logged"),
    (B, "path.StartsWith(RuntimeDirectory + \"/\", StringComparison.Ordinal)", "false", "expr",
     "a /run file of an earlier boot taken for a lasting one"),
]
