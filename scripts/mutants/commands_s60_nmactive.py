# Mutants of session 60's NetworkManager apply over connections already active, judged by the real
# daemon (NetworkManagerScenario: the backend's own plan over the renderer's files and removals, then
# a restart as a reboot): our connection's autoconnect priority, which beats cloud-init's 120 at the
# next boot; the backup and moved-aside names NetworkManager's keyfile plugin skips (.bak~, which a
# rollback and the recovery find again); an earlier agent's .bak moved aside; the reload and up steps;
# the metric that makes the first interface's default route win.
# Killed by NetworkManagerActiveConnectionTests, NetworkManagerBackupNamesTests and OwnedFilesTests
# (tests/Agent.Commands.Tests/Network/).
# Outcome (session 60): 11 of 14 killed. Survivors: 10 (the rollback's rename back of a moved-aside keyfile: the
# snapshot rewrites it, and the test's earlier .bak~ holds the same bytes, so nothing differs), 11 (the recovery
# after a crash: no test crashes over NetworkManager's files, expected) and 14 (no route-metric: NetworkManager
# 1.42 bumps an equal metric by one per device, so eth0's default, activated first, still wins alone).
# Outcome (session 60, rerun of 10 and 11 with MovedKeyfileRestoreTests): 12 of 14 killed. 10 killed (the move
# back from .bak fails, the answer says the keyfile was not restored). 11 survives as equivalent: with the moved
# keyfile left out of the recovery's renames, the snapshot's rename-back (FileRestorer.RenameBack) finds the very
# file under its .bak~ and renames it back all the same (MovedKeyfileRestoreTests' crash test checks the inode).
# Session 60 (after the merge with retryguard): 10 and 11 retargeted and rerun: 10 killed, 11 survived (equivalent, as above).
# Session 63: mutant 13 retargeted at the NetworkManager plan's undoing (commands_s63_nmrollback.py) and rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.NetworkManagerActiveConnectionTests", "-class", "*.NetworkManagerBackupNamesTests", "-class", "*.OwnedFilesTests", "-class", "*.MovedKeyfileRestoreTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
R = "src/Agent.Commands/Network/Rendering/NetworkManagerRenderer.cs"
B = "src/Agent.Commands/Network/Applying/NetworkBackups.cs"
A = "src/Agent.Commands/Network/Applying/NetworkApplier.cs"
S = "src/Agent.Commands/Network/Applying/FileSnapshot.cs"
FR = "src/Agent.Commands/Network/Applying/FileRestorer.cs"
NRR = "src/Agent.Commands/Network/Recovery/NetworkRecovery.Retry.cs"
NB = "src/Agent.Commands/Network/Backends/NetworkManagerBackend.cs"
MUTANTS = [
    (R, "$\"autoconnect-priority={AutoconnectPriority}\"", "\"autoconnect-priority=100\"", "expr",
     "the former priority: cloud-init's connection (120) wins the device back at the next boot"),
    (R, "OwnedFiles.Stale(current, Directory, Prefix, \".nmconnection\", files)", "Array.Empty<string>()", "expr",
     "a keyfile of an interface no longer configured left in place, its connection active"),
    (R, "OwnedFiles.Stale(current, Directory, Prefix, \".nmconnection.bak\", [])", "Array.Empty<string>()", "expr",
     "an earlier agent's .bak, a live connection to NetworkManager, left in place"),
    (B, "SiblingNames.InertBackupSuffix", "SiblingNames.BackupSuffix", "expr",
     "keyfile backups and moved-aside keyfiles named .bak, which NetworkManager reads as connections",
     "? SiblingNames.InertBackupSuffix"),
    (B, "path.IndexOf('/', KeyfileDirectory.Length) < 0", "true", "expr",
     "a file below the keyfile directory (which NetworkManager does not read) given the inert suffix too"),
    (A, "NetworkBackups.SuffixFor(file.Path)", "SiblingNames.BackupSuffix", "expr",
     "the writer's backup of a replaced keyfile named .bak (a second file for the same UUID)"),
    (A, "NetworkBackups.PathOf(path)", "SiblingNames.BackupPath(path)", "expr",
     "a stale keyfile moved to .bak, still a connection"),
    (S, "NetworkBackups.PathOf(Path)", "SiblingNames.BackupPath(Path)", "expr",
     "a rollback putting the keyfile's backup back under .bak, not where the writer kept it"),
    (S, "NetworkBackups.PathOf(path)", "SiblingNames.BackupPath(path)", "expr",
     "the snapshot reading the previous backup from .bak: the .bak~ a rollback should keep is lost"),
    (FR, "NetworkBackups.PathOf(path)", "SiblingNames.BackupPath(path)", "expr",
     "a rollback looking for a moved-aside keyfile under .bak: it never comes back", "_system.FileSystem.Move(NetworkBackups.PathOf(path), path)"),
    (NRR, "NetworkBackups.PathOf(path)", "SiblingNames.BackupPath(path)", "expr",
     "the recovery after a crash looking for a moved-aside keyfile under .bak (no test runs a crash over NetworkManager's files: expected to survive)"),
    (NB, "ApplyStep.Run(\"nmcli\", \"connection\", \"reload\")", "ApplyStep.Run(\"true\")", "expr",
     "no reload: up activates the profile NetworkManager read before, the first configuration"),
    (NB, "interfaces.Select(n => Up(n, repeated: current.Exists(NetworkManagerRenderer.PathFor(n)) && Autoconnects(current, n)))", "Array.Empty<ApplyStep>()", "expr",
     "no up: a reload leaves an active connection as it was"),
    (R, "text.Line($\"route-metric={value.ToString(CultureInfo.InvariantCulture)}\");", ";", "stmt",
     "no metric for a later interface's default route: two equal defaults (session 59's survivor)"),
]
