# Mutants of the network code's detection and other small parts no other batch covers: SystemProbe
# (os-release and the release files, the installed tools), NetworkBackendNames, ActiveNetworkServices,
# InterfaceNames, KernelInterfaceReader, ApplyStep's constructors, FileSnapshot, StepDeadline,
# NetworkChangeLock, InMemoryFileView and FileSystemView.
# Run: scripts/mutants/mutate.py scripts/mutants/network_detection.py
# Outcome (2026-11-30): 40 mutants; the first run (selection without the last four classes): 21 killed,
# 19 survived, all test gaps, no bug found:
# - SystemProbe (1, 4, 8, 10-13, 16, 18): /usr/lib/os-release, /etc/gentoo-release, nmcli alone, wicked's
#   ifup and ifup without /etc/network, /etc/init.d/network and the network-scripts condition,
#   systemctl, netplan's configuration: new SystemProbeFilesTests (a FakeRoot read through the real
#   FileSystemView: which tools count where distributions put them, release files' ids and versions).
# - InterfaceNames (23, 25): 15 characters (IFNAMSIZ) and ':' / '/': a new InterfaceDiscoveryTests theory.
# - ApplyStep.RestartService (26, 27): a new BackendApplyStepsTests theory (Red Hat and SUSE, with and
#   without systemctl; which steps must succeed).
# - FileSnapshot's IsOther (29) and FileSystemView's link handling (38, 39): new FileViewsTests (both
#   views over one real tree answer alike and never read through a link; snapshots of a file with its
#   mode and backup, of a link, a directory, a missing path).
# - StepDeadline (33): killed by ApplyBudgetTests, added to the selection.
# - NetworkChangeLock (34, 35): new NetworkChangeLockTests (a recovery's lock makes a widened record
#   directory private again; a spent deadline still takes a free lock, where a negative wait would throw
#   ArgumentOutOfRangeException).
# Final run (all 40, with the selection below, after 5452535): 40 killed, none survived.
# Session 37 (writer13): 29 and 31 retargeted at FileSnapshot.Take's one look (IFileSystem.ReadEntry):
# entry's kind and its LinkTarget (the same defects); rerun in runtime_s37_writer13_commands.py's build.
# Not written as mutants:
# - pure declarations: ResolverFacts, InstalledTools, ResolverManager, TransactionRecord, DnsTarget.
# - KernelInterfaceReader: it reads this machine's interfaces (eth0, ifb0, ifb1, lo); dropping its
#   Ethernet check or its all-zero MAC check changes nothing here (lo, the only non-Ethernet one, has
#   the all-zero MAC), and killing either would mean adding interfaces to the shared machine.
#   It is the fallback for a system without /sys/class/net (NetworkReset); SysfsInterfaceReader, the
#   path taken wherever that is there, has its type and all-zero MAC checks mutated in
#   network_small_parts.py.
# - InterfaceNames.ForVariable dropping its `c == '_'` case: equivalent, '_' maps to '_' either way.
# Session 36 (writer12): 32 retargeted at file.Status.Mode (the snapshot reads through IFileSystem.ReadRegularFile);
# rerun in one build with runtime_s36_writer12_commands.py (244 tests): killed.
# Session 60: mutant 30 retargeted (NetworkManager's backup names) and rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*DetectionTests", "-class", "*InterfaceDiscoveryTests", "-class", "*NetworkBackendNamesTests",
             "-class", "*BackendApplyStepsTests", "-class", "*BackendInUseTests", "-class", "*NetworkBackendCatalogTests",
             "-class", "*ChangeLockTests", "-class", "*TransactionTests", "-class", "*NetworkApplierRollbackTests",
             "-class", "*ServiceAwareSelectionTests", "-class", "*NetworkFilesTests", "-class", "*ApplyBudgetTests",
             "-class", "*SystemProbeFilesTests", "-class", "*FileViewsTests", "-class", "*NetworkChangeLockTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
NET = "src/Agent.Commands/Network/"
SP = NET + "Detection/SystemProbe.cs"
NB = NET + "Detection/NetworkBackendNames.cs"
AN = NET + "Detection/ActiveNetworkServices.cs"
IN = NET + "Detection/InterfaceNames.cs"
AS = NET + "Applying/ApplyStep.cs"
FS = NET + "Applying/FileSnapshot.cs"
SD = NET + "Applying/StepDeadline.cs"
LK = NET + "Recovery/NetworkChangeLock.cs"
IM = NET + "InMemoryFileView.cs"
FV = NET + "FileSystemView.cs"
OS_RELEASE = 'files.ReadText("/etc/os-release") ?? files.ReadText("/usr/lib/os-release") ?? files.ReadText("/var/run/os-release")'
IFUPDOWN = 'AnyBin(files, "ifup") && !AnyBin(files, "wicked") && files.Exists("/etc/network")'
ANY_BIN = 'Any(files, $"/usr/sbin/{program}", $"/usr/bin/{program}", $"/sbin/{program}", $"/bin/{program}")'
VERSION = '(files.ReadText(path) ?? "").SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit)'
TRY_STEP = "new(new ProcessSpec(program, arguments) { Timeout = Timeout }, MustSucceed: false)"
TRY_TAKE = "store.PrepareDirectory();\n        return FileLock.TryAcquire(system.FileSystem, store.LockPath, FileLockKind.OwnFlock);"
MUTANTS = [
    # SystemProbe
    (SP, OS_RELEASE, 'files.ReadText("/etc/os-release") ?? files.ReadText("/var/run/os-release")', "expr",
     "probe: /usr/lib/os-release (the vendor's copy) is not read"),
    (SP, OS_RELEASE, 'files.ReadText("/etc/os-release") ?? files.ReadText("/usr/lib/os-release")', "expr",
     "probe: FreeBSD's /var/run/os-release is not read"),
    (SP, "os.Id.Length == 0", "false", "expr",
     "probe: without os-release the release files are not consulted"),
    (SP, '("/etc/gentoo-release", "gentoo")', '("/etc/gentoo", "gentoo")', "expr",
     "probe: /etc/gentoo-release is not recognised"),
    (SP, VERSION, '(files.ReadText(path) ?? "").TakeWhile(char.IsAsciiDigit)', "expr",
     "probe: a release file's version after leading words is lost"),
    (SP, VERSION, '(files.ReadText(path) ?? "").Where(char.IsAsciiDigit)', "expr",
     "probe: a release file's version runs on past its first number (7.9.2009 -> 792009)"),
    (SP, 'files.Exists("/etc/rc.d/netif")', "false", "expr",
     "probe: FreeBSD without os-release is not recognised"),
    (SP, 'AnyBin(files, "NetworkManager") || AnyBin(files, "nmcli")', 'AnyBin(files, "NetworkManager")', "expr",
     "probe: nmcli alone does not count as NetworkManager"),
    (SP, 'Any(files, "/lib/systemd/systemd-networkd", "/usr/lib/systemd/systemd-networkd")', 'Any(files, "/lib/systemd/systemd-networkd")', "expr",
     "probe: systemd-networkd under /usr/lib is not found"),
    (SP, IFUPDOWN, 'AnyBin(files, "ifup") && files.Exists("/etc/network")', "expr",
     "probe: wicked's ifup counts as ifupdown"),
    (SP, IFUPDOWN, 'AnyBin(files, "ifup") && !AnyBin(files, "wicked")', "expr",
     "probe: ifup without /etc/network counts as ifupdown"),
    (SP, 'files.Exists("/etc/sysconfig/network-scripts")', "true", "expr",
     "probe: the network service without network-scripts counts as Red Hat's scripts"),
    (SP, 'Any(files, "/etc/rc.d/init.d/network", "/etc/init.d/network")', 'Any(files, "/etc/rc.d/init.d/network")', "expr",
     "probe: /etc/init.d/network is not found"),
    (SP, 'files.Exists("/etc/init.d/net.lo")', "false", "expr",
     "probe: netifrc is never found"),
    (SP, 'AnyBin(files, "hostnamectl")', "false", "expr",
     "probe: hostnamectl is never found"),
    (SP, 'AnyBin(files, "systemctl")', "false", "expr",
     "probe: systemctl is never found"),
    (SP, ANY_BIN, 'Any(files, $"/usr/sbin/{program}", $"/usr/bin/{program}", $"/bin/{program}")', "expr",
     "probe: programs in /sbin are not found"),
    (SP, "NetplanConfiguration.Files(files).Any()", "false", "expr",
     "probe: netplan's configuration is never noticed"),
    # NetworkBackendNames
    (NB, "name?.Trim()", "name", "expr",
     "names: a configured name with spaces around it is refused"),
    (NB, "string.Equals(definition.Name, trimmed, StringComparison.OrdinalIgnoreCase)", "string.Equals(definition.Name, trimmed, StringComparison.Ordinal)", "expr",
     "names: a short name in another case is refused"),
    (NB, "string.Equals(definition.LongName, trimmed, StringComparison.OrdinalIgnoreCase)", "false", "expr",
     "names: the spelled-out names are refused"),
    # ActiveNetworkServices
    (AN, "b.IsInUse(files, enabled)", "true", "expr",
     "active: every backend counts as in use"),
    # InterfaceNames
    (IN, "name.Length is > 0 and <= 15", "name.Length is > 0 and <= 16", "expr",
     "names: a 16-character name (past IFNAMSIZ) is safe"),
    (IN, "name[0] is not '.' and not '-'", "name[0] is not '.'", "expr",
     "names: a name starting with '-' (an option to a program) is safe"),
    (IN, "c is '_' or '-' or '.'", "c is '_' or '-' or '.' or ':' or '/'", "expr",
     "names: ':' and '/' are safe"),
    # ApplyStep
    (AS, "tools.Systemctl", "!tools.Systemctl", "expr",
     "step: a service restarted by its init script where systemctl is there, and the other way round"),
    (AS, '$"{service}.service"', "service", "expr",
     "step: systemctl restart without the .service suffix"),
    (AS, TRY_STEP, "new(new ProcessSpec(program, arguments) { Timeout = Timeout })", "expr",
     "step: a step that may fail must succeed"),
    # FileSnapshot
    (FS, "entry is { Kind: not FileKind.File }", "false", "expr",
     "snapshot: a directory or link in the file's place is not noticed"),
    (FS, "Read(fileSystem, NetworkBackups.PathOf(path))", "null", "expr",
     "snapshot: the backup beside the file is not saved"),
    (FS, "entry?.LinkTarget", "null", "expr",
     "snapshot: a link's target is not saved"),
    (FS, "file.Status.Mode", "UnixFileMode.UserRead | UnixFileMode.UserWrite", "expr",
     "snapshot: the file's mode is not saved (0600)"),
    # StepDeadline
    (SD, "end - time.GetElapsedTime(started)", "end", "expr",
     "deadline: the time spent is not taken off"),
    # NetworkChangeLock
    (LK, TRY_TAKE, "return FileLock.TryAcquire(system.FileSystem, store.LockPath, FileLockKind.OwnFlock);", "stmt",
     "lock: a recovery's lock attempt does not make the record directory private first"),
    (LK, "deadline.Remaining > TimeSpan.Zero ? deadline.Remaining : TimeSpan.Zero", "deadline.Remaining", "expr",
     "lock: a spent deadline gives a negative wait"),
    # InMemoryFileView
    (IM, "AllPaths.Any(f => f.StartsWith(path.TrimEnd('/') + \"/\", StringComparison.Ordinal))", "false", "expr",
     "memory view: a directory holding files does not exist"),
    (IM, "p[prefix.Length..].Split('/')[0]", "p[prefix.Length..]", "expr",
     "memory view: a listing names files deeper down"),
    # FileSystemView
    (FV, "_fileSystem.GetStatus(path)?.Kind == FileKind.File", "_fileSystem.GetStatus(path) is not null", "expr",
     "file view: a link is read through"),
    (FV, "_fileSystem.GetStatus(path)?.Kind == FileKind.SymbolicLink", "false", "expr",
     "file view: no path is a link"),
    (FV, "p[(p.LastIndexOf('/') + 1)..]", "p", "expr",
     "file view: a listing gives whole paths"),
]
