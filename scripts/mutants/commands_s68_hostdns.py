# Mutants of session 68's name-resolution fixes: an IPv4 link-local DNS server (169.254.0.0/16) kept on
# the interface that lists it, as an IPv6 link-local one is (LinkDnsServers.IsLinkLocal, and the
# builder's warning naming its link), glibc's 'options trust-ad' kept in resolv.conf only where the
# current file named exactly the servers written (ResolvConfRenderer.WithoutTrustAd, an options line
# left with none dropped), and the administrator's 'sortlist' lines kept. Killed by LinkDnsServersTests
# (placement and warning), NetworkdResolvedChainTests' ipv4-link-local-on-private (the real networkd
# and systemd-resolved), ResolvConfTrustAdTests (the real glibc's queries under strace, and the options
# line written) and ResolvConfSortlistTests (the real glibc's gethostbyname through dnsmasq).
# Outcome (session 68): 10 of 10 killed (run from a clone of the branch): 1-3 by LinkDnsServersTests, 4-9 by
# ResolvConfTrustAdTests (glibc's AD bit, and the options line for 8), 10 by ResolvConfSortlistTests.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.LinkDnsServersTests", "-class", "GuestAgent.Commands.Tests.Network.ResolvConfTrustAdTests",
             "-class", "GuestAgent.Commands.Tests.Network.ResolvConfSortlistTests", "-class", "GuestAgent.Commands.Tests.Network.NetworkFilesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
L = "src/Agent.Commands/Network/Model/LinkDnsServers.cs"
B = "src/Agent.Commands/Network/Parsing/NetworkConfigurationBuilder.cs"
R = "src/Agent.Commands/Network/Rendering/Common/ResolvConfRenderer.cs"
MUTANTS = [
    (L, "server.IsIPv6LinkLocal || (server.AddressFamily == AddressFamily.InterNetwork && server.GetAddressBytes() is [169, 254, _, _])",
     "server.IsIPv6LinkLocal", "expr",
     "an IPv4 link-local server moved to another interface's gateway again"),
    (L, "server.GetAddressBytes() is [169, 254, _, _]", "server.GetAddressBytes() is [169, 254, 169, 253]", "expr",
     "only the one address taken as link-local, not the range"),
    (B, "LinkDnsServers.IsLinkLocal(server) ? \" on its link\" : \"\"", "server.IsIPv6LinkLocal ? \" on its link\" : \"\"", "expr",
     "the warning for an IPv4 link-local server left out not naming its link"),
    (R, "sameServers ? l : WithoutTrustAd(l)", "l", "expr",
     "trust-ad carried to Nova's servers again"),
    (R, "sameServers ? l : WithoutTrustAd(l)", "WithoutTrustAd(l)", "expr",
     "trust-ad dropped even where the file named the same servers"),
    (R, "lines.Where(l => StartsWithKeyword(l, \"nameserver\")).Select(FirstArgument).ToHashSet(StringComparer.Ordinal).SetEquals(scoped)",
     "lines.Where(l => StartsWithKeyword(l, \"nameserver\")).Select(FirstArgument).ToHashSet(StringComparer.Ordinal).IsSubsetOf(scoped)", "expr",
     "trust-ad kept where the file named only some of the servers"),
    (R, "lines.Where(l => StartsWithKeyword(l, \"nameserver\")).Select(FirstArgument).ToHashSet(StringComparer.Ordinal).SetEquals(scoped)",
     "lines.Where(l => StartsWithKeyword(l, \"nameserver\")).Select(FirstArgument).ToHashSet(StringComparer.Ordinal).IsSupersetOf(scoped)", "expr",
     "trust-ad kept where the file named the servers and others"),
    (R, "others.Length == 0 ? null : $\"options {string.Join(' ', others)}\"", "$\"options {string.Join(' ', others)}\"", "expr",
     "an options line left with nothing written as a bare 'options'"),
    (R, "line.Split([' ', '\\t'], 3, StringSplitOptions.RemoveEmptyEntries) is [_, var first, ..] ? first : \"\"",
     "line.Split([' ', '\\t'], 3, StringSplitOptions.RemoveEmptyEntries) is [_, var f, ..] ? line : \"\"", "expr",
     "a nameserver line's whole text compared with a server"),
    (R, "StartsWithKeyword(line, \"sortlist\")", "false", "expr",
     "the administrator's sortlist dropped again"),
]
