# Mutants of finishing a resetnetwork the agent never finished, and of where DNS servers go:
# the record's store, format and trust checks, the boot it was made in, the change lock, recovery
# itself (src/Agent.Commands/Network/Recovery), and DnsRouting/DnsDelivery (Network/Dns).
# Run: scripts/mutants/mutate.py scripts/mutants/network_recovery.py
# Outcome (2026-11-30): 34 mutants written; 27 killed on the first run. Of the 7 survivors, one
# revealed a bug, since fixed: a new resetnetwork that found an unfinished change's record ended it as
# soon as its files were back, so a resetnetwork refused before changing anything (bad data, a linked
# target) after a recovery or rollback cut short by time left the restored files unapplied with no record
# for the next start (NetworkRecoveryTests.Restored_files_left_unapplied_..._refused_in_between failed
# first); the record now stays until the new change's own replaces it, and that mutant ("the earlier
# record is not ended") is gone with the line. The other 6 were test gaps, now killed (this list has 33):
# a FIFO record (a symbolic link is refused by the trust check anyway, its mode is 0777), a take-down
# recorded as required is still best effort, the .bak beside a stale file the change never moved aside
# is left alone (NetworkRecoveryTests); with DnsRoutingTests cases for resolved running without
# systemctl, a dangling Debian resolvconf link and a dangling NetworkManager link. Written before the
# run, and so not counted as survivors: RecordedBootTests (a boot id with white space; /runit is not
# /run; created runtime directories dropped), RecordTrustTests (a widened record private again; an
# untrusted directory refused by the next change too), two records set aside in one second, a failing
# undo in recovery.
# Session 37 (review-writer): 1, 3 and 4 retargeted at the record's one look and ExactMode, rerun as
# runtime_s37_reviewwriter_commands.py's 3, 6 and 7, all killed.
# Session 60: mutant 18 retargeted (the retry split into NetworkRecovery.Retry.cs) and rerun: killed.
# Session 60: mutants 3 and 18 retargeted again (the retry in NetworkRecovery.Retry.cs) and rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.Recovery.*", "-class", "*HostnameRollbackTests",
             "-class", "*NetworkApplierTests", "-class", "*NetworkApplierRollbackTests",
             "-class", "*DnsRoutingTests", "-class", "*ResolvConfEndToEndTests", "-class", "*ServiceAwareSelectionTests",
             "-class", "*NetworkBackendCatalogTests", "-class", "*ResetNetworkPipelineTests", "-class", "*RecordedBootTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 400
R = "src/Agent.Commands/Network/Recovery/"
STORE = R + "TransactionStore.cs"
FMT = R + "TransactionRecordFormat.cs"
BOOT = R + "RecordedBoot.cs"
LOCK = R + "NetworkChangeLock.cs"
REC = R + "NetworkRecovery.cs"
REC_RETRY = R + "NetworkRecovery.Retry.cs"  # the restore of the files moved there in session 60 (retryguard)
ROUTE = "src/Agent.Commands/Network/Dns/DnsRouting.cs"
DELIVER = "src/Agent.Commands/Network/Dns/DnsDelivery.cs"
MUTANTS = [
    (STORE, "PrivateFile", "null", "expr",
     "store: a record widened since it was written stays readable by others when rewritten", "ExactMode = PrivateFile,"),
    (STORE, "_system.FileSystem.GetStatus(Directory) is { Mode: not PrivateDirectory }", "false", "expr",
     "store: the record's directory is not made private again"),
    (STORE, "_system.FileSystem.ReadRegularFile(path)", "new RegularFile(_system.FileSystem.ReadAllBytes(path), _system.FileSystem.GetStatus(path)!.Value, null, null)", "expr",
     "store: a record that is a link or FIFO is read"),
    (STORE, "CheckDirectoryTrusted();\n        CheckTrusted(file.Status, \"it\");", "CheckTrusted(file.Status, \"it\");", "stmt",
     "store: reading a record does not check its directory (the path before a new change)"),
    (STORE, "(status.Mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0", "(status.Mode & UnixFileMode.OtherWrite) != 0", "expr",
     "store: a record its group may write is trusted"),
    (STORE, "status.Owner.UserId != agent", "false", "expr",
     "store: a record owned by another user is trusted"),
    (STORE, "_system.FileSystem.GetStatus(aside) is not null", "false", "expr",
     "store: a record set aside in the same second as an earlier one replaces it"),
    (BOOT, "!id.Any(char.IsWhiteSpace)", "true", "expr",
     "boot: a boot id with white space inside is taken"),
    (BOOT, "record.BootId is { } recorded && currentBoot is { } current && !string.Equals(recorded, current, StringComparison.Ordinal)",
     "!string.Equals(record.BootId, currentBoot, StringComparison.Ordinal)", "expr",
     "boot: a record with no boot id (an older agent's) counts as from an earlier boot"),
    (BOOT, "[.. record.CreatedDirectories.Where(path => !IsRuntime(path))]", "record.CreatedDirectories", "expr",
     "boot: a runtime directory made in an earlier boot is still removed when empty"),
    (BOOT, "path == RuntimeDirectory || path.StartsWith(RuntimeDirectory + \"/\", StringComparison.Ordinal)",
     "path.StartsWith(RuntimeDirectory, StringComparison.Ordinal)", "expr",
     "boot: a path that only starts like /run (/runit/...) counts as runtime"),
    (REC, "!exists", "false", "expr",
     "recovery: with no record it still takes the lock (creating the state directory)"),
    (REC, "held is null", "false", "expr",
     "recovery: a record whose lock is held (a live change) is recovered anyway"),
    (REC, "held?.Dispose();", "", "stmt",
     "recovery: the change lock is never released"),
    (REC, "transaction.Enter(TransactionPhase.RollingBack);", "", "stmt",
     "recovery: the record does not say it is rolling back"),
    (REC, "record.TakeDown.Select(step => step with { MustSucceed = false })", "record.TakeDown", "expr",
     "recovery: a failing undo stops the rest of the take-down"),
    (REC, "reapply is { OutOfTime: true }", "false", "expr",
     "recovery: the record goes although applying the restored files was cut short"),
    (REC_RETRY, "_system.FileSystem.GetStatus(path) is null && _system.FileSystem.GetStatus(NetworkBackups.PathOf(path)) is { Kind: FileKind.File }",
     "_system.FileSystem.GetStatus(NetworkBackups.PathOf(path)) is { Kind: FileKind.File }", "expr",
     "recovery: the .bak beside a stale file the change never moved aside is moved over it"),
    (FMT, "version != Version", "false", "expr",
     "format: a record of another version is read"),
    (FMT, "mode is < 0 or > 0xFFF", "mode is < 0", "expr",
     "format: a mode beyond the permission bits is taken"),
    (FMT, "json.WriteBoolean(\"required\", step.MustSucceed);", "json.WriteBoolean(\"required\", true);", "stmt",
     "format: every recorded step is written as required"),
    (FMT, "path.Contains('\\0', StringComparison.Ordinal) || path.Split('/').Contains(\"..\")", "path.Contains('\\0', StringComparison.Ordinal)", "expr",
     "format: a path climbing with .. is taken"),
    (ROUTE, "policy == ResolvConfPolicy.Never", "false", "expr",
     "dns: the policy 'never' is ignored"),
    (ROUTE, "new DnsRoute(DnsTarget.ResolvConf, isLink, \"resolv.conf policy is 'always'\" + LinkNote(resolver))",
     "new DnsRoute(DnsTarget.ResolvConf, false, \"resolv.conf policy is 'always'\" + LinkNote(resolver))", "expr",
     "dns: with 'always', a link is not replaced"),
    (ROUTE, "resolver.Owner == ResolverManager.SystemdResolved && resolver.SystemdResolvedActive && facts.Tools.Systemctl",
     "resolver.Owner == ResolverManager.SystemdResolved && facts.Tools.Systemctl", "expr",
     "dns: a drop-in for a systemd-resolved that is not running"),
    (ROUTE, "resolver.Owner == ResolverManager.SystemdResolved && resolver.SystemdResolvedActive && facts.Tools.Systemctl",
     "resolver.Owner == ResolverManager.SystemdResolved && resolver.SystemdResolvedActive", "expr",
     "dns: a drop-in where no systemctl can reload resolved"),
    (ROUTE, "new DnsRoute(DnsTarget.ResolvConf, isLink, why + \"; writing /etc/resolv.conf\" + LinkNote(resolver))",
     "new DnsRoute(DnsTarget.ResolvConf, false, why + \"; writing /etc/resolv.conf\" + LinkNote(resolver))", "expr",
     "dns: a dangling resolver link is not replaced by the file"),
    (DELIVER, "!resolver.SystemdResolvedActive", "false", "expr",
     "dns: servers handed to a systemd-resolved that is not running count as delivered"),
    (DELIVER, "resolver.Owner != ResolverManager.SystemdResolved", "false", "expr",
     "dns: servers handed to resolved count as delivered although resolv.conf is not its file"),
    (DELIVER, "resolver.Owner == ResolverManager.DebianResolvconf && resolver.OwnerActive", "resolver.Owner == ResolverManager.DebianResolvconf", "expr",
     "dns: a dangling resolvconf link counts as delivering"),
    (DELIVER, "!settings.ManagesDns", "false", "expr",
     "dns: NetworkManager with dns=none counts as delivering"),
    (DELIVER, "settings.UsesSystemdResolved || resolver.Owner == ResolverManager.SystemdResolved", "settings.UsesSystemdResolved", "expr",
     "dns: NetworkManager does not pick resolved by itself when resolv.conf links to it"),
    (DELIVER, "resolver.Owner == ResolverManager.None || (resolver.Owner == ResolverManager.NetworkManager && resolver.OwnerActive)",
     "resolver.Owner == ResolverManager.None || resolver.Owner == ResolverManager.NetworkManager", "expr",
     "dns: a dangling NetworkManager link counts as delivering"),
]
