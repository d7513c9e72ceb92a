# Mutants of the network files no other batch covers: the netplan, Gentoo and networkd renderers,
# NetworkFilesRenderer (which files one reset writes), resolv.conf, /etc/hosts, the resolved drop-in,
# the current hostname, OwnedFiles, RendererCatalog and the backend definitions (in use, DNS delivery,
# apply steps, the catalog).
# Session 69: 1 retargeted (18, resolv.conf's rendering now passes UnlessPinned); rerun: killed.
# Run: scripts/mutants/mutate.py scripts/mutants/network_files.py
# Outcome (2026-11-30, session 20): 70 mutants in the first run (of the code before 36739b0): 48 killed,
# 22 survived, all test gaps; checking two of them against the real readers found two bugs:
# - BUG, fixed: RedHatIfcfgBackend took NM_CONTROLLED as no, false or 0 only; NetworkManager's ifcfg-rh
#   plugin reads it with svParseBoolean, where n and f (any case) are false too, so an interface that
#   NetworkManager leaves alone with NM_CONTROLLED=n did not show the legacy network service in use.
# - BUG, fixed: ResolvConfRenderer kept a search, domain or options line only with a space after the
#   keyword; glibc's resolver takes a tab too, so "search<TAB>example.com" was lost from a rewritten
#   resolv.conf. Its three mutants (24-26) are of the new code.
#   (Both tests fail on the code before the fixes: NM_CONTROLLED=n and =F, and the tab line.)
# - New tests: NetworkFilesTests (the current hostname's places, comments and invalid names; /etc/hosts
#   maps the first IPv4 and IPv6 address of every interface, the current hostname without one from the
#   host; the drop-in's DNS= read as resolved reads it, none without servers, an earlier one removed once
#   resolv.conf gets the servers and kept when the host sends none; resolv.conf's kept lines as glibc
#   reads them; a VLAN's Gentoo variables, read by bash), BackendInUseTests (each backend's services and
#   run-time state; NM_CONTROLLED read by bash and judged by NetworkManager's words, not ifcfg-lo, not a
#   backup), BackendApplyStepsTests (networkd reconfigures; FreeBSD's failed routing restart answers 0),
#   DnsRoutingTests (SUSE with a dangling netconfig link gets resolv.conf), ResetNetworkEndToEndTests
#   (Gentoo restarts an existing net.eth0 without the link step).
# Second run (the 22 survivors, 24-26, and 48 rewritten for the new code; 25 mutants): all 25 killed, each
# by the new test meant for it (24 by DnsRoutingTests as before). None is equivalent.
# Then (lead, after the merge) two more differences the helper noticed: the first NM_CONTROLLED of a file
# counted although bash and NetworkManager keep the last, and an indented "  search x" (glibc reads
# keywords only at a line's start) became an active line in the new resolv.conf. Both fixed; 73 and 74
# are the old code, 47 and 48 rewritten for the new; all four killed (BackendInUseTests' two-line
# files, NetworkFilesTests' indented lines). 74 mutants, all killed.
# Not mutated, being declarations: HostnamePlaces (a record of flags, each read by HostnameFilesRenderer,
# whose mutants are in network_backends.py), NetworkBackendDefinition (abstract members and defaults
# of one expression each), the backends' Name, LongName and Renderer (NetworkBackendCatalogTests
# checks each against the enum and the names' parser), and the constants (a const cannot take a switch).
# Session 20 (review): NM_CONTROLLED read through ShellVariableEditor.Get (which now keeps the last
# assignment and drops a '# comment' after the value, as bash and NetworkManager's svUnescape do);
# 47 now reads another variable, 73 the first assignment in ShellVariableEditor; 47, 48, 73 run: all killed.
# Session 21: NM_CONTROLLED is read by IfcfgValueReader (NetworkManager's shvar.c reading); 73 moved there
# (the first assignment counting) and rerun: killed (BackendInUseTests). The readers' own mutants are in
# network_renderers.py.
# Session 22 (shelledit): CurrentHostnameReader takes a shell file's value untrimmed (HOSTNAME=name\r of
# a CRLF file is no valid name, as bash reads it); 38 retargeted, 75 added; 37-40, 75 run: all killed.
# Session 24 (gateways): 1, 2, 9, 15 (now an expr: the IPv6 entry of networkd's defaults) and 16
# rewritten for the default routes' metrics and networkd's [Route] loop (67534c4); rerun: all 5 killed.
# Session 26 (adns): 76-78 added (ifupdown-ng's DNS: IfupdownBackend.DeliversDns, ResolverProbe's
# executor-directory check); 55, 76-78 run: all 4 killed (DnsRoutingTests).
# Session 61 (alpinereapply): 56 and 57 rewritten for the new ifupdown plan (every flush, then ifup -f
# on each); rerun as mutants 6 and 7 of commands_s61_alpinereapply.py.
# Session 62: mutant 58 retargeted at the plan with its left-out interfaces (commands_s62_ifupleftout) and rerun: killed.
# Session 63: mutant 66 retargeted at the NetworkManager plan's undoing (commands_s63_nmrollback.py) and rerun: killed.
# Session 68 (hostdns): 24 given its context, IsKept's line (WithoutTrustAd tests for an options line too).
# Rerun (session 68): 24 killed.
# Session 69 (lldns2): 1 retargeted (netplan's route list gained the link-local DNS routes: the default routes' call mutated alone), rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*RendererGoldenTests", "-class", "*OriginalAgentOracleTests", "-class", "*ShellSourcedFilesTests",
             "-class", "*IfqueryTests", "-class", "*NetplanGenerateTests", "-class", "*OwnedFilesTests",
             "-class", "*DnsRoutingTests", "-class", "*ResolvConfEndToEndTests", "-class", "*ServiceAwareSelectionTests",
             "-class", "*DetectionTests", "-class", "*NetworkBackendCatalogTests", "-class", "*NetworkBackendNamesTests",
             "-class", "*HostnameFilesTests", "-class", "*RenderedFileRulesTests", "-class", "*ResetNetworkPipelineTests",
             "-class", "*ResetNetworkEndToEndTests", "-class", "*ResetNetworkFailureTests", "-class", "*RescueHostnameEndToEndTests",
             "-class", "*NetplanConflictTests", "-class", "*NetplanOtherFilesEndToEndTests",
             "-class", "*NetplanRendererDecisionEndToEndTests", "-class", "*NetplanOwnershipSelectionTests",
             "-class", "*NetworkFilesTests", "-class", "*BackendInUseTests", "-class", "*BackendApplyStepsTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
NET = "src/Agent.Commands/Network/"
NP = NET + "Rendering/NetplanRenderer.cs"
GE = NET + "Rendering/GentooRenderer.cs"
ND = NET + "Rendering/NetworkdRenderer.cs"
NF = NET + "Rendering/NetworkFilesRenderer.cs"
RC = NET + "Rendering/Common/ResolvConfRenderer.cs"
HO = NET + "Rendering/Common/HostsFileRenderer.cs"
RD = NET + "Rendering/Common/ResolvedDropInRenderer.cs"
CH = NET + "Rendering/Common/CurrentHostnameReader.cs"
OF = NET + "Rendering/OwnedFiles.cs"
CAT = NET + "Rendering/RendererCatalog.cs"
B = NET + "Backends/"
MUTANTS = [
    # NetplanRenderer
    (NP, "DefaultRoutes(configuration, nic)",
     "Enumerable.Empty<(string To, System.Net.IPAddress? Via, int? Metric)>()", "expr",
     "netplan: the default routes are not written"),
    (NP, "(\"::/0\", v6, DefaultRouteMetrics.For(configuration, nic, AddressFamily.InterNetworkV6))", "(\"0.0.0.0/0\", v6, DefaultRouteMetrics.For(configuration, nic, AddressFamily.InterNetworkV6))", "expr",
     "netplan: the IPv6 default route is written as an IPv4 one"),
    (NP, "routes.Length > 0", "routes.Length > 1", "expr",
     "netplan: a single route is not written"),
    (NP, "dns.Count > 0", "true", "expr",
     "netplan: an empty nameservers list is written for an interface without DNS servers"),
    (NP, "RenderedFile.Private", "RenderedFile.Public", "expr",
     "netplan: the YAML is world-readable (netplan warns about it)"),
    (NP, "NetplanOtherFiles.Reconcile(configuration, current, FilePath)", "RenderResult.Empty", "expr",
     "netplan: other files defining our interfaces are left as they are"),
    (NP, "$\"        - \\\"{a.Cidr}\\\"\"", "$\"        - \\\"{a.Address}\\\"\"", "expr",
     "netplan: an address without its prefix length"),
    # GentooRenderer
    (GE, "string.Join('\\n', nic.Addresses.Select(a => a.Cidr))", "string.Join(' ', nic.Addresses.Select(a => a.Cidr))", "expr",
     "gentoo: several addresses on one line (netifrc reads the second as an option of the first)"),
    (GE, "routes.Add($\"default via {gateway6}{nic.IpRouteOnLink(gateway6)}{DefaultRouteMetrics.IpRouteWords(configuration, nic, AddressFamily.InterNetworkV6)}\");", "", "stmt",
     "gentoo: the IPv6 default route is not written"),
    (GE, "routes.Count > 0", "routes.Count > 1", "expr",
     "gentoo: a single route is not written"),
    (GE, "InterfaceNames.ForVariable(nic.Name)", "nic.Name", "expr",
     "gentoo: a VLAN's name (eth0.100) is used in a variable name as it is"),
    (GE, "configuration.Interfaces.Select(i => InterfaceNames.ForVariable(i.Name)).ToArray()", "configuration.Interfaces.Select(i => i.Name).ToArray()", "expr",
     "gentoo: a VLAN's old settings are kept beside its new ones"),
    (GE, "kept.Count > 0", "true", "expr",
     "gentoo: an empty 'Kept' section is written"),
    # NetworkdRenderer
    (ND, "OwnedFiles.Stale(current, Directory, Prefix, \".network\", files)", "[]", "expr",
     "networkd: the files of interfaces no longer configured are kept"),
    (ND, "(\"::/0\", nic.IPv6Gateway, DefaultRouteMetrics.For(configuration, nic, AddressFamily.InterNetworkV6))", "(\"::/0\", (System.Net.IPAddress?)null, (int?)null)", "expr",
     "networkd: the IPv6 gateway is not written"),
    (ND, "$\"Destination={destination}\"", "$\"Destination={gateway}\"", "expr",
     "networkd: a route's destination is its gateway"),
    # NetworkFilesRenderer
    (NF, "HostsFileRenderer.Render(configuration, current)", "RenderResult.Empty", "expr",
     "files: /etc/hosts is not written"),
    (NF, "result.Concat(UnlessPinned(ResolvConfRenderer.Render(configuration, current, dns.ReplaceLink), current)).Concat(StaleDropIn(configuration, current))",
     "result.Concat(UnlessPinned(ResolvConfRenderer.Render(configuration, current, dns.ReplaceLink), current))", "expr",
     "files: resolv.conf written, an earlier drop-in kept"),
    (NF, "result.Concat(StaleDropIn(configuration, current))", "result", "expr",
     "files: servers in the backend's files, an earlier drop-in kept"),
    (NF, "configuration.DnsServers.Count > 0", "true", "expr",
     "files: an earlier drop-in removed even when the host sends no DNS servers"),
    (NF, "facts with { Resolver = Backends.NetworkBackends.For(backend).ResolverAfter(facts.Resolver, configuration, current, backendFiles) }", "facts", "expr",
     "files: the DNS decision does not see the renderer netplan gives our interfaces"),
    # ResolvConfRenderer
    (RC, "servers.Count == 0", "false", "expr",
     "resolv.conf: written without nameservers when the host sends none"),
    (RC, "ResolverProbe.Normalize(target)", "target", "expr",
     "resolv.conf: a relative link's target is read as it is"),
    (RC, "StartsWithKeyword(line, \"options\")", "false", "expr",
     "resolv.conf: the options line is lost", "StartsWithKeyword(line, \"sortlist\") || StartsWithKeyword(line, \"options\");"),
    (RC, "line[keyword.Length] is ' ' or '\\t'", "line[keyword.Length] == ' '", "expr",
     "resolv.conf: a keyword followed by a tab (search<TAB>example.com) is not kept"),
    (RC, "line.Length > keyword.Length", "true", "expr",
     "resolv.conf: a bare 'search' line reads past its end"),
    (RC, "new ConfigText().Line(ConfigText.Header).Lines(kept)", "new ConfigText().Line(ConfigText.Header)", "expr",
     "resolv.conf: the search and options lines are lost"),
    (RC, "RenderResult.Of(new RenderedFile(FilePath, text.ToString(), RenderedFile.Public) { ReplacesSymbolicLink = replaceLink })", "RenderResult.Of(new RenderedFile(FilePath, text.ToString(), RenderedFile.Public))", "expr",
     "resolv.conf: a link is never replaced"),
    # HostsFileRenderer
    (HO, "i.IPv4Addresses.Take(1)", "i.IPv4Addresses", "expr",
     "hosts: every IPv4 address of an interface is mapped to the hostname"),
    (HO, "i.IPv6Addresses.Take(1)", "i.IPv6Addresses.Take(0)", "expr",
     "hosts: the IPv6 address is not mapped"),
    (HO, "current.ReadText(FilePath) ?? LoopbackLines", "current.ReadText(FilePath) ?? \"\"", "expr",
     "hosts: a missing file is made without the loopback names"),
    (HO, "configuration.EffectiveHostname", "configuration.Hostname", "expr",
     "hosts: the current hostname is not used when the host sends none"),
    (HO, "configuration.Interfaces", "configuration.Interfaces.Take(1)", "expr",
     "hosts: only the first interface's addresses are mapped"),
    # ResolvedDropInRenderer
    (RD, "configuration.DnsServers.Count == 0", "false", "expr",
     "drop-in: an empty DNS= is written, which clears resolved's global servers"),
    (RD, "string.Join(' ', configuration.ScopedDnsServers)", "string.Join(',', configuration.ScopedDnsServers)", "expr",
     "drop-in: the servers separated by commas"),
    (RD, "current.Exists(FilePath)", "true", "expr",
     "drop-in: a drop-in that is not there is removed"),
    # CurrentHostnameReader
    (CH, "!l.StartsWith('#')", "true", "expr",
     "current hostname: a comment line of /etc/hostname is read as the name"),
    (CH, "HostnameValidator.IsValid(c)", "true", "expr",
     "current hostname: an invalid name is taken"),
    (CH, "ShellVariableEditor.Get(files.ReadText(\"/etc/conf.d/hostname\"), \"hostname\")", "null", "expr",
     "current hostname: Gentoo's hostname= is not read"),
    (CH, "FirstLine(files.ReadText(\"/etc/hostname\"))", "null", "expr",
     "current hostname: /etc/hostname is not read (the kernel's name wins)"),
    # OwnedFiles
    (OF, "name.EndsWith(suffix, StringComparison.Ordinal)", "true", "expr",
     "owned files: a file of ours with another suffix (a backup) is removed"),
    (OF, "!keep.Contains(path)", "true", "expr",
     "owned files: the files written in this run are removed too"),
    # RendererCatalog
    (CAT, "NetworkBackends.For(backend).Renderer", "NetworkBackends.All[0].Renderer", "expr",
     "catalog: every backend gets netplan's renderer"),
    # RedHatIfcfgBackend (45-48, the ifcfg file scan, retargeted at UnmanagedIfcfgFiles in session 65: commands_s65_ifcfgscan; rerun, 4 of 4 killed)
    (B + "RedHatIfcfgBackend.cs", "enabled.Contains(\"network\")", "false", "expr",
     "redhat: the network service enabled is not seen"),
    (B + "UnmanagedIfcfgFiles.cs", "name != \"ifcfg-lo\"", "true", "expr",
     "redhat: the loopback's ifcfg-lo (NM_CONTROLLED=no on some images) counts"),
    (B + "UnmanagedIfcfgFiles.cs", "!IgnoredEndings.Any(ending => name.Length > ending.Length && Ascii.EqualsIgnoreCase(name.AsSpan(name.Length - ending.Length), ending))", "true", "expr",
     "redhat: a backup ifcfg-eth0.bak counts"),
    (B + "UnmanagedIfcfgFiles.cs", "\"NM_CONTROLLED\"", "\"NM_MANAGED\"", "expr",
     "redhat: another variable read for NM_CONTROLLED"),
    (B + "UnmanagedIfcfgFiles.cs", "value?.ToLowerInvariant()", "value", "expr",
     "redhat: NM_CONTROLLED=NO is not read"),
    (B + "RedHatIfcfgBackend.cs", "interfaces.Select(ApplyStep.FlushGlobalAddresses)",
     "interfaces.Select(ApplyStep.FlushGlobalAddresses).Take(0)", "expr",
     "redhat: the old addresses are not flushed before the restart"),
    # GentooNetifrcBackend
    (B + "GentooNetifrcBackend.cs", "s != \"net.lo\"", "true", "expr",
     "gentoo: net.lo in the boot runlevel counts as netifrc in use"),
    (B + "GentooNetifrcBackend.cs", "s.StartsWith(\"net@\", StringComparison.Ordinal)", "false", "expr",
     "gentoo: a systemd net@eth0 service is not seen"),
    (B + "GentooNetifrcBackend.cs", "resolver.Resolvconf == ResolvconfKind.None", "true", "expr",
     "gentoo: netifrc's servers are thought to land in resolv.conf even where resolvconf takes them"),
    (B + "GentooNetifrcBackend.cs", "!current.Exists($\"/etc/init.d/net.{name}\")", "true", "expr",
     "gentoo: the service link is made again where it is there"),
    # IfupdownBackend
    (B + "IfupdownBackend.cs", "files.Exists(\"/run/network/ifstate\")", "false", "expr",
     "ifupdown: interfaces brought up by ifupdown are not seen without the networking service"),
    (B + "IfupdownBackend.cs", "resolver.IfupdownResolvconfHook", "true", "expr",
     "ifupdown: dns-nameservers thought to reach resolv.conf without the resolvconf hook"),
    (B + "IfupdownBackend.cs", "interfaces.Select(ApplyStep.FlushGlobalAddresses).ToList()", "new List<ApplyStep>()", "expr",
     "ifupdown: the old stanza's addresses are left behind"),
    (B + "IfupdownBackend.cs", "ApplyStep.Try(\"ifup\", \"-f\", name)", "ApplyStep.Run(\"ifup\", \"-f\", name)", "expr",
     "ifupdown: ifup's failure fails the reset (the original ignores it)"),
    (B + "IfupdownBackend.cs", "return new ApplyPlan(before, after) { OnlyOnRollback = [.. leftOut.Select(n => Up(n, facts))] };", "return new ApplyPlan([], [.. before, .. after]) { OnlyOnRollback = [.. leftOut.Select(n => Up(n, facts))] };", "stmt",
     "ifupdown: ifdown after the write (the new configuration, which it cannot take down)"),
    # SuseIfcfgBackend
    (B + "SuseIfcfgBackend.cs", "files.Exists(\"/run/wicked\")", "false", "expr",
     "suse: a running wicked without its service enabled is not seen"),
    (B + "SuseIfcfgBackend.cs", "resolver.NetconfigDnsDisabled", "false", "expr",
     "suse: an empty NETCONFIG_DNS_POLICY is not noticed"),
    (B + "SuseIfcfgBackend.cs", "(resolver.Owner == ResolverManager.Netconfig && resolver.OwnerActive)", "resolver.Owner == ResolverManager.Netconfig", "expr",
     "suse: a dangling link to netconfig's file counts as netconfig writing resolv.conf"),
    (B + "SuseIfcfgBackend.cs", "resolver.Owner == ResolverManager.None", "false", "expr",
     "suse: a plain resolv.conf is not thought to be netconfig's"),
    # NetplanBackend
    (B + "NetplanBackend.cs", "resolver.NetplanRendersNetworkManager", "false", "expr",
     "netplan: the servers thought to go to resolved also where netplan renders for NetworkManager"),
    (B + "NetplanBackend.cs", "resolver with { NetplanRendersNetworkManager = NetplanDns.RendersNetworkManager(configuration, current, rendered) }", "resolver", "expr",
     "netplan: the renderer our interfaces get is not worked out"),
    # NetworkManagerBackend
    (B + "NetworkManagerBackend.cs", "files.Exists(\"/run/NetworkManager\")", "false", "expr",
     "NetworkManager: running without its service enabled is not seen"),
    (B + "NetworkManagerBackend.cs", "NetworkManagerRenderer.ConnectionId(interfaceName)", "interfaceName", "expr",
     "NetworkManager: the connection brought up by the interface's name",
     "NetworkManagerRenderer.ConnectionId(interfaceName)) with { RepeatOnRollback = repeated }"),
    # FreeBsdRcConfBackend
    (B + "FreeBsdRcConfBackend.cs", "os.Id == \"freebsd\"", "false", "expr",
     "freebsd: not recognised by its operating system"),
    (B + "FreeBsdRcConfBackend.cs", "ApplyStep.Try(\"/etc/rc.d/routing\", \"restart\")", "ApplyStep.Run(\"/etc/rc.d/routing\", \"restart\")", "expr",
     "freebsd: a failed routing restart fails the reset"),
    # NetworkdBackend
    (B + "NetworkdBackend.cs", "files.Exists(\"/run/systemd/netif/state\")", "files.Exists(\"/run/systemd/netif\")", "expr",
     "networkd: the directory tmpfiles makes counts as networkd in use"),
    (B + "NetworkdBackend.cs", "interfaces.Select(n => ApplyStep.Run(\"networkctl\", \"reconfigure\", n))", "interfaces.Select(n => ApplyStep.Run(\"networkctl\", \"up\", n))", "expr",
     "networkd: the interfaces brought up, not reconfigured (an up link keeps its old addresses)"),
    # NetctlBackend
    (B + "NetctlBackend.cs", "s.StartsWith(\"netctl-auto@\", StringComparison.Ordinal)", "false", "expr",
     "netctl: netctl-auto@ is not seen"),
    # NetworkBackends
    (B + "NetworkBackends.cs", "All.FirstOrDefault(b => b.Backend == backend)", "All.LastOrDefault(b => b.Backend == backend || b.Backend == NetworkBackend.FreeBsdRcConf)", "expr",
     "backends: a backend's definition is FreeBSD's"),
    # Session 20, after the batch's run: two more differences from the real readers, fixed.
    # Session 21: NM_CONTROLLED now read by IfcfgValueReader (NetworkManager's reading); 73 moved there.
    (NET + "Rendering/Common/IfcfgValueReader.cs", "line[(start + key.Length + 1)..]",
     "assigned ?? line[(start + key.Length + 1)..]", "expr",
     "redhat (and every shell file read): the first NM_CONTROLLED of a file counts, not the last one the shell and NetworkManager keep"),
    (RC, "l.TrimEnd()", "l.Trim()", "expr",
     "resolv.conf: an indented search line (glibc ignores it) carried over as an active one"),
    # Session 22 (shelledit): a shell file's value is taken as bash leaves it.
    (CH, "HostnameValidator.IsValid(c)", "HostnameValidator.IsValid(c.Trim())", "expr",
     "current hostname: HOSTNAME=name\\r (a CRLF file) is taken as name"),
    # Session 26 (adns): ifupdown-ng runs the resolvconf hook without ADDRFAM, so the hook passes nothing on.
    (B + "IfupdownBackend.cs", "resolver.IfupdownNg", "false", "expr",
     "ifupdown: dns-nameservers thought to reach resolvconf under ifupdown-ng, whose hook runs lack ADDRFAM"),
    (NET + "Detection/ResolverProbe.cs", "files.Exists(\"/usr/libexec/ifupdown-ng\")", "false", "expr",
     "probe: ifupdown-ng never noticed"),
    (NET + "Detection/ResolverProbe.cs", "files.Exists(\"/usr/libexec/ifupdown-ng\")", "true", "expr",
     "probe: every ifup taken as ifupdown-ng, so a working resolvconf hook is not trusted"),
]
