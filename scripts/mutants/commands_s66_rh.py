# Mutants of session 66's Red Hat (ifcfg) fixes: StaleInterfaceFiles moving aside a VLAN's ifcfg/route/route6 files
# (ifup's ^.+\.[0-9]{1,4}$ form) only when neither the VLAN nor the interface before its first dot exists, and no other
# dotted name (.old, .rpmsave, ~, .12345, .prod); UnmanagedIfcfgFiles following a linked ifcfg file whose own name is
# not UTF-8 (its target read by the name's bytes, resolved inside the root), and not counting a file that leaves only
# the loopback alone (DEVICE=lo with no HWADDR or SUBCHANNELS, which the plugin takes first; an empty value naming
# nothing is commands_s65_ifcfgscan.py's 16). Killed by
# StaleInterfaceFilesTests (a reset on a CentOS root: the gone VLAN's files moved aside, the VLAN on a present interface
# and every other dotted name left) and RedHatUnmanagedIfcfgTests (real files and links, one named by bytes, read through
# the file system the agent reads with), BackendInUseTests and RenderedFileRulesTests run beside them.
# Left out as equivalent: TryReadLinkBytes' EINVAL answer (the view's Tolerant turns the IOException a regular file's
# EINVAL would raise into the same "no link"), VlanParent's parts.Length > 1 (a name without a dot that is not plain
# fails IsPlainName(parts[0]) the same way), and the DEVICE key test beside the loopback's name (no HWADDR or
# SUBCHANNELS value is "lo").
# Outcome (session 66): 12 of 12 killed (run from a clone of the branch), 1-6 by StaleInterfaceFilesTests' VLAN reset, 7-12
# by RedHatUnmanagedIfcfgTests (7-8 its undecodable-link test, 9-12 its loopback cases).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.StaleInterfaceFilesTests", "-class", "GuestAgent.Commands.Tests.Network.RedHatUnmanagedIfcfgTests",
             "-class", "GuestAgent.Commands.Tests.Network.BackendInUseTests", "-class", "GuestAgent.Commands.Tests.Network.RenderedFileRulesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
S = "src/Agent.Commands/Network/Rendering/StaleInterfaceFiles.cs"
R = "src/Agent.Commands/Network/Rendering/RedHatRenderer.cs"
U = "src/Agent.Commands/Network/Backends/UnmanagedIfcfgFiles.cs"
V = "src/Agent.Commands/Network/FileSystemView.cs"
MUTANTS = [
    (S, "!vlanParents.Contains(parent)", "!vlanParents.Contains(interfaceName)", "expr",
     "a VLAN judged by its own device alone: one on a present interface, not up now, moved aside"),
    (R, "configuration.SystemInterfaces", "null", "expr",
     "Red Hat without the VLAN rule: a gone VLAN's files left", ".ToArray(), configuration.SystemInterfaces)"),
    (S, "id.Length is > 0 and <= VlanIdDigits", "id.Length is > 0", "expr",
     "a five-digit suffix (ifcfg-eth9.12345), which ifup makes no VLAN of, taken for one"),
    (S, "id.All(char.IsAsciiDigit)", "true", "expr",
     "any dotted suffix taken for a VLAN id: .old, .prod, .rpmsave moved aside"),
    (S, "parts.Skip(1)", "parts.Skip(2)", "expr",
     "the first part after the dot not checked: ifcfg-eth9.prod taken for a VLAN"),
    (S, "IsPlainName(parts[0])", "true", "expr",
     "an empty or odd name before the dot (ifcfg-.100) taken for a VLAN of a gone interface"),
    (V, "Tolerant(() => _fileSystem.ReadUndecodableNameLink(directory, name))", "null", "expr",
     "a link named by bytes never read: not followed, no sign"),
    (U, "target.StartsWith('/') ? target : $\"{directory}/{target}\"", "$\"{directory}/{target}\"", "expr",
     "an absolute target taken relative to the scripts' directory"),
    (U, "!(namedBy == \"DEVICE\" && IfcfgValueReader.Get(text, namedBy) == Loopback)", "true", "expr",
     "a file leaving only the loopback alone counted"),
    (U, "IfcfgValueReader.Get(text, namedBy) == Loopback", "IfcfgValueReader.Get(text, namedBy)?.StartsWith(Loopback, StringComparison.Ordinal) == true", "expr",
     "lo0 (another interface) taken for the loopback"),
    (U, "IfcfgValueReader.Get(text, namedBy) == Loopback", "string.Equals(IfcfgValueReader.Get(text, namedBy), Loopback, StringComparison.OrdinalIgnoreCase)", "expr",
     "LO taken for the loopback, which strcmp and the kernel's names do not"),
    (U, "DeviceKeys.FirstOrDefault(key => IfcfgValueReader.Get(text, key) is { Length: > 0 })",
     "DeviceKeys.Reverse().FirstOrDefault(key => IfcfgValueReader.Get(text, key) is { Length: > 0 })", "expr",
     "DEVICE taken before HWADDR: a file naming a NIC by HWADDR beside DEVICE=lo not counted"),
]
