# Mutants of kmsactivate: argument validation, the rhnreg_ks call, the registration saved and put
# back, the activations' lock, start-up recovery, the up2date template, the Red Hat check and the
# options. Run: scripts/mutants/mutate.py scripts/mutants/kms_activate.py
# Outcome (2026-11-30): 32 mutants, 26 killed at first; 6 survived, all test gaps, now killed:
# 5 (a timeout answered as an exit code: the rollback theory now checks each failure's exact answer),
# 7 (a world-writable new up2date: its 0644 is checked), 14 (a non-string domain threw
# InvalidOperationException, not the argument error: [443] and [null] added to the refusals),
# 20 (two asides: the first in name order is put back, the other removed), 24 (when neither file can
# be put back, the answer gives the systemid's reason, the first failure), 27 (an up2date that is a
# directory is neither read nor replaced: answered "it is not a regular file"). Mutant 16 is killed
# by a failing lock test after about 2 minutes.
# 2026-12-01: mutants 33 (a dangling /etc/os-release link threw instead of falling back) and 34 (a lone
# surrogate in a value read as empty) added, 14 moved into TryReadString (a null profile now kills it);
# run: 14, 33, 34 all killed.
# Session 30 (review-inject): 26 follows RestoreUp2Date's mode local (less setuid/setgid); rerun: killed.
# Session 31 (writer7): 26 follows RestoreUp2Date's single write with ExactMode (no chmod after it); rerun: killed.
# Session 36 (writer12): 27 retargeted at SavedRegistration's IFileSystem.ReadRegularFile call (anything at the
# path read, by path, after a status read; it reads no ACL or attributes); rerun with runtime_s33_writer9_commands.py 1
# (113 tests): killed, by An_up2date_that_is_not_a_regular_file_is_neither_read_nor_replaced and, as it reads
# neither, by the ACL and attribute tests.
# Session 48: 35-37, an up2date write renamed into place but unconfirmed (put back before rhnreg_ks; a restore so
# answered as put back) and a restore before the move aside leaving systemid alone. Run: all killed.
# Session 57: 6, 35 and 36 retargeted at KmsActivateMessages; run again, all killed.
# Session 64 (nonutf8): 20 follows the asides' listing into NamedEntries.List; rerun from a clone of main: killed.
# Session 68 (infokms): 20 follows the listing into the entries local (shared with up2date's copies), 21 is pinned to the
# systemid's name check (up2date's copy has its own), 26 finds old.Mode in AsTheOldUp2Date (the copy's options and the
# put-back's), 35 follows Prepare's one catch (the move aside and the new up2date; no saved!). Rerun from a clone of the
# branch: 20, 21, 26, 35 all killed. Later, the put-back doing up2date first: 24 retargeted at the systemid's failure
# preferred over up2date's (failure ??= up2dateFailure); rerun: killed.
# Session 68 (kms2): mutant 27 retargeted to Take's ReadEntry (it read ReadRegularFile before). Rerun from a clone of main: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*Kms*", "-class", "*OptionsValidationTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
K = "src/Agent.Commands/Kms/KmsActivateCommand.cs"
A = "src/Agent.Commands/Kms/KmsActivation.cs"
L = "src/Agent.Commands/Kms/KmsActivationLock.cs"
R = "src/Agent.Commands/Kms/KmsActivationRecovery.cs"
S = "src/Agent.Commands/Kms/SavedRegistration.cs"
U = "src/Agent.Commands/Kms/Up2DateConfig.cs"
F = "src/Agent.Commands/Kms/RedHatFamily.cs"
O = "src/Agent.Commands/Kms/KmsActivateOptions.cs"
MUTANTS = [
    (K, "!RedHatFamily.Detect(system.FileSystem)", "false", "expr", "command: a non-Red Hat system accepted"),
    (K, "new HashSet<int> { 0 }", "new HashSet<int>()", "expr", "command: the activation key not marked secret"),
    (K, "\"--force\"", "\"\"", "expr", "command: --force dropped"),
    (K, "saved.Commit();", "", "stmt", "command: success leaves the old system id aside"),
    (K, "result.TimedOut", "false", "expr", "command: a timeout reported as an exit code"),
    (K, "RestoreOnStop(saved, context.Logger(\"GuestAgent.Commands.KmsActivate\"));", "", "stmt", "command: cancelled activation not put back"),
    (K, "UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead", "UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherWrite", "expr", "command: new up2date world-writable"),
    (K, "saved.Restore();", "", "stmt", "command: failed activation not put back",
     "            saved.Restore();\n            return new CommandException(failure);"),
    (A, "key.Length == 0", "false", "expr", "args: empty activation key accepted"),
    (A, "!text.Any(char.IsControl)", "true", "expr", "args: control characters in key or profile accepted"),
    (A, "names.Count == 0", "false", "expr", "args: empty domain list accepted"),
    (A, "int.Parse(match.Groups[\"port\"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) <= 65535", "int.Parse(match.Groups[\"port\"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) <= 99999", "expr", "args: port over 65535 accepted"),
    (A, "domains.ValueKind == JsonValueKind.String", "false", "expr", "args: a single domain string refused"),
    (A, "element.ValueKind != JsonValueKind.String", "false", "expr", "args: a non-string value read as a string (a null profile taken as empty)"),
    (A, "\"ActivationKey = <secret>, Profile = \"", "\"ActivationKey = \" + ActivationKey + \", Profile = \"", "expr", "args: ToString prints the key"),
    (L, "return await FileLock.AcquireAsync(system.FileSystem, path, FileLockKind.OwnFlock, options.LockTimeout, system.Time, cancellationToken).ConfigureAwait(false);", "return await FileLock.AcquireAsync(system.FileSystem, path, FileLockKind.OwnFlock, TimeSpan.Zero, system.Time, cancellationToken).ConfigureAwait(false);", "stmt", "lock: another activation not waited for"),
    (R, "asides.Length == 0", "false", "expr", "recovery: nothing aside still creates the lock file"),
    (R, "if (held is null)\n            {\n                return done;\n            }", "", "stmt", "recovery: proceeds while an activation holds the lock"),
    (R, "fileSystem.GetStatus(SavedRegistration.SystemIdPath) is null", "true", "expr", "recovery: aside moved back over a new registration"),
    (R, "entries\n                .Where(path => SavedRegistration.IsSystemIdAsideName(Path.GetFileName(path)))\n                .Order(StringComparer.Ordinal)", "entries.Where(path => SavedRegistration.IsSystemIdAsideName(Path.GetFileName(path))).OrderDescending(StringComparer.Ordinal)", "expr", "recovery: the last aside in name order put back"),
    (S, "name.EndsWith(AsideSuffix, StringComparison.Ordinal)", "true", "expr", "saved: any .systemid.* file taken for an aside one", "name.StartsWith(\".systemid.\", StringComparison.Ordinal) && name.EndsWith(AsideSuffix, StringComparison.Ordinal)"),
    (S, "_system.FileSystem.GetStatus(aside) is null", "true", "expr", "saved: a move that renamed and then failed forgotten"),
    (S, "_system.FileSystem.DeleteFile(aside);", "", "stmt", "saved: commit leaves the old system id aside"),
    (S, "failure ??= up2dateFailure;", "failure = up2dateFailure ?? failure;", "stmt", "saved: the up2date failure hides the systemid one"),
    (S, "!_systemIdExisted", "true", "expr", "saved: original systemid deleted when the move aside failed before renaming"),
    (S, "old.Mode", "(UnixFileMode?)null", "expr", "saved: up2date mode not put back"),
    (S, "system.FileSystem.ReadEntry(Up2DateConfig.Path)",
     "(system.FileSystem.GetStatus(Up2DateConfig.Path) is not null ? new PathEntry(new RegularFile(system.FileSystem.ReadAllBytes(Up2DateConfig.Path), system.FileSystem.GetStatus(Up2DateConfig.Path)!.Value, null, null)) : null)", "expr", "saved: up2date that is not a regular file read"),
    (U, "$\"http://{d}/XMLRPC\"", "$\"https://{d}/XMLRPC\"", "expr", "up2date: the non-SSL list uses https"),
    (U, "string.Join(';', domains.Select(d => $\"https://{d}/XMLRPC\"))", "$\"https://{domains[0]}/XMLRPC\"", "expr", "up2date: only the first server"),
    (F, "fileSystem.FileExists(\"/etc/redhat-release\")", "false", "expr", "family: /etc/redhat-release alone does not count"),
    (F, "(string[])[\"/etc/os-release\", \"/usr/lib/os-release\"]", "(string[])[\"/etc/os-release\"]", "expr", "family: no /usr/lib/os-release fallback"),
    (O, "TimerDelay.Fits(value, allowZero: true, allowInfinite: true)", "TimerDelay.Fits(value, allowZero: false, allowInfinite: true)", "expr", "options: a zero lock timeout refused"),
    (F, "exception is FileNotFoundException or DirectoryNotFoundException", "false", "expr", "family: a dangling /etc/os-release link throws instead of falling back"),
    (A, "return false;", "return true;", "stmt", "args: a lone surrogate read as an empty value", "catch (InvalidOperationException)\n        {\n            return false;"),
    (K, "RestoreAfter(KmsActivateMessages.WriteFailed(IoFailureReason.Of(exception)), saved)", "new CommandException(KmsActivateMessages.WriteFailed(IoFailureReason.Of(exception)))", "expr", "an up2date written but unconfirmed stays, answered as not written"),
    (K, "return new CommandException(KmsActivateMessages.RestoreUnconfirmed(failure, IoFailureReason.Of(exception)), exception);", "return new CommandException(KmsActivateMessages.RestoreFailed(failure, IoFailureReason.Of(exception)), exception);", "stmt", "an up2date put back but unconfirmed answered as not put back"),
    (S, "!_systemIdTaken", "false", "expr", "a restore before the move aside deletes the original systemid"),
]
