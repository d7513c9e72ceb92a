# Mutants of session 24's gateways work (gw): a gateway outside every subnet of its interface
# (OnLinkGateway) and how each renderer makes it reachable (netplan on-link, networkd GatewayOnLink,
# NetworkManager onlink=true, ifupdown's post-up onlink and the stanza its routes go in, netifrc and
# netctl onlink, Red Hat's route files, SUSE's and FreeBSD's host routes).
# Run: scripts/mutants/mutate.py scripts/mutants/network_gateways.py
# Outcome (2026-12-01, session 24): first run (on 7a66a4a) 28 mutants: 27 killed, 1 survived (2: an
# IPv4 gateway compared byte by byte with an IPv6 subnet; no fixture had an IPv6 prefix sharing an IPv4
# gateway's first bytes), a test gap: OnLinkGatewayKernelTests now checks 10.0.12.1 against
# a00:c00::1/24. Second run (on 67534c4: 2, the texts 9, 10, 19, 22 and 23 rewritten for the metric
# code, and 29-38 for DefaultRouteMetrics and its writers; 16 mutants): all 16 killed (the kernel in a
# network namespace, the real ifup, netplan generate and nmcli --offline, the goldens). None equivalent.
# Third run (on 3d1843a: 24 retargeted to OnLinkGateway.OffLinkGateways, 26 rewritten for FreeBSD's call):
# both killed (the goldens, the original agent's FreeBSD oracle).
# Session 25 (netgw, on 7ed3230): 39-40 (SUSE's ifroute metric) and 41-48 (FreeBSD's one default router,
# the others left out with a warning; RenderResult's warnings, resetnetwork logging them, WithGateway)
# new; TEST_ARGS gained ResetNetworkLogTests and ShellSourcedFilesTests. All 10 killed (the kernel in a
# namespace, the goldens, the FreeBSD oracle and warning cases, the end-to-end log test). None equivalent.
# Session 26 (alpine, on c61db9e): 16 retargeted (the renderer's routes are `r` now) and 32 rewritten (a
# metric is on ifupdown's default route of its own, no `metric` line any more): both killed (the goldens,
# the kernel). The new ifupdown gateway choices are in network_ifupdown_alpine.py.
# Session 69 (lldns2): 3 retargeted (11 placed by its context, networkd's link-local DNS route has its own GatewayOnLink; 13-14 the keyfile's `via`), rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*OnLinkGatewayKernelTests", "-class", "*ShellRoutesKernelTests", "-class", "*NetworkManagerKeyfileTests",
             "-class", "*NetplanGenerateTests", "-class", "*RendererGoldenTests", "-class", "*OriginalAgentOracleTests",
             "-class", "*ResetNetworkLogTests", "-class", "*ShellSourcedFilesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
NET = "src/Agent.Commands/Network/"
OG = NET + "Model/OnLinkGateway.cs"
NP = NET + "Rendering/NetplanRenderer.cs"
ND = NET + "Rendering/NetworkdRenderer.cs"
NMR = NET + "Rendering/NetworkManagerRenderer.cs"
IU = NET + "Rendering/IfupdownRenderer.cs"
GE = NET + "Rendering/GentooRenderer.cs"
NC = NET + "Rendering/NetctlRenderer.cs"
RH = NET + "Rendering/RedHatRenderer.cs"
SU = NET + "Rendering/SuseRenderer.cs"
FB = NET + "Rendering/FreeBsdRenderer.cs"
DM = NET + "Model/DefaultRouteMetrics.cs"
RR = NET + "Rendering/RenderResult.cs"
NR = NET + "NetworkReset.cs"
MUTANTS = [
    # OnLinkGateway
    (OG, "!(gateway.AddressFamily == AddressFamily.InterNetworkV6 && gateway.IsIPv6LinkLocal)", "true", "expr",
     "on-link: a link-local IPv6 gateway counts as off-link"),
    (OG, "address.Address.AddressFamily != gateway.AddressFamily", "false", "expr",
     "on-link: an address of the other family is compared byte by byte"),
    (OG, "!subnet[..whole].SequenceEqual(other[..whole])", "false", "expr",
     "on-link: the whole bytes of the prefix are not compared"),
    (OG, "rest == 0", "true", "expr",
     "on-link: the prefix's bits inside its last byte are not compared"),
    (OG, "(byte)(0xff << (8 - rest))", "(byte)(0xff << (7 - rest))", "expr",
     "on-link: one bit too few of the last byte compared"),
    (OG, "nic.IsOffLink(gateway) ? \" onlink\" : \"\"", "\"\"", "expr",
     "on-link: shell-style route lines never say onlink"),
    # netplan and networkd
    (NP, "nic.IsOffLink(via)", "false", "expr",
     "netplan: no route marked on-link"),
    (NP, "nic.IsOffLink(via)", "true", "expr",
     "netplan: every route marked on-link"),
    (ND, "defaults.Where(d => !nic.IsOffLink(d.Gateway) && d.Metric is null)", "defaults.Where(d => d.Metric is null)", "expr",
     "networkd: an off-link default gateway also as [Network] Gateway="),
    (ND, "defaults.Where(d => nic.IsOffLink(d.Gateway) || d.Metric is not null)", "defaults.Where(d => d.Metric is not null)", "expr",
     "networkd: an off-link default gateway gets no [Route]"),
    (ND, "nic.IsOffLink(gateway)", "false", "expr",
     "networkd: no GatewayOnLink=", "if (nic.IsOffLink(gateway))\n            {\n                // Without it"),
    # NetworkManager
    (NMR, "gateway is not null && nic.IsOffLink(gateway)", "false", "expr",
     "NetworkManager: an off-link default gateway stays gateway="),
    (NMR, "nic.IsOffLink(via)", "false", "expr",
     "NetworkManager: no route gets onlink=true"),
    (NMR, "nic.IsOffLink(via)", "true", "expr",
     "NetworkManager: every route gets onlink=true"),
    # ifupdown
    (IU, "i == addresses.Count - 1", "i == 0", "expr",
     "ifupdown: routes in the family's first stanza, before its other addresses"),
    (IU, "nic.IpRouteOnLink(r.Gateway)", "\"\"", "expr",
     "ifupdown: post-up routes without onlink"),
    # netifrc and netctl
    (GE, "nic.IpRouteOnLink(gateway4)", "\"\"", "expr",
     "netifrc: an off-link IPv4 default gateway without onlink"),
    (GE, "nic.IpRouteOnLink(gateway6)", "\"\"", "expr",
     "netifrc: an off-link IPv6 default gateway without onlink"),
    (NC, "gateway is not null && (nic.IsOffLink(gateway) || metricWords.Length > 0)", "gateway is not null && metricWords.Length > 0", "expr",
     "netctl: an off-link default gateway stays Gateway="),
    # Red Hat
    (RH, "!OnLinkGateway.Contains(nic.IPv4Addresses[0], gateway)", "nic.IsOffLink(gateway)", "expr",
     "Red Hat: GATEWAY in another address's subnet stays in ifcfg (ifup-eth skips it)"),
    (RH, "DefaultInRouteFile(nic) || nic.Routes.Any(r => !r.IsIPv6 && nic.IsOffLink(r.Gateway))", "DefaultInRouteFile(nic)", "expr",
     "Red Hat: an off-link route in the ADDRESSn form, which has no onlink"),
    (RH, "DefaultInRoute6File(nic, metricWords) ? nic.IPv6Gateway : null", "null", "expr",
     "Red Hat: an off-link IPv6 default gateway is not in route6-<if>"),
    (RH, "nic.Routes.Any(r => r.IsIPv6) || DefaultInRoute6File(nic, metric6)", "nic.Routes.Any(r => r.IsIPv6)", "expr",
     "Red Hat: no route6-<if> for an off-link IPv6 default gateway alone"),
    # SUSE and FreeBSD host routes
    (OG, "nic.Routes.Select(r => r.Gateway).Concat(new[] { nic.IPv4Gateway, nic.IPv6Gateway }.OfType<IPAddress>())",
     "nic.Routes.Select(r => r.Gateway)", "expr",
     "SUSE and FreeBSD: no host route for an off-link default gateway"),
    (SU, "g.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32", "32", "expr",
     "SUSE: an IPv6 gateway's host route is a /32"),
    (FB, "nic.OffLinkGateways()", "Enumerable.Empty<System.Net.IPAddress>()", "expr",
     "FreeBSD: no host route for an off-link gateway"),
    (FB, "routes.Count - hostRoutes", "routes.Count", "expr",
     "FreeBSD: route names counted with the host routes"),
    (FB, "v6 ? routes6 : routes", "routes", "expr",
     "FreeBSD: an IPv6 gateway's host route listed in static_routes"),
    # Several interfaces with a default gateway (DefaultRouteMetrics and its writers)
    (DM, "index > 0 ? First + (Step * (index - 1)) : null", "null", "expr",
     "metrics: every default route with the backend's default metric"),
    (DM, "index > 0", "index >= 0", "expr",
     "metrics: the first interface's default route gets a metric too"),
    (DM, "Step * (index - 1)", "0", "expr",
     "metrics: every later interface with the same metric"),
    (IU, "$\"default via {gateway} dev {nic.Name}{nic.IpRouteOnLink(gateway)}{metricWords}\"", "$\"default via {gateway} dev {nic.Name}{nic.IpRouteOnLink(gateway)}\"", "expr",
     "ifupdown: no metric on a default route of its own"),
    (NP, "text.Line($\"          metric: {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}\");", "", "stmt",
     "netplan: no metric"),
    (ND, "text.Line($\"Metric={value.ToString(System.Globalization.CultureInfo.InvariantCulture)}\");", "", "stmt",
     "networkd: no Metric="),
    (NMR, "text.Line($\"route-metric={value.ToString(CultureInfo.InvariantCulture)}\");", "", "stmt",
     "NetworkManager: no route-metric="),
    (GE, "DefaultRouteMetrics.IpRouteWords(configuration, nic, AddressFamily.InterNetwork)", "\"\"", "expr",
     "netifrc: no metric on the IPv4 default route"),
    (RH, "text.Line($\"METRIC={metric.ToString(CultureInfo.InvariantCulture)}\");", "", "stmt",
     "Red Hat: no METRIC="),
    (RH, "metric6.Length > 0", "false", "expr",
     "Red Hat: IPV6_DEFAULTGW kept beside route6's default with a metric"),
    # Session 25: SUSE's ifroute default routes
    (SU, "DefaultRouteMetrics.IpRouteWords(configuration, nic, AddressFamily.InterNetwork)", "\"\"", "expr",
     "SUSE: no metric on the IPv4 default route"),
    (SU, "DefaultRouteMetrics.IpRouteWords(configuration, nic, AddressFamily.InterNetworkV6)", "\"\"", "expr",
     "SUSE: no metric on the IPv6 default route"),
    # Session 25: FreeBSD's one default router of each family, the others left out with a warning
    (FB, "gateways4.Count > 0 && nic.Name == gateways4[0].Name ? nic.IPv4Gateway : null", "nic.IPv4Gateway", "expr",
     "FreeBSD: a left-out IPv4 default gateway still gets a host route"),
    (FB, "gateways6.Count > 0 && nic.Name == gateways6[0].Name ? nic.IPv6Gateway : null", "nic.IPv6Gateway", "expr",
     "FreeBSD: a left-out IPv6 default gateway still gets a host route"),
    (FB, "LeftOut(gateways6, \"IPv6\", \"ipv6_defaultrouter\", i => i.IPv6Gateway!)", "Enumerable.Empty<string>()", "expr",
     "FreeBSD: no warning for a left-out IPv6 default gateway"),
    (FB, "withGateway.Count < 2", "withGateway.Count < 1", "expr",
     "FreeBSD: a warning with a single default gateway"),
    (FB, "withGateway.Skip(1)", "withGateway", "expr",
     "FreeBSD: the written default router named among the left-out ones"),
    (RR, "Warnings.Concat(other.Warnings).ToArray()", "other.Warnings.ToArray()", "expr",
     "RenderResult: a concatenation drops the first result's warnings (the backend's)"),
    (NR, "files.Warnings", "Array.Empty<string>()", "expr",
     "resetnetwork: the renderers' warnings are not logged"),
    (DM, "(family == AddressFamily.InterNetworkV6 ? i.IPv6Gateway : i.IPv4Gateway) is not null", "true", "expr",
     "metrics: every interface counts as having a default gateway"),
]
