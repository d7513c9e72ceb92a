# Mutants of session 65's interfaces refused for their names (v;1, x\xE9) in the MAC grouping and Red Hat ifcfg files
# whose names are not UTF-8: NetworkConfigurationBuilder groups the refused interfaces with the usable ones, so one
# carrying eth0's MAC makes an entry for it ambiguous and a chosen one is refused for its name; SysfsInterfaceReader
# reads whether a device backs an undecodable name (device/uevent); RedHatIfcfgBackend.HasUnmanagedIfcfg (session 65's
# UnmanagedIfcfgFiles since commands_s65_ifcfgscan; mutants 7-9 retargeted there, rerun, 3 of 3 killed) reads an
# ifcfg file whose name is not UTF-8 by its bytes (IFileView.ReadUndecodable), as NetworkManager's ifcfg-rh plugin does.
# Killed by UndecodableInterfaceNameTests (the real kernel: veths named x\xE9 and v;1 carrying eth0's MAC in a network
# namespace; real directories laid out as sysfs's for a NIC so named under a bridge), EntryMatchingTests and
# BackendInUseTests (a real file named ifcfg-x\xE9).
# Outcome (session 65): 10 of 10 killed (1-4 by EntryMatchingTests' new case, 1-2 by every refused-name case beside
# it, InterfaceDiscoveryTests' too, 3-4 by the real-kernel theory, 5-6 by the NIC under a bridge, 7-10 by the ifcfg-x\xE9 case).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.UndecodableInterfaceNameTests", "-class", "*.EntryMatchingTests", "-class", "*.InterfaceDiscoveryTests",
             "-class", "*.BackendInUseTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
B = "src/Agent.Commands/Network/Parsing/NetworkConfigurationBuilder.cs"
S = "src/Agent.Commands/Network/Detection/SysfsInterfaceReader.cs"
H = "src/Agent.Commands/Network/Backends/UnmanagedIfcfgFiles.cs"
V = "src/Agent.Commands/Network/FileSystemView.cs"
MUTANTS = [
    (B, "interfaces.Concat(refused).GroupBy(i => i.Mac)", "interfaces.GroupBy(i => i.Mac)", "expr",
     "the defect put back: a refused interface no part of the grouping, eth0 configured beside v;1 carrying its MAC"),
    (B, "refused.Contains(candidates[0])", "false", "expr",
     "a refused interface chosen alone is configured under its name (v;1 into a file)"),
    (B, "candidates.Length > 1", "candidates.Length > 1 && !candidates.Any(refused.Contains)", "expr",
     "a refused interface among those sharing the MAC does not make it ambiguous: the first one is taken"),
    (B, "candidates.Select(Shown)", "candidates.Select(i => i.Name)", "expr",
     "the ambiguity names x\\xE9 decoded, x\\uFFFD, a name of no interface"),
    (S, "files.ReadBelowUndecodable(Directory, name, \"device/uevent\") is not null", "false", "expr",
     "an undecodable name never a device: a NIC so named under a bridge named eth0 answered as ambiguous"),
    (S, "\"device/uevent\"", "\"device\"", "expr",
     "the device link itself read: a directory, never a regular file, so never a device"),
    (H, "files.ListUndecodable(directory)", "new List<byte[]>()", "expr",
     "the defect put back: ifcfg-x\\xE9 with NM_CONTROLLED=no never read"),
    (H, "IsRead(Encoding.UTF8.GetString(name), _ => false)", "true", "expr",
     "every undecodable name read: route-x\\xE9 or a backup's ifcfg-x\\xE9.bak counted"),
    (H, "files.ReadUndecodable(directory, name)", "files.ReadBelowUndecodable(directory, name, \"\")", "expr",
     "the file read as a directory's entry (ifcfg-x\\xE9/): nothing there"),
    (V, "Tolerant(() => _fileSystem.ReadUndecodableName(directory, name))", "Tolerant<byte[]?>(() => null)", "expr",
     "the view reads no file by its bytes"),
]
