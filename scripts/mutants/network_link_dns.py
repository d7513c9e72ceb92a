# Mutants of session 23's network review (net): which interface carries each DNS server for netplan,
# systemd-networkd and NetworkManager (LinkDnsServers, the three renderers' use of it, the builder's
# warning), an address's prefix of at least 1 (PrefixParser), and FreeBSD's scoped link-local next hop.
# Run: scripts/mutants/mutate.py scripts/mutants/network_link_dns.py
# Outcome (2026-12-01, session 23): first run (on 17b4d41) 15 mutants, all killed; second run with 15-18
# (the gateway and routes of a family without an address, 779b41f): 19 mutants, all killed
# (LinkDnsServersTests, NetworkManagerKeyfileTests with the real nmcli --offline, NetplanGenerateTests with
# the real netplan, the odd-edges goldens, NetworkInputTests, OriginalAgentOracleTests); none equivalent.
# Session 24 (gateways): 11 and 12 rewritten for RenderInterface's configuration argument (67534c4);
# rerun: both killed.
# Session 60 (resolvedchain): 5 given its context, the fallback of a server no interface routes to
# (the text now occurs three times in LinkDnsServers); not rerun.
# Session 60: mutant 5 retargeted (its text now occurs three times; context given) and rerun: killed.
# Session 68 (hostdns): 9 retargeted at LinkDnsServers.IsLinkLocal (IPv4's 169.254.0.0/16 a link-local server too).
# Rerun (session 68): 9 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*LinkDnsServersTests", "-class", "*NetworkManagerKeyfileTests", "-class", "*NetplanGenerateTests",
             "-class", "*RendererGoldenTests", "-class", "*NetworkInputTests", "-class", "*OriginalAgentOracleTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
NET = "src/Agent.Commands/Network/"
LD = NET + "Model/LinkDnsServers.cs"
CB = NET + "Parsing/NetworkConfigurationBuilder.cs"
PP = NET + "Parsing/PrefixParser.cs"
EP = NET + "Parsing/NetworkEntryParser.cs"
NP = NET + "Rendering/NetplanRenderer.cs"
ND = NET + "Rendering/NetworkdRenderer.cs"
NMR = NET + "Rendering/NetworkManagerRenderer.cs"
FB = NET + "Rendering/FreeBsdRenderer.cs"
MUTANTS = [
    # LinkDnsServers
    (LD, "(home == nic.Name) == ownOnly", "true", "expr",
     "link DNS: a server taken in comes before the interface's own"),
    (LD, "seen[home].Add(server)", "true", "expr",
     "link DNS: a server an interface lists and takes in is written twice"),
    (LD, "server.IsIPv6LinkLocal", "false", "expr",
     "link DNS: a link-local server moves to another link"),
    (LD, "_firstListing.TryGetValue(server, out var listing) ? listing : _firstOfFamily.GetValueOrDefault(server.AddressFamily)",
     "_firstOfFamily.GetValueOrDefault(server.AddressFamily)", "expr",
     "link DNS: a server another interface of its family already carries is added to the first one too"),
    (LD, "_families[nic.Name].Contains(server.AddressFamily)", "true", "expr",
     "link DNS: a server stays on an interface without an address of its family",
     "if (_families[nic.Name].Contains(server.AddressFamily))\n            {\n                return nic.Name;"),
    (LD, "nic.DnsServers.Where(server => families.Contains(server.AddressFamily))", "nic.DnsServers", "expr",
     "link DNS: an interface that cannot reach a server counts as carrying it"),
    (LD, "_firstOfFamily.TryAdd(family, nic.Name);", "_firstOfFamily[family] = nic.Name;", "stmt",
     "link DNS: the last interface of a family takes the servers in, not the first"),
    (LD, "homes.Of(nic, server) is null", "false", "expr",
     "link DNS: no server is ever reported as left out"),
    # The builder's warning
    (CB, "LinkDnsServers.IsLinkLocal(server) ? \" on its link\" : \"\"", "\"\"", "expr",
     "link DNS warning: a link-local server's warning does not say it stays on its link"),
    # The renderers
    (NP, "servers[nic.Name]", "nic.DnsServers", "expr",
     "netplan: every server on its own interface, whatever its family"),
    (ND, "RenderInterface(configuration, nic, servers[nic.Name])", "RenderInterface(configuration, nic, nic.DnsServers)", "expr",
     "networkd: every server on its own interface, whatever its family"),
    (NMR, "RenderInterface(configuration, nic, servers[nic.Name])", "RenderInterface(configuration, nic, nic.DnsServers)", "expr",
     "NetworkManager: a server of a family the interface lacks is dropped"),
    # An address's prefix
    (PP, "prefix >= minimum", "true", "expr",
     "prefix: an address with prefix length 0 is taken"),
    (EP, "PrefixParser.Parse(netmask, isV6, where, minimum: 1)", "PrefixParser.Parse(netmask, isV6, where)", "expr",
     "prefix: an address is read with a route's minimum (0)"),
    # A gateway or route of a family without an address
    (EP, "v4.Count == 0 && v6.Count > 0", "false", "expr",
     "family drop: an IPv4 gateway beside only IPv6 addresses is kept"),
    (EP, "v6.Count == 0 && v4.Count > 0", "false", "expr",
     "family drop: an IPv6 gateway beside only IPv4 addresses is kept"),
    (EP, "routes.RemoveAll(r => r.IsIPv6 == isV6);", "", "stmt",
     "family drop: the routes of the family stay although the warning names them"),
    (EP, "dropped.Insert(0, $\"gateway {gateway}\");", "", "stmt",
     "family drop: the warning does not name the gateway"),
    # FreeBSD
    (FB, "gateway.IsIPv6LinkLocal ? $\"{gateway}%{owner.Name}\" : gateway.ToString()", "gateway.ToString()", "expr",
     "FreeBSD: a link-local next hop without its interface"),
]
