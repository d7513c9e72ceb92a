# Mutants of session 69's IPv4 link-local DNS server routes on the other backends: the decision shared by
# every backend (LinkLocalDnsRoutes.For: the route's next hop, the interface's own IPv4 gateway, or none),
# networkd's [Route] (Scope=link without a gateway, GatewayOnLink=yes through an off-link one), netplan's
# route (scope: link, or via) and the keyfile's routeN (no next hop, or the gateway with onlink=true), each
# renderer writing them at all. Killed by LinkLocalDnsRouteFormsTests (each backend's form per case) and
# IfupdownLinkLocalDnsTests' rendering cases; NetworkdLinkLocalDnsTests and NetworkManagerLinkLocalDnsTests
# run the real networkd, netplan and NetworkManager with glibc, which the mutants do not touch.
# Outcome (session 69): 8 of 8 killed (run from a clone of the branch), all by LinkLocalDnsRouteFormsTests
# (1 by IfupdownLinkLocalDnsTests too).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.LinkLocalDnsRouteFormsTests", "-class", "GuestAgent.Commands.Tests.Network.IfupdownLinkLocalDnsTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
L = "src/Agent.Commands/Network/Model/LinkLocalDnsRoutes.cs"
D = "src/Agent.Commands/Network/Rendering/NetworkdRenderer.cs"
P = "src/Agent.Commands/Network/Rendering/NetplanRenderer.cs"
N = "src/Agent.Commands/Network/Rendering/NetworkManagerRenderer.cs"
MUTANTS = [
    (L, "new LinkLocalDnsRoute(server, nic.IPv4Gateway)", "new LinkLocalDnsRoute(server, null)", "expr",
     "always on the link: an interface with a gateway no longer sends the question there"),
    (D, "LinkLocalDnsRoutes.For(nic, dns)", "Array.Empty<LinkLocalDnsRoute>()", "expr",
     "networkd's file without the route (the defect)"),
    (D, "\"Scope=link\"", "\"Scope=global\"", "expr",
     "networkd's gatewayless route of global scope"),
    (D, "nic.IsOffLink(gateway)", "false", "expr",
     "networkd's route through an off-link gateway without GatewayOnLink (the kernel refuses it)",
     "            text.Line($\"Gateway={gateway}\");\n            if (nic.IsOffLink(gateway))"),
    (P, "LinkLocalDnsRoutes.For(nic, dns).Select(r => (r.Destination, r.Gateway, Metric: (int?)null))", "Array.Empty<(string, System.Net.IPAddress?, int?)>()", "expr",
     "netplan's YAML without the route (the defect)"),
    (P, "\"          scope: link\"", "\"          scope: global\"", "expr",
     "netplan's gatewayless route of global scope"),
    (N, "LinkLocalDnsRoutes.For(nic, dns).Select(r => (r.Destination, r.Gateway))", "Array.Empty<(string, System.Net.IPAddress?)>()", "expr",
     "the keyfile without the route (the defect)"),
    (N, "$\"route{i + 1}={all[i].Item1}\"", "$\"route{i}={all[i].Item1}\"", "expr",
     "the keyfile's gatewayless route numbered from 0, which NetworkManager ignores"),
]
