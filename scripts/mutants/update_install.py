# Mutants of agentupdate beyond update_and_injectfile.py: the installer (size limit, check, repair,
# restart and rollback), the tar guard and its field readers, the staging lock and leftovers, the
# start-up staging recovery, the command's flow and its options.
# Run: scripts/mutants/mutate.py scripts/mutants/update_install.py
# Outcome (2026-11-30): 41 mutants, 34 killed at first; 7 survived. Six were test gaps, now killed:
# 5 (an already-installed binary failing its check was restarted into), 6 (a rename whose directory
# sync failed failed the update: UnsyncedDirectoryWriter now stages too), 11 (a first install whose
# restart failed kept the binary), 21 (8 and 9 read as octal digits), 29 (a staging directory with a
# trailing slash locked a file inside itself, so the recovery cleared a running update's files),
# 38 (of two binaries one directory down, the last in name order). One stays: 12 (the backup copy
# limit not raised to MaxBinaryBytes) only matters where the backup cannot be a hard link, and the
# writer's no-hard-link mode is internal to GuestAgent, out of this test project's reach; the limit
# itself is tested in tests/Agent.Tests/Platform/AtomicFileWriterBackupCopyTests.cs.
# 2026-12-04: 43 mutants (the last, a private staging directory's missing parent not refused), 42 killed, 12 as above.
# Session 51: 8-9 follow FitsTheAgent / OwnedAsTheAgent (the repair's checks, shared with the new staging); run: both killed.
# Session 52: 33 follows LockStaging's merged lock and link resolution (the lock refused through '?? throw'); run: killed.
# Session 57: 4, 5, 7 and 33 retargeted at AgentUpdateMessages; run again, all killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Update.*", "-class", "*OptionsValidationTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
I = "src/Agent.Commands/Update/AgentInstaller.cs"
G = "src/Agent.Commands/Update/GuardedTarStream.cs"
T = "src/Agent.Commands/Update/TarFields.cs"
S = "src/Agent.Commands/Update/StagingFiles.cs"
R = "src/Agent.Commands/Update/UpdateStagingRecovery.cs"
C = "src/Agent.Commands/Update/AgentUpdateCommand.cs"
O = "src/Agent.Commands/Update/AgentUpdateOptions.cs"
MUTANTS = [
    (I, "binary.Length > options.MaxBinaryBytes", "false", "expr", "installer: no binary size limit"),
    (I, "binary.Length > options.MaxBinaryBytes", "binary.Length >= options.MaxBinaryBytes", "expr", "installer: a binary of exactly the limit refused"),
    (I, "RepairInstalled(system, installPath);", "", "stmt", "installer: an already-installed binary's owner and mode not put right"),
    (I, "if (!check.Succeeded)\n            {\n                throw new CommandException(AgentUpdateMessages.DoesNotRun(check.Describe()));\n            }", "", "stmt", "installer: a binary failing its check installed"),
    (I, "throw new CommandException(AgentUpdateMessages.LeftInPlace(AgentUpdateMessages.DoesNotRun(check.Describe())));", "", "stmt", "installer: an already-installed binary failing its check restarted"),
    (I, "unconfirmed = true;", "throw;", "stmt", "installer: an unconfirmed rename fails the update"),
    (I, "throw RollBackAfter(AgentUpdateMessages.RestartFailed(result.Describe()), system, installPath, hadPrevious);", "throw new CommandException(AgentUpdateMessages.RestartFailed(result.Describe()));", "stmt", "installer: a failed restart not rolled back"),
    (I, "installed.Owner == FileOwner.Root || FileOwner.Effective.UserId != 0", "true", "expr", "installer: repair leaves a non-root owner"),
    (I, "(installed.Mode & WritableByOthers) == 0", "true", "expr", "installer: repair leaves a group- or world-writable binary"),
    (I, "system.FileSystem.Move(SiblingNames.BackupPath(installPath), installPath);", "", "stmt", "installer: rollback leaves the new binary"),
    (I, "system.FileSystem.DeleteFile(installPath);", "", "stmt", "installer: rollback of a first install leaves the binary"),
    (I, "Math.Max(AtomicWriteOptions.DefaultMaxBackupCopyBytes, maxBinaryBytes)", "AtomicWriteOptions.DefaultMaxBackupCopyBytes", "expr", "installer: backup copy limit not raised to the binary limit"),
    (G, "_total > _maxTotalBytes", "false", "expr", "guard: total bytes not capped"),
    (G, "metadata && size > _maxMetadataBytes", "false", "expr", "guard: metadata entry size not capped"),
    (G, "type is 'x' or 'g' or 'L' or 'K'", "type is 'x' or 'g' or 'L'", "expr", "guard: a GNU long link name not capped"),
    (G, "checksum != TarFields.ComputeChecksum(_header, ChecksumOffset, ChecksumLength)", "false", "expr", "guard: header checksum not checked"),
    (G, "pending is not null && metadata", "false", "expr", "guard: PAX header followed by metadata accepted"),
    (G, "(size + BlockSize - 1) / BlockSize * BlockSize", "size / BlockSize * BlockSize", "expr", "guard: entry size not rounded up to blocks"),
    (G, "_sizeOverride = TarFields.PaxSize(_pax.AsSpan(0, _paxLength));", "", "stmt", "guard: PAX size record ignored"),
    (G, "_sizeOverride = null;", "", "stmt", "guard: PAX size applied to every later header"),
    (T, "digit is < (byte)'0' or > (byte)'7'", "digit is < (byte)'0' or > (byte)'9'", "expr", "fields: 8 and 9 read as octal"),
    (T, "field.TrimEnd(\"\\0 \"u8).TrimStart((byte)' ')", "field.Trim(\"\\0 \"u8)", "expr", "fields: NUL before the digits accepted"),
    (T, "field[1..^8].ContainsAnyExcept((byte)0)", "false", "expr", "fields: base-256 size over 64 bits accepted"),
    (T, "(field[^8] & 0x80) != 0", "false", "expr", "fields: negative base-256 size accepted"),
    (T, "' ' * checksumLength", "0", "expr", "fields: checksum field not counted as spaces"),
    (T, "length != newline + 1", "length != newline", "expr", "fields: PAX record length off by one"),
    (T, "throw new InvalidArchiveException(\"a PAX header has more than one size record\");", "", "stmt", "fields: second PAX size record accepted"),
    (T, "value < 0", "false", "expr", "fields: negative PAX size accepted"),
    (S, "root.TrimEnd('/') + \".lock\"", "root + \".lock\"", "expr", "staging: lock of a root with a trailing slash inside the root"),
    (S, "removed?.Invoke(entry);", "", "stmt", "staging: removed leftovers not reported"),
    (R, "fileSystem.GetStatus(realRoot) is not { Kind: FileKind.Directory }", "false", "expr", "recovery: a start creates the staging root"),
    (R, "held is null", "false", "expr", "recovery: clears the root while another update holds the lock"),
    (C, "StagingFiles.TryLock(fileSystem, root) ?? throw new CommandException(AgentUpdateMessages.InProgress)",
     "StagingFiles.TryLock(fileSystem, root)!", "expr", "command: a second update runs beside the first"),
    (C, "StagingFiles.RemoveLeftovers(fileSystem, realRoot);", "", "stmt", "command: leftovers not cleared"),
    (C, "StagingFiles.Remove(system.FileSystem, staging);", "", "stmt", "command: staging directory kept"),
    (C, "if (request.Verify(download.Md5, download.Sha256) is { } mismatch)\n            {\n                throw new CommandException(mismatch);\n            }", "", "stmt", "command: checksum not verified"),
    (C, "files.FirstOrDefault(f => f == name)", "(string?)null", "expr", "command: binary at the archive root ignored"),
    (C, "files.Where(f => f.Split('/') is [_, var last] && last == name).Order(StringComparer.Ordinal)", "files.Where(f => f.Split('/') is [_, var last] && last == name).OrderDescending(StringComparer.Ordinal)", "expr", "command: the last of several one-down binaries"),
    (O, "!string.IsNullOrWhiteSpace(program)", "true", "expr", "options: blank restart program accepted"),
    (O, "[.. value]", "value", "expr", "options: restart command not copied"),
    (O, "TimerDelay.Fits(value, allowZero: false, allowInfinite: false)", "TimerDelay.Fits(value, allowZero: true, allowInfinite: false)", "expr", "options: zero download timeout accepted"),
    (S, "!Directory.Exists(parent)", "false", "expr", "staging: a missing parent made 0777 less the umask"),
]
