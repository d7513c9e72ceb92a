# Mutants of which link carries each DNS server for netplan, systemd-networkd and NetworkManager
# (LinkDnsServers): systemd-resolved asks a link's servers out of that link only, so a server goes to
# an interface that routes to it (subnet, static route, default gateway of its family; the most
# specific, then one that lists it, then the first by name), else where its family puts it.
# Killed by LinkDnsServersRoutingTests and LinkDnsServersTests, the golden files, and
# NetworkdResolvedChainTests (real networkd -> resolved -> glibc, tests/Agent.Commands.Tests/Network/).
# Outcome (session 60): 8 of 8 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.LinkDnsServersRoutingTests", "-class", "*.LinkDnsServersTests", "-class", "*.RendererGoldenTests", "-class", "*.NetworkdResolvedChainTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
LINKS = "src/Agent.Commands/Network/Model/LinkDnsServers.cs"
MUTANTS = [
    (LINKS, "RoutePrefix(nic, server) is not null", "_families[nic.Name].Contains(server.AddressFamily)", "expr",
     "the old rule: a server stays on its interface whenever that has its family, route or not"),
    (LINKS, "best?.Name", "null", "expr",
     "a server its interface has no route to is never moved to one that has"),
    (LINKS, "prefix > bestPrefix", "prefix >= bestPrefix", "expr",
     "among equally specific routes the last interface by name wins"),
    (LINKS, "prefix == bestPrefix && lists && !bestLists", "false", "expr",
     "an interface that lists the server no longer preferred among equals"),
    (LINKS, "specific ?? (gateway is null ? null : 0)", "specific", "expr",
     "a default gateway no longer counts as a route to a server"),
    (LINKS, "OnLinkGateway.Contains(new InterfaceAddress(route.Network, route.PrefixLength), server)", "false", "expr",
     "a static route no longer counts as a route to a server"),
    (LINKS, "server.AddressFamily == AddressFamily.InterNetworkV6 ? nic.IPv6Gateway : nic.IPv4Gateway", "nic.IPv4Gateway", "expr",
     "an IPv6 server judged by the IPv4 default gateway"),
    (LINKS, "_families[nic.Name].Contains(server.AddressFamily) ? nic.Name : null", "nic.Name", "expr",
     "a link-local server kept on a link with no address of its family (placed, not warned about)"),
]
