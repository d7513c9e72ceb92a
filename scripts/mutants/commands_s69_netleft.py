# Mutants of session 69's network leftovers: the host route that keeps an IPv4 link-local DNS server
# (169.254.0.0/16) on the link that lists it in ifupdown's file (LinkLocalDnsRoutes: IPv4 link-local
# servers only, none where the interface's subnet or a static route of its own holds the server, on the
# link without an IPv4 gateway, through the interface's own gateway with one, onlink for an off-link
# gateway; the renderer writing them after the family's routes), and /etc/hostname read without one
# trailing dot, as systemd reads it (CurrentHostnameReader). Killed by IfupdownLinkLocalDnsTests (the
# rendering cases; the namespace cases run Debian's real ifup and glibc, which the mutants do not touch)
# and HostnameTrailingDotTests (the reader's cases and resetnetwork's /etc/hosts).
# Outcome (session 69): 9 of 9 killed (run from a clone of the branch), 1-7 by IfupdownLinkLocalDnsTests' rendering cases, 8-9 by HostnameTrailingDotTests.
# Session 69 (lldns2): 3 retargeted (4-6: LinkLocalDnsRoutes.For's shared decision, the /32 in LinkLocalDnsRoute), rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.IfupdownLinkLocalDnsTests", "-class", "GuestAgent.Commands.Tests.Network.HostnameTrailingDotTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
L = "src/Agent.Commands/Network/Model/LinkLocalDnsRoutes.cs"
LR = "src/Agent.Commands/Network/Model/LinkLocalDnsRoute.cs"
R = "src/Agent.Commands/Network/Rendering/IfupdownRenderer.cs"
H = "src/Agent.Commands/Network/Rendering/Common/CurrentHostnameReader.cs"
MUTANTS = [
    (L, "server.AddressFamily == AddressFamily.InterNetwork && LinkDnsServers.IsLinkLocal(server)", "LinkDnsServers.IsLinkLocal(server)", "expr",
     "an IPv6 link-local server given an IPv4 host route too"),
    (L, "!nic.IPv4Addresses.Any(address => OnLinkGateway.Contains(address, server))", "true", "expr",
     "a route added where the interface's own subnet already holds the server"),
    (L, "!nic.Routes.Any(route => !route.IsIPv6 && OnLinkGateway.Contains(new InterfaceAddress(route.Network, route.PrefixLength), server))", "true", "expr",
     "a route added beside Nova's static route that already holds the server"),
    (LR, "$\"{Server}/32\"", "$\"{Server}/16\"", "expr",
     "the whole 169.254.0.0/16 on the link (two interfaces' would clash)"),
    (L, "$\"{route.Destination} via {gateway} dev {nic.Name}{nic.IpRouteOnLink(gateway)}\"", "$\"{route.Destination} dev {nic.Name}\"", "expr",
     "always on the link: an interface with a gateway no longer sends it there"),
    (L, "$\"{route.Destination} via {gateway} dev {nic.Name}{nic.IpRouteOnLink(gateway)}\"", "$\"{route.Destination} via {gateway} dev {nic.Name}\"", "expr",
     "an off-link gateway's route without onlink (ip refuses it)"),
    (R, "specs.Concat(linkLocalDnsRoutes)", "specs", "expr",
     "the renderer writing no link-local server route (the defect)"),
    (H, "name is [.. var rest, '.'] && rest.Length > 0 && rest[^1] != '.' ? rest : name", "name?.TrimEnd('.')", "expr",
     "every trailing dot dropped: 'web01.example.com..', which systemd refuses, taken"),
    (H, "WithoutTrailingDot(FirstLine(files.ReadText(\"/etc/hostname\")))", "FirstLine(files.ReadText(\"/etc/hostname\"))", "expr",
     "/etc/hostname's trailing dot kept, the file passed over (the defect)"),
]
