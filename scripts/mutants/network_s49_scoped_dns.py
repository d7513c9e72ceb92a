# Mutants of session 49's fix: a link-local IPv6 DNS server names its interface (fe80::53%eth1) in every
# list that serves the whole system (resolv.conf, ifupdown's dns-nameservers, ifcfg DNSn, netctl DNS=,
# netifrc dns_servers_<if>, the resolved drop-in): the scope dropped, or the unscoped list used again.
# Run: scripts/mutants/mutate.py scripts/mutants/network_s49_scoped_dns.py
# Outcome (session 49): 7 of 8 killed on the first run; 2 (the system list's duplicates) survived, a test gap:
# NetworkFilesTests now has a server two interfaces list, and 2 is killed. network_files 35, retargeted at
# ScopedDnsServers, killed too.
# Session 68 (hostdns): 3 retargeted at ResolvConfRenderer's `scoped` local (configuration.ScopedDnsServers, read once).
# Rerun (session 68): 3 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetworkFilesTests", "-class", "*IfqueryTests", "-class", "*ShellSourcedFilesTests",
             "-class", "*RendererGoldenTests", "-class", "*OriginalAgentOracleTests", "-class", "*ResolvConfEndToEndTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
NET = "src/Agent.Commands/Network/"
MUTANTS = [
    (NET + "Model/InterfaceConfiguration.cs", 'server.IsIPv6LinkLocal ? $"{server}%{Name}" : server.ToString()', "server.ToString()", "expr",
     "scoped DNS: a link-local server written without its interface"),
    (NET + "Model/NetworkConfiguration.cs", "Interfaces.SelectMany(i => i.ScopedDnsServers).Distinct(StringComparer.Ordinal).ToArray()",
     "Interfaces.SelectMany(i => i.ScopedDnsServers).ToArray()", "expr",
     "scoped DNS: a server two interfaces list written twice in the system's list"),
    (NET + "Rendering/Common/ResolvConfRenderer.cs", 'scoped.Select(s => $"nameserver {s}")', 'servers.Select(s => $"nameserver {s}")', "expr",
     "scoped DNS: resolv.conf's link-local server without its interface"),
    (NET + "Rendering/Common/ResolvedDropInRenderer.cs", "string.Join(' ', configuration.ScopedDnsServers)", "string.Join(' ', configuration.DnsServers)", "expr",
     "scoped DNS: the resolved drop-in's link-local server without its interface"),
    (NET + "Rendering/GentooRenderer.cs", "string.Join(' ', nic.ScopedDnsServers)", "string.Join(' ', nic.DnsServers)", "expr",
     "scoped DNS: netifrc's link-local server without its interface"),
    (NET + "Rendering/IfupdownRenderer.cs", "string.Join(' ', nic.ScopedDnsServers)", "string.Join(' ', nic.DnsServers)", "expr",
     "scoped DNS: ifupdown's dns-nameservers link-local server without its interface"),
    (NET + "Rendering/NetctlRenderer.cs", "Quoted(nic.ScopedDnsServers)", "Quoted(nic.DnsServers.Select(d => d.ToString()))", "expr",
     "scoped DNS: netctl's link-local server without its interface"),
    (NET + "Rendering/RedHatRenderer.cs", "nic.ScopedDnsServers", "nic.DnsServers.Select(d => d.ToString())", "expr",
     "scoped DNS: ifcfg's DNSn link-local server without its interface"),
]
