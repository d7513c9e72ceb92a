# Mutants of what the real resolvers read of Nova's DNS servers: resolv.conf's nameserver lines,
# systemd-resolved's drop-in and ifupdown's dns-nameservers as Debian's resolvconf hook takes them,
# each server asked by glibc or by resolved through a dnsmasq on its address (a link-local one
# through the interface its scope names).
# Killed by ResolverQueryTests and DebianResolvconfQueryTests (tests/Agent.Commands.Tests/Network/).
# Outcome (session 59): 5 of 5 killed.
# Session 68 (hostdns): 2 retargeted at the renderer's `scoped` local (configuration.ScopedDnsServers, read once).
# Rerun (session 68): 2 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.ResolverQueryTests", "-class", "*.DebianResolvconfQueryTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
NIC = "src/Agent.Commands/Network/Model/InterfaceConfiguration.cs"
RESOLV = "src/Agent.Commands/Network/Rendering/Common/ResolvConfRenderer.cs"
DROPIN = "src/Agent.Commands/Network/Rendering/Common/ResolvedDropInRenderer.cs"
IFUPDOWN = "src/Agent.Commands/Network/Rendering/IfupdownRenderer.cs"
MUTANTS = [
    (NIC, "$\"{server}%{Name}\"", "server.ToString()", "expr",
     "a link-local server without its interface (connect() fails with EINVAL)"),
    (RESOLV, "scoped.Select(s => $\"nameserver {s}\")", "configuration.DnsServers.Select(s => $\"nameserver {s}\")", "expr",
     "resolv.conf's link-local server unscoped"),
    (DROPIN, "string.Join(' ', configuration.ScopedDnsServers)", "string.Join(',', configuration.ScopedDnsServers)", "expr",
     "the drop-in's servers joined as resolved does not read them"),
    (DROPIN, "configuration.ScopedDnsServers", "configuration.ScopedDnsServers.Take(1)", "expr",
     "the drop-in gives resolved only the first server", "string.Join(' ', configuration.ScopedDnsServers)"),
    (IFUPDOWN, "last && !dnsWritten", "!dnsWritten", "expr",
     "dns-nameservers on the family's first stanza (the next stanza's hook run empties resolvconf's record)"),
]
