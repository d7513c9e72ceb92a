# Mutants of session 65's UnmanagedIfcfgFiles: which Red Hat ifcfg files make the legacy network service in use by leaving a
# device alone with NM_CONTROLLED=no, read as NetworkManager's ifcfg-rh plugin reads them (its source: utils_should_ignore_file,
# utils_detect_ifcfg_path, _load_file, create_unhandled_connection). The names: 'ifcfg-' and more, not ending (any ASCII case)
# with .bak, ~, .orig, .rej, .rpmnew, .augnew or .augtmp, nor rpm's ';' and eight hex digits, nor an alias beside its own file
# (a link to a file counts as there, a dangling one not); any other dot counts (a VLAN's ifcfg-eth0.100). A link is followed
# inside the root. NM_CONTROLLED=no counts only with a non-empty HWADDR, SUBCHANNELS or DEVICE. network_files.py 45-48 and
# commands_s65_rawifname.py 7-9 are retargeted here too and are not repeated. Killed by RedHatUnmanagedIfcfgTests (real files in
# a temporary root), BackendInUseTests (a real file named by bytes, ifcfg-x\xE9) and ServiceAwareSelectionTests.
# Session 66 retargeted 15 (no device named counts: the key naming one taken to be HWADDR, DeviceKeys[0]) and 19 (placed at the end of the key
# list, "DEVICE" now also in the loopback check) at the code the loopback fix (commands_s66_rh.py) rewrote; both rerun, killed.
# Outcome (session 65): 19 of 19 killed (run from a clone of the branch), each by RedHatUnmanagedIfcfgTests or BackendInUseTests'
# ifcfg-x\xE9 case (1 and 19 by many more); the retargeted network_files 45-48 and commands_s65_rawifname 7-9 rerun, all killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.RedHatUnmanagedIfcfgTests", "-class", "*.BackendInUseTests", "-class", "*.ServiceAwareSelectionTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
U = "src/Agent.Commands/Network/Backends/UnmanagedIfcfgFiles.cs"
R = "src/Agent.Commands/Network/Backends/RedHatIfcfgBackend.cs"
MUTANTS = [
    (R, "UnmanagedIfcfgFiles.Any(files, Scripts)", "false", "expr",
     "no ifcfg file is a sign: an EL 9 whose ifcfg-eth0 says NM_CONTROLLED=no gets NetworkManager's files"),
    (U, "name.Length > Prefix.Length", "true", "expr",
     "a file named 'ifcfg-' alone counts (the plugin takes no name from it)"),
    (U, "Ascii.EqualsIgnoreCase(name.AsSpan(name.Length - ending.Length), ending)", "name.EndsWith(ending, StringComparison.Ordinal)", "expr",
     "the endings compared in one case: ifcfg-eth0.BAK counts"),
    (U, "!IsRpmTemporary(name)", "true", "expr",
     "rpm's temporary ifcfg-eth0;5f3a9c0d counts"),
    (U, "name.Length - semicolon - 1 == 8", "name.Length - semicolon - 1 >= 8", "expr",
     "nine hex digits after ';' taken for rpm's temporary name: ifcfg-eth0;5f3a9c0d1 skipped"),
    (U, "!name.AsSpan(semicolon + 1).ContainsAnyExcept(HexDigits)", "true", "expr",
     "any eight characters after ';' taken for rpm's: ifcfg-eth0;5f3a9c0g skipped"),
    (U, "\"0123456789abcdefABCDEF\"", "\"0123456789abcdef\"", "expr",
     "upper-case hex not rpm's: ifcfg-eth0;5F3A9C0D counts"),
    (U, "exists(name[..colon])", "false", "expr",
     "an alias beside its own file counts (the plugin skips ifcfg-eth0:1 beside ifcfg-eth0)"),
    (U, "exists(name[..colon])", "exists(name)", "expr",
     "every name with a colon skipped: an alias with no file of its own, which the plugin reads, missed"),
    (U, "RealPathOf(files, $\"{directory}/{name}\") is { } real && files.Exists(real)", "files.Exists($\"{directory}/{name}\")", "expr",
     "an alias's own file there as a dangling link: the alias skipped, which the plugin reads"),
    (U, "files.ReadLink(path) is null ? path : RealPath.Resolve(path, files.ReadLink) is { Complete: true } resolved ? resolved.Path : null", "path", "expr",
     "the defect put back: a linked ifcfg file not followed"),
    (U, "RealPath.Resolve(path, files.ReadLink) is { Complete: true } resolved ? resolved.Path : null", "files.ReadLink(path)", "expr",
     "a link's target taken as written: a relative one (../store/eth0) not resolved from the link's directory"),
    (U, "!IsAliasOfUndecodable(name, UndecodableExists, Exists)", "true", "expr",
     "an undecodable alias beside its own file counts"),
    (U, "undecodableExists(name[..colon])", "false", "expr",
     "an undecodable alias's undecodable own file never seen"),
    (U, "DeviceKeys.FirstOrDefault(key => IfcfgValueReader.Get(text, key) is { Length: > 0 })", "DeviceKeys[0]", "expr",
     "the defect put back: NM_CONTROLLED=no in a file naming no device counts (the plugin manages the device)"),
    (U, "IfcfgValueReader.Get(text, key) is { Length: > 0 }", "IfcfgValueReader.Get(text, key) is not null", "expr",
     "an empty DEVICE= taken for a device"),
    (U, "\"HWADDR\"", "\"HWADDRESS\"", "expr",
     "HWADDR not read: a file naming its device by MAC only missed"),
    (U, "\"SUBCHANNELS\"", "\"SUBCHANNEL\"", "expr",
     "SUBCHANNELS not read: an s390 file naming its device by subchannels only missed"),
    (U, "\"DEVICE\"", "\"DEVICES\"", "expr",
     "DEVICE not read: a file naming its device by name only missed", "\"DEVICE\"]"),
]
