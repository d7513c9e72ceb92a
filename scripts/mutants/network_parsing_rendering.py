# Mutants of the network code no other batch covers: parsing one vm-data/networking entry and
# building the configuration, the FreeBSD, NetworkManager and netctl renderers, which netplan
# files count (NetplanSources), the transaction record's ends, resetnetwork's pipeline, the
# injectfile commands' arguments and the built-in commands' registration.
# Run: scripts/mutants/mutate.py scripts/mutants/network_parsing_rendering.py
# Outcome (session 17): 49 of 50 killed. The first run, with the classes up to DnsRoutingTests,
# killed 27; of the 23 survivors, 40 and 41 were killed by tests already there once their classes
# (NetplanLinksTests, NetplanSettingsTests, NetworkRecoveryTests, NetworkApplierRollbackTests) joined
# the filter, and 20 by new tests: the fixture dual-stack-routes (IPv6 routes and three IPv6
# addresses, in every renderer's golden file, through netplan generate and ifquery: 23-25, 31, 36),
# NetworkInputTests (3, 4, 9-11, 15, 17), StaleInterfaceFilesTests (22, 27, 28), OwnedFilesTests
# (34), NetplanOtherDirectoriesTests (37, 39), ResetNetworkEndToEndTests (43), InjectFileCommandsTests
# (46). No survivor was a bug.
# Survivor, equivalent: 38 (First or Last of a name found in both package directories): both are
# listed only when /lib links to usr/lib, where /lib/netplan and /usr/lib/netplan are one directory,
# so either path is the same file; only the path named in the shadow's header differs, and a shadow
# is recognised by either (NetplanOtherDirectoriesTests.A_shadow_whose_package_file_...).
# Session 23 (net): 3 rewritten for `gateway4 ??= default4;` (the entry now drops a gateway of a family
# without an address, 779b41f); rerun: killed (NetworkInputTests).
# Session 24 (gateways): 24 rewritten for the FreeBSD host routes' own count (lan{routes6.Count -
# hostRoutes6}, d821ad6), 36 for netctl's WriteGatewayAndRoutes (67534c4); rerun: both killed.
# Session 25 (netgw): 20 retargeted, FreeBSD no longer refuses several default routers (the first
# interface's gateway is written, the others left out with a warning; their mutants are in
# network_gateways.py 41-48); rerun: killed (the FreeBSD goldens and oracle cases).
# Session 26 (fuzz2): one entry per interface whatever the entries say, and a MAC two devices carry
# refused (EntryMatchingTests and VmDataFuzzTests join the classes): 14-16 retargeted, 51 added; run
# 14-16 and 51, all killed (EntryMatchingTests, InterfaceDiscoveryTests, NetworkInputTests, VmDataFuzzTests).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetworkInputTests", "-class", "*EntryMatchingTests", "-class", "*VmDataFuzzTests", "-class", "*InterfaceDiscoveryTests", "-class", "*RendererGoldenTests",
             "-class", "*OriginalAgentOracleTests", "-class", "*StaleInterfaceFilesTests", "-class", "*ShellSourcedFilesTests",
             "-class", "*OwnedFilesTests", "-class", "*NetplanOtherDirectoriesTests", "-class", "*NetplanConflictTests",
             "-class", "*Recovery.TransactionTests", "-class", "*ResetNetworkLogTests", "-class", "*ResetNetworkPipelineTests",
             "-class", "*ResetNetworkEndToEndTests", "-class", "*InjectFile*", "-class", "*BuiltInCommandsTests",
             "-class", "*OpenSslLibraryTests", "-class", "*HostnameFilesTests", "-class", "*DnsRoutingTests",
             "-class", "*NetplanLinksTests", "-class", "*NetplanSettingsTests", "-class", "*Recovery.NetworkRecoveryTests",
             "-class", "*NetworkApplierRollbackTests", "-class", "*NetplanGenerateTests", "-class", "*IfqueryTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
P = "src/Agent.Commands/Network/Parsing/NetworkEntryParser.cs"
B = "src/Agent.Commands/Network/Parsing/NetworkConfigurationBuilder.cs"
F = "src/Agent.Commands/Network/Rendering/FreeBsdRenderer.cs"
N = "src/Agent.Commands/Network/Rendering/NetworkManagerRenderer.cs"
C = "src/Agent.Commands/Network/Rendering/NetctlRenderer.cs"
S = "src/Agent.Commands/Network/Rendering/NetplanSources.cs"
T = "src/Agent.Commands/Network/Recovery/NetworkTransaction.cs"
R = "src/Agent.Commands/Network/NetworkReset.cs"
I = "src/Agent.Commands/Files/InjectFileCommands.cs"
U = "src/Agent.Commands/BuiltInCommands.cs"
MUTANTS = [
    # Parsing one entry.
    (P, "v4Entries.Length == 0 && v6Entries.Length == 0", "v4Entries.Length == 0", "expr",
     "entry: an IPv6-only entry (no ips) refused"),
    (P, "ReadGateway(root, \"gateway6\", AddressFamily.InterNetworkV6, where)", "null", "expr",
     "entry: the original agent's gateway6 key ignored"),
    (P, "gateway4 ??= default4;", "gateway4 = default4 ?? gateway4;", "stmt",
     "entry: a default route's gateway wins over the interface's own gateway"),
    (P, "default6 ??= route.Gateway;", "default6 = route.Gateway;", "stmt",
     "entry: the last IPv6 default route wins, not the first"),
    (P, "!route.IsDefault", "true", "expr",
     "entry: a default route kept as a static route 0.0.0.0/0 instead of becoming the gateway"),
    (P, "!dns.Contains(server)", "true", "expr",
     "entry: a repeated DNS server written twice"),
    (P, "entry.ValueKind == JsonValueKind.Null", "false", "expr",
     "entry: a null item in dns refused instead of skipped"),
    (P, "flag == 0", "false", "expr",
     "entry: a disabled address configured"),
    (P, "(isV6 ? JsonFields.GetString(entry, \"address\", where) : null)", "JsonFields.GetString(entry, \"address\", where)", "expr",
     "entry: an IPv4 address accepted under 'address'"),
    (P, "text.Trim()", "text", "expr",
     "entry: a gateway with spaces around it refused"),
    (P, "string.IsNullOrWhiteSpace(text)", "string.IsNullOrEmpty(text)", "expr",
     "entry: a blank gateway refused instead of read as none"),
    (P, "firstGateway ??= gateway;", "firstGateway = gateway ?? firstGateway;", "stmt",
     "entry: the last per-address gateway wins"),
    (P, "!LabelValidator.IsValid(label)", "false", "expr",
     "entry: a label with shell characters not cleaned"),
    # Building the configuration.
    (B, "group.Any(i => i.IsDevice) ? group.Where(i => i.IsDevice).ToArray() : group.ToArray()", "group.ToArray()", "expr",
     "builder: a bridge or VLAN sharing the NIC's MAC makes an entry for the NIC ambiguous"),
    (B, "candidates.Length > 1", "false", "expr",
     "builder: of two devices sharing a MAC, the one listed first is configured (a guess)"),
    (B, "!describedBy.TryAdd(name, key)", "false", "expr",
     "builder: two entries for one interface accepted"),
    (B, "current is not null && !HostnameValidator.IsValid(current)", "false", "expr",
     "builder: an invalid current hostname passed on to /etc/hosts"),
    (B, "system.Length != trimmed.Length", "false", "expr",
     "builder: a shortened hostname not reported"),
    (B, "interfaces.Select(i => i.Name).Concat(presentInterfaces ?? [])", "interfaces.Select(i => i.Name)", "expr",
     "builder: interfaces of other kinds (wg0, ib0) not counted as present"),
    # FreeBSD rc.conf.
    (F, "text.Line($\"defaultrouter=\\\"{gateways4[0].IPv4Gateway}\\\"\");", "text.Line($\"defaultrouter=\\\"{gateways4[^1].IPv4Gateway}\\\"\");", "stmt",
     "freebsd: the last interface's IPv4 gateway is the default router"),
    (F, "!others.Contains(InterfaceOf(key, others, configuration))", "true", "expr",
     "freebsd: the ifconfig_ lines of interfaces not configured now dropped"),
    (F, "(configuration.Hostname is not null && key == \"hostname\")", "key == \"hostname\"", "expr",
     "freebsd: rc.conf's hostname dropped when vm-data gives none"),
    (F, "$\"ifconfig_{variable}_alias{alias++}=\\\"{value}\\\"\"", "$\"ifconfig_{variable}_alias{alias}=\\\"{value}\\\"\"", "expr",
     "freebsd: every extra IPv6 address gets the same alias number"),
    (F, "$\"lan{routes6.Count - hostRoutes6}\"", "$\"lan{routes.Count - hostRoutes}\"", "expr",
     "freebsd: IPv6 routes numbered from the IPv4 list"),
    (F, "$\"ipv6_static_routes=\\\"{string.Join(' ', routes6)}\\\"\"", "$\"ipv6_static_routes=\\\"{string.Join(' ', routes)}\\\"\"", "expr",
     "freebsd: ipv6_static_routes lists the IPv4 routes"),
    (F, "gateway.IsIPv6LinkLocal", "false", "expr",
     "freebsd: no scope on a link-local IPv6 default router"),
    (F, "rest == v || rest.StartsWith(v + \"_\", StringComparison.Ordinal)", "rest.StartsWith(v, StringComparison.Ordinal)", "expr",
     "freebsd: em1's lines taken for em10's"),
    (F, "v.Length", "-v.Length", "expr",
     "freebsd: the shortest interface name a key starts with owns it"),
    # NetworkManager keyfiles.
    (N, "\"disabled\"", "\"ignore\"", "expr",
     "networkmanager: ipv4.method=ignore (invalid) without IPv4 addresses"),
    (N, "$\"address{i + 1}={addresses[i].Cidr}\"", "$\"address{i}={addresses[i].Cidr}\"", "expr",
     "networkmanager: addresses numbered from 0"),
    (N, "nic.Routes.Where(r => r.IsIPv6).ToArray()", "nic.Routes.ToArray()", "expr",
     "networkmanager: IPv4 routes written in the ipv6 section"),
    (N, "d.AddressFamily == AddressFamily.InterNetworkV6", "true", "expr",
     "networkmanager: IPv4 DNS servers written in the ipv6 section"),
    # netctl profiles.
    (C, "name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')", "true", "expr",
     "netctl: our eth0.bak copy taken for a stale profile and removed"),
    (C, "current.ReadText(path)?.Contains(Marker, StringComparison.Ordinal) ?? false", "true", "expr",
     "netctl: an administrator's profile for another interface removed"),
    (C, "nic.HasIPv6", "nic.HasIPv4", "expr",
     "netctl: IPv6 written or not by whether the interface has IPv4"),
    (C, "WriteGatewayAndRoutes(text, nic, \"Gateway6\", nic.IPv6Gateway, DefaultRouteMetrics.IpRouteWords(configuration, nic, AddressFamily.InterNetworkV6), \"Routes6\", nic.Routes.Where(r => r.IsIPv6));", "WriteGatewayAndRoutes(text, nic, \"Gateway6\", nic.IPv6Gateway, DefaultRouteMetrics.IpRouteWords(configuration, nic, AddressFamily.InterNetworkV6), \"Routes\", nic.Routes.Where(r => r.IsIPv6));", "stmt",
     "netctl: IPv6 routes written under Routes"),
    # Which netplan files count.
    (S, "name.EndsWith(\".yml\", StringComparison.Ordinal)", "false", "expr",
     "netplan sources: a .yml in /etc/netplan no longer reconciled"),
    (S, "group.First().Path", "group.Last().Path", "expr",
     "netplan sources: the later package directory's file taken for a name in both"),
    (S, "inEtc ?? inLib", "inEtc", "expr",
     "netplan sources: a /run file hiding only a /lib file is taken to hide nothing"),
    (S, "new NetplanSource(inEtc, inEtc, inLib, ShadowsOwnFile: false) { HiddenByRuntime = hidden }", "new NetplanSource(inEtc, inEtc, inLib, ShadowsOwnFile: false)", "expr",
     "netplan sources: an /etc file hidden by a /run one taken as read now"),
    # The transaction's ends.
    (T, "unrestored.Count == 0", "true", "expr",
     "transaction: the record removed though files could not be restored"),
    (T, "_record = _record with { Phase = phase };", "", "stmt",
     "transaction: the phase never recorded"),
    # resetnetwork's pipeline.
    (R, "_options.SetHostname", "true", "expr",
     "resetnetwork: the hostname set though the options say not to"),
    (R, "SysfsInterfaceReader.ReadNames(view)", "(IReadOnlyList<string>)[]", "expr",
     "resetnetwork: interfaces of other kinds not passed on (their files taken for vanished ones)"),
    # injectfile.
    (I, "Array.IndexOf(data, (byte)',')", "Array.LastIndexOf(data, (byte)',')", "expr",
     "injectfile: split at the last comma (contents with a comma)"),
    (I, "pathElement.ValueKind != JsonValueKind.String", "false", "expr",
     "file_inject: a non-string b64_path not refused as bad arguments"),
    (I, "value.ValueKind != JsonValueKind.Object", "false", "expr",
     "file_inject: a non-object value not refused as bad arguments"),
    # The built-in commands' registration.
    (U, "!services.Contains<ILogger<NetworkCommands>>()", "true", "expr",
     "registration: the application's network logger replaced"),
    (U, "!services.Contains<OpenSslLibrary>()", "true", "expr",
     "registration: the application's OpenSslLibrary replaced"),
    (U, "library.FindInstalled() is null", "false", "expr",
     "registration: a missing libssl not logged"),
    # Session 26 (fuzz2): two entries for one interface, whichever has the addresses.
    (B, "!describedBy.TryAdd(name, key)", "entry.HasAddresses && !describedBy.TryAdd(name, key)", "expr",
     "builder: an entry without an enabled address not counted, so a second entry for its interface applied"),
]
