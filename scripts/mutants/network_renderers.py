# Mutants of the network renderers: a configuration line wrong for one backend, a file of the
# system removed that should be kept, a shell variable file edited wrongly.
# Run: scripts/mutants/mutate.py scripts/mutants/network_renderers.py
# Session 20 (review): ShellVariableEditor.Get reads the last assignment and drops a comment after the
# value; 14 retargeted (its old text, close > 0 -> close != 0, was equivalent: a close of -1 leaves the
# opening quote in the rest, which fails the comment test anyway), 15-16 added; 11-16 run: all killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*RendererGoldenTests", "-class", "*OriginalAgentOracleTests", "-class", "*StaleInterfaceFilesTests",
             "-class", "*ShellSourcedFilesTests", "-class", "*DnsRoutingTests", "-class", "*ServiceAwareSelectionTests",
             "-class", "*ResetNetworkPipelineTests", "-class", "*ResetNetworkFailureTests",
             "-class", "*RenderedFileRulesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
R = "src/Agent.Commands/Network/Rendering/RedHatRenderer.cs"
I = "src/Agent.Commands/Network/Rendering/IfupdownRenderer.cs"
S = "src/Agent.Commands/Network/Rendering/SuseRenderer.cs"
F = "src/Agent.Commands/Network/Rendering/StaleInterfaceFiles.cs"
E = "src/Agent.Commands/Network/Rendering/Common/ShellVariableEditor.cs"
MUTANTS = [
    (R, "key[p.Length..].All(char.IsAsciiDigit)", "true", "expr",
     "redhat: a kept key that starts like a managed one (GATEWAYDEV, DNS_SEARCH...) is dropped"),
    (R, "nic.IPv6Addresses.Count > 1", "nic.IPv6Addresses.Count > 2", "expr",
     "redhat: a second IPv6 address is not written (IPV6ADDR_SECONDARIES)"),
    (I, "i == 0 && gateway is not null", "gateway is not null", "expr",
     "ifupdown: the gateway is repeated on every extra address's stanza"),
    (I, "firstStanza && nic.DnsServers.Count > 0", "nic.DnsServers.Count > 0", "expr",
     "ifupdown: dns-nameservers repeated on every stanza"),
    (S, "current.Exists($\"{Directory}/routes\")", "false", "expr",
     "suse: a global routes file competing with the interface routes is kept"),
    (S, "lines.Add($\"default {gateway6} - {nic.Name}\");", "", "stmt",
     "suse: the IPv6 default route is not written"),
    (F, "interfaceName == \"lo\"", "false", "expr",
     "stale files: the loopback's ifcfg-lo is removed"),
    (F, "systemInterfaces.Contains(interfaceName)", "false", "expr",
     "stale files: the file of an interface the system has but the host did not configure is removed"),
    (F, "keep.Contains(path)", "false", "expr",
     "stale files: a file written in this run is also removed"),
    (F, "c is '_' or '-' or ':'", "c is '_' or '-'", "expr",
     "stale files: an alias file (ifcfg-eth0:1) is not removed"),
    (E, "done.Add(key!)", "done.Add(key!) || true", "expr",
     "shell editor: a duplicated key is kept twice"),
    (E, "equals <= 0", "equals < 0", "expr",
     "shell editor: a line starting with '=' crashes the key lookup"),
    (E, "trimmed.StartsWith(\"export \", StringComparison.Ordinal)", "false", "expr",
     "shell editor: an exported assignment is not recognised (the key is added again)"),
    (E, "value[0] is '\"' or '\\''", "value[0] is '\"'", "expr",
     "shell editor: a value in single quotes keeps them"),
    # Session 20 (review): the value read as the shell reads it.
    (E, "value[(close + 1)..].TrimStart() is \"\" or ['#', ..]", "value[(close + 1)..].TrimStart() is \"\"", "expr",
     "shell editor: a quoted value followed by a comment keeps its quotes and the comment"),
    (E, "blank < 0 ? value : value[..blank]", "value", "expr",
     "shell editor: a comment after an unquoted value is read as part of it"),
]
