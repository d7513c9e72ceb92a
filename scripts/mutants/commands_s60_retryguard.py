# Mutants of session 60's guard on the retry of a rollback that could not put every file back: the
# record says what the change wrote to each file (`written`, a SHA-256), and the retry puts back only
# the paths still as the change and its rollback left them (ChangedSince: the previous file, exactly
# what the change wrote, gone where it moved a file aside; a .bak the previous one, the writer's copy
# of the previous file, or none), leaving any other alone, logged, runs nothing, and keeps the record
# as transaction.edited-<time>.json, never tried again.
# Killed by UnrestoredRetryGuardTests and UnrestoredRetryTests (tests/Agent.Commands.Tests/Network/Recovery/),
# TransactionRecordFormatTests for the record's field, with NetworkRecoveryTests and RenameBackRecoveryTests
# for what must not change.
# Outcome (session 60): 23 of 23 killed. Not covered: a path that held a device or directory (never
# touched by a restore), a .bak that is a link moved aside, the removal's move back skipped for a path
# left alone, a record of an earlier boot judged without its /run files, and, before a new change, a
# record with changed files and files still not back set aside as superseded.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.UnrestoredRetryGuardTests", "-class", "*.UnrestoredRetryTests", "-class", "*.TransactionRecordFormatTests",
             "-class", "*.NetworkRecoveryTests", "-class", "*.RenameBackRecoveryTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
C = "src/Agent.Commands/Network/Recovery/ChangedSince.cs"
R = "src/Agent.Commands/Network/Recovery/NetworkRecovery.Retry.cs"
FR = "src/Agent.Commands/Network/Applying/FileRestorer.cs"
TF = "src/Agent.Commands/Network/Recovery/TransactionRecordFormat.cs"
NA = "src/Agent.Commands/Network/Applying/NetworkApplier.cs"
MUTANTS = [
    (C, "IsPrevious(snapshot, now)", "false", "expr",
     "a file back as it was taken for someone's edit (every retry after a partial rollback left alone)",
     "|| IsPrevious(snapshot, now)"),
    (C, "moved", "true", "expr", "a file someone deleted taken for one the change moved aside, and put back",
     "now is null ? moved :"),
    (C, "removals.Contains(snapshot.Path)", "false", "expr", "a file the change moved aside taken for someone's deletion, never moved back"),
    (C, "snapshot.Written == FileSnapshot.Hash(file.Contents)", "true", "expr",
     "any file taken for what the change wrote: the old one put over an operator's fix"),
    (C, "snapshot.Written == FileSnapshot.Hash(file.Contents)", "false", "expr",
     "what the change wrote taken for an edit, never put back"),
    (C, "snapshot.Written is null && !moved", "false", "expr",
     "a file a record without `written` cannot judge logged as plainly changed"),
    (C, "now?.LinkTarget == target", "false", "expr", "a link back as it was taken for an edit"),
    (C, "saved.Matches(file)", "true", "expr", "any file at a path that held one taken for the previous file"),
    (C, "now is null", "false", "expr", "a path that held nothing and holds nothing again taken for an edit", "now is null;"),
    (C, "now is null", "false", "expr", "a .bak renamed back (none left) taken for an edit", "now is null\n        ||"),
    (C, "snapshot.Backup?.Matches(file) is true", "false", "expr", "a .bak back as it was taken for an edit"),
    (C, "snapshot.Current?.Contents.AsSpan().SequenceEqual(file.Contents) is true", "false", "expr",
     "the writer's copy of the previous file as the .bak taken for an edit"),
    (R, "ChangedSince.Find(_system.FileSystem, record)", "new List<ChangedFile>()", "expr",
     "files changed since ignored: the record taken back and put back whole over the fix"),
    (R, "RestoreFiles(record, changed.Select(file => file.Path).ToHashSet(StringComparer.Ordinal))", "RestoreFiles(record)", "expr",
     "the changed files found, then put back over anyway"),
    (R, "\"edited\"", "null", "expr", "all put back but the changed files, the record left unrestored (tried at every start)",
     "unrestored.Count == 0 ? \"edited\""),
    (R, "kept = _store.SetAside(why, aside);", ";", "stmt", "the record never moved out of the retry's way"),
    (R, "file.Unknown", "!file.Unknown", "expr", "the log's reason swapped: an unjudgeable file said to be neither, and the reverse"),
    (FR, "snapshots.Where(s => !leave.Contains(s.Path))", "snapshots", "expr", "a path left alone written over all the same"),
    (FR, "snapshots.Where(s => !leave.Contains(s.BackupPath))", "snapshots", "expr", "a .bak left alone written over all the same"),
    (TF, "json.WriteString(\"written\", written);", ";", "stmt", "the record never says what the change wrote"),
    (TF, "written.Length == 64 && written.All(char.IsAsciiHexDigitLower)", "true", "expr", "any text taken as the hash"),
    (TF, "ReadWritten(file)", "null", "expr", "the hash never read back"),
    (NA, "FileSnapshot.Take(_system.FileSystem, path) with { Written = written.GetValueOrDefault(path) }", "FileSnapshot.Take(_system.FileSystem, path)", "expr",
     "the change never records what it writes"),
]
