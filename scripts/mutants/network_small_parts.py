# Mutants of the network code's small parts: netmasks, MAC addresses, the name-based SHA-1, strict
# address text, routes, the JSON field readers, os-release, the distribution families, enabled
# services, NetworkManager's DNS settings, sysfs interfaces, the kept Gentoo settings and ifupdown
# stanzas, the /etc/hosts rewriter and ConfigText.
# Run: scripts/mutants/mutate.py scripts/mutants/network_small_parts.py
# Outcome (2026-11-30): 56 mutants in the first run (of the code before 8eacf91): 30 killed, 26 survived,
# all test gaps; the survivors in IPAddressText led to a real bug:
# - BUG, fixed: IPAddressText took an octet with a leading zero (010.0.0.1) and .NET read it as octal
#   (8.0.0.1, as inet_aton and `ip` do; Python's ipaddress and inet_pton refuse it), and Netmask, on
#   IPAddress.TryParse, read 255.255.0377.0 as /24. Such octets are refused now, also in an IPv6
#   address's dotted tail, and Netmask reads only what IPAddressText reads (its dot count and family
#   checks, untested before, are gone with it).
# - Also fixed while there: NetworkManagerDnsSettings now lets a conf.d file shadow one of the same
#   name in an earlier directory (NetworkManager.conf(5)); its mutant is new.
# - New tests: AddressTextTests (Python's ipaddress as the oracle for addresses, netmasks and routes'
#   host bits; MAC notations; a route's empty gateway and other-family gateway; enabled as a JSON
#   boolean), DnsRoutingTests (NetworkManager.conf between /run and /etc conf.d, [main] only, *.conf
#   only, shadowing), ServiceAwareSelectionTests (*.requires links), DetectionTests (the Fedora 29 and
#   EL 8 boundaries), IfqueryTests (a kept stanza gets only its own options, an allow-hotplug line
#   after it stays one, comments go; read by the real ifquery), ShellSourcedFilesTests (Gentoo keeps
#   config_eth10 with eth1 configured, and an escaped quote; read by bash), RenderedFileRulesTests
#   (no label comment without a label, every renderer).
# Final run (after 8eacf91, 58 mutants: the netmask and address-text mutants rewritten for the new
# code, the shadowing one added): 58 killed, none survived.
# Not written as mutants, being equivalent: dropping SysfsInterfaceReader's `lo` name check (its type,
# 772, skips it anyway) and OsRelease's or NetworkManagerDnsSettings' '#' check (a key "#ID" or
# "#dns" is never looked up).
# Session 22 (shelledit): GentooKeptSettings reads its statements with ShellStatements (the lexer) instead
# of counting double quotes; 46-47 (of that counting) rewritten for the new code; 44-47 run: all killed.
# Session 23 (shell): GentooKeptSettings keeps per assignment through ShellKeptStatements (Common); 44 and
# 47 retargeted, 46 now drops the old file (its statement-splitting mutant moved with the code to
# network_renderers.py, ShellKeptStatements). Run 44, 46, 47: all killed.
# Session 26 (alpine, on 51fb885): 49 retargeted (IfupdownKeptStanzas' block flag became the list a
# block goes to, kept mappings last): killed.
# Session 26 (review): 59 new, kept no-auto-down and no-scripts statements: killed (IfqueryTests, with ifup -n).
# Session 26 (rename): 60-64 new, the kept rename pairs (IfupdownKeptStanzas.KeepsRename): all killed
# (IfqueryTests, with ifup -n -a in a network namespace).
# Session 66 (ifupkept): 48 retargeted at IfupdownLines' comment check, through which IfupdownKeptStanzas now reads
# the file (a continued line whole); rerun: killed (IfqueryTests).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetworkInputTests", "-class", "*NameBasedSha1Tests", "-class", "*InterfaceDiscoveryTests",
             "-class", "*StaleInterfaceFilesTests", "-class", "*DetectionTests", "-class", "*NetworkBackendCatalogTests",
             "-class", "*ServiceAwareSelectionTests", "-class", "*DnsRoutingTests", "-class", "*RendererGoldenTests",
             "-class", "*OriginalAgentOracleTests", "-class", "*ShellSourcedFilesTests", "-class", "*IfqueryTests",
             "-class", "*RenderedFileRulesTests", "-class", "*HostnameFilesTests", "-class", "*AddressTextTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
NET = "src/Agent.Commands/Network/"
NM = NET + "Model/Netmask.cs"
MAC = NET + "Model/MacAddress.cs"
SHA = NET + "Rendering/NameBasedSha1.cs"
IPT = NET + "Parsing/IPAddressText.cs"
RT = NET + "Parsing/RouteParser.cs"
JF = NET + "Parsing/JsonFields.cs"
OS = NET + "Detection/OsRelease.cs"
DF = NET + "Detection/DistributionFamilies.cs"
ES = NET + "Detection/EnabledServices.cs"
NMD = NET + "Detection/NetworkManagerDnsSettings.cs"
SY = NET + "Detection/SysfsInterfaceReader.cs"
GK = NET + "Rendering/GentooKeptSettings.cs"
IK = NET + "Rendering/IfupdownKeptStanzas.cs"
HF = NET + "Rendering/Common/HostsFileRewriter.cs"
CT = NET + "Rendering/ConfigText.cs"
NM_RETURN = "return IPAddressText.TryParse(text, AddressFamily.InterNetwork, out var mask) && TryCountLeadingOnes(mask, out prefixLength);"
RT_RETURN = """return IPAddressText.TryParse(gatewayText.Trim(), network.AddressFamily, out var gateway)
            ? new StaticRoute(network, prefix, gateway)
            : throw new InvalidNetworkDataException($"{where}: gateway '{MessageText.Printable(gatewayText)}' is not an address of the route's family");"""
MUTANTS = [
    # Netmask
    (NM, NM_RETURN, "return IPAddress.TryParse(text, out var mask) && TryCountLeadingOnes(mask, out prefixLength);", "stmt",
     "netmask: read by IPAddress.TryParse alone (inet_aton's 255.255.65280, octal 0377, an IPv6 text with dots)"),
    (NM, "(byte)(partial << leading) != 0", "false", "expr",
     "netmask: ones after a zero in the partial byte are not noticed"),
    (NM, "bytes[(index + 1)..]", "bytes[(index + 2)..]", "expr",
     "netmask: the byte after the partial one is not checked"),
    (NM, "prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength)", "uint.MaxValue << (32 - prefixLength)", "expr",
     "netmask: prefix 0 shifts by 32 (masked to 0 in C#), giving 255.255.255.255"),
    # MacAddress
    (MAC, "text.Trim()", "text", "expr",
     "mac: sysfs's trailing newline makes the address unreadable"),
    (MAC, "hex.Length != 12", "hex.Length < 12", "expr",
     "mac: seven bytes of hex are accepted (cut to six)"),
    (MAC, "!hex.All(char.IsAsciiHexDigit)", "false", "expr",
     "mac: non-hex characters are accepted"),
    (MAC, "text[i] != ':' && text[i] != '-'", "text[i] != ':'", "expr",
     "mac: the hyphenated form is refused"),
    (MAC, "text[i] != ':' && text[i] != '-'", "false", "expr",
     "mac: separators at the wrong places are accepted"),
    # NameBasedSha1
    (SHA, "(message.Length + 8) / 64 + 1", "(message.Length + 9) / 64 + 1", "expr",
     "sha1: a 55-byte message padded to two blocks"),
    (SHA, "(ulong)message.Length * 8", "(ulong)message.Length", "expr",
     "sha1: the length in bytes instead of bits"),
    (SHA, "BitOperations.RotateLeft(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1)", "w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]", "expr",
     "sha1: SHA-0's message schedule (no rotation)"),
    # IPAddressText
    (IPT, "c is ':' or '.'", "c is ':'", "expr",
     "address text: an IPv4-mapped IPv6 address (::ffff:192.0.2.1) is refused"),
    (IPT, "p.Length is >= 1 and <= 3", "p.Length >= 1", "expr",
     "address text: an octet of eleven digits overflows int.Parse (an exception, not a refusal)"),
    (IPT, "(p.Length == 1 || p[0] != '0')", "true", "expr",
     "address text: an octet with a leading zero (010, octal 8 to .NET) is accepted"),
    (IPT, "IsDottedQuad(text[(text.LastIndexOf(':') + 1)..])", "true", "expr",
     "address text: the dotted tail of an IPv6 address is not checked (::ffff:192.0.2.010)"),
    (IPT, "int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) <= 255", "int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) < 255", "expr",
     "address text: an octet of 255 is refused"),
    # RouteParser
    (RT, "HasNoHostBits(network.GetAddressBytes(), prefix)", "HasNoHostBits(network.GetAddressBytes(), prefix + 1)", "expr",
     "route: the first host bit is not checked"),
    (RT, "bit < bytes.Length * 8", "bit < 32", "expr",
     "route: IPv6 host bits past the first 32 are not checked"),
    (RT, "(0x80 >> (bit % 8))", "(0x01 << (bit % 8))", "expr",
     "route: host bits checked in the wrong order within a byte"),
    (RT, "string.IsNullOrWhiteSpace(gatewayText)", "gatewayText is null", "expr",
     "route: an empty gateway is an error, not a warning"),
    (RT, RT_RETURN, RT_RETURN.replace("network.AddressFamily, out", "null, out"), "stmt",
     "route: an IPv6 gateway accepted for an IPv4 route"),
    # JsonFields
    (JF, "return 1;", "return 0;", "stmt",
     "json: true reads as 0"),
    # OsRelease
    (OS, "(value[0] == '\"' || value[0] == '\\'')", "(value[0] == '\"')", "expr",
     "os-release: single-quoted values keep their quotes"),
    (OS, "IdLike.Any(l => ids.Contains(l, StringComparer.Ordinal))", "false", "expr",
     "os-release: ID_LIKE is not consulted"),
    (OS, "VersionId.Split('.')[0]", "VersionId", "expr",
     "os-release: a dotted VERSION_ID (7.9) has no major version"),
    # DistributionFamilies
    (DF, "os.MajorVersion < 29", "os.MajorVersion <= 29", "expr",
     "families: Fedora 29 counts as legacy Red Hat"),
    (DF, "os.MajorVersion < 8", "os.MajorVersion <= 8", "expr",
     "families: EL 8 counts as legacy Red Hat"),
    (DF, "os.Id == \"fedora\"", "os.IsLike(\"fedora\")", "expr",
     "families: an EL clone whose ID_LIKE names fedora is judged by Fedora's version"),
    (DF, "[NetworkBackend.RedHatIfcfg, NetworkBackend.NetworkManager, NetworkBackend.SystemdNetworkd]",
     "[NetworkBackend.NetworkManager, NetworkBackend.RedHatIfcfg, NetworkBackend.SystemdNetworkd]", "expr",
     "families: on Red Hat, NetworkManager in use wins over the legacy network service in use"),
    # EnabledServices
    (ES, "entry.EndsWith(\".wants\", StringComparison.Ordinal) || entry.EndsWith(\".requires\", StringComparison.Ordinal)", "entry.EndsWith(\".wants\", StringComparison.Ordinal)", "expr",
     "services: *.requires/ links are not read"),
    (ES, "target == \"/dev/null\"", "false", "expr",
     "services: a masked unit is not noticed"),
    (ES, "target[(target.LastIndexOf('/') + 1)..]", "target", "expr",
     "services: an alias enables its target's whole path"),
    (ES, "name[0] == 'S'", "true", "expr",
     "services: SysV kill links (K90network) count as enabled"),
    (ES, "enabled.ExceptWith(masked);", "", "stmt",
     "services: a masked unit with an enablement link counts as enabled"),
    # NetworkManagerDnsSettings
    (NMD, "Dns != \"none\" && RcManager != \"unmanaged\"", "Dns != \"none\"", "expr",
     "NM dns: rc-manager=unmanaged still manages DNS"),
    (NMD, "[\"/usr/lib/NetworkManager/conf.d\", \"/run/NetworkManager/conf.d\", \"\", \"/etc/NetworkManager/conf.d\"]",
     "[\"/usr/lib/NetworkManager/conf.d\", \"/run/NetworkManager/conf.d\", \"/etc/NetworkManager/conf.d\", \"\"]", "expr",
     "NM dns: NetworkManager.conf wins over /etc/NetworkManager/conf.d"),
    (NMD, "!later.Any(l => l.Contains(n, StringComparer.Ordinal))", "true", "expr",
     "NM dns: a conf.d file shadowed by one of the same name in a later directory is read"),
    (NMD, "n.EndsWith(\".conf\", StringComparison.Ordinal)", "true", "expr",
     "NM dns: files not named *.conf (a .conf.rpmsave) are read"),
    (NMD, "section == \"main\"", "true", "expr",
     "NM dns: dns= of another section counts"),
    # SysfsInterfaceReader
    (SY, "type is not null && type != \"1\"", "type != \"1\"", "expr",
     "sysfs: an interface without a type file is skipped"),
    (SY, "mac.Value != \"00:00:00:00:00:00\"", "true", "expr",
     "sysfs: an all-zero address is listed"),
    (SY, "files.List(Directory).Where(name => files.Exists($\"{Directory}/{name}/type\")).ToArray()", "files.List(Directory).ToArray()", "expr",
     "sysfs: bonding_masters counts as an interface"),
    # GentooKeptSettings
    (GK, "key == \"modules\" || IsOwned(key, configured)", "IsOwned(key, configured)", "expr",
     "gentoo: the old modules= is kept beside the new one"),
    (GK, "key == prefix + name", "key.StartsWith(prefix + name, StringComparison.Ordinal)", "expr",
     "gentoo: eth10's settings dropped when eth1 is configured"),
    (GK, "existing", "null", "expr", "gentoo: no setting of the old file is kept", "Find(existing, key =>"),
    (GK, "key == \"modules\" || IsOwned(key, configured)", "key == \"modules\"", "expr",
     "gentoo: the old config_ of a configured interface is kept"),
    # IfupdownKeptStanzas
    (NET + "Backends/IfupdownLines.cs", "line.StartsWith('#')", "false", "expr",
     "ifupdown: a comment inside a kept stanza is kept as an option"),
    (IK, "\n            block = null;", "", "stmt",
     "ifupdown: the options of a dropped stanza after a kept one are kept"),
    (IK, "name.Split(':')[0]", "name", "expr",
     "ifupdown: an alias of a configured interface (eth0:1) is kept"),
    (IK, "physical == \"lo\"", "false", "expr",
     "ifupdown: the loopback stanza is kept (twice with the new one)"),
    (IK, "names.Length > 0", "names.Length >= 0", "expr",
     "ifupdown: an auto line left with no names is written"),
    (IK, "!keyword.StartsWith(\"allow-\", StringComparison.Ordinal)", "true", "expr",
     "ifupdown: allow-hotplug counts as an option line"),
    # HostsFileRewriter
    (HF, "names.Length == 1 && names[0] != hostname", "names.Length == 1", "expr",
     "hosts: a line already naming the hostname is commented out and written again"),
    (HF, "current.EndsWith('\\n') ? lines.Length - 1 : lines.Length", "lines.Length", "expr",
     "hosts: the empty piece after the last newline becomes an extra blank line"),
    (HF, "hash >= 0 ? \"\\t#\" + line[(hash + 1)..] : \"\"", "\"\"", "expr",
     "hosts: a replaced line's comment is lost"),
    (HF, "pending.RemoveAt(index);", "", "stmt",
     "hosts: an address already in the file is appended again"),
    # ConfigText
    (CT, "label.Length > 0", "true", "expr",
     "config text: an empty label writes '# Label '"),
    (IK, "keyword is \"auto\" or \"no-auto-down\" or \"no-scripts\"", "keyword is \"auto\"", "expr",
     "ifupdown: kept no-auto-down and no-scripts lines are dropped"),
    (IK, "IsOurs(from, configured) || IsOurs(to, configured)", "IsOurs(from, configured)", "expr",
     "ifupdown: a rename onto a configured interface is kept"),
    (IK, "from.StartsWith('/')", "false", "expr",
     "ifupdown: a rename pattern (/eth*) that matches a configured interface is kept"),
    (IK, "equals <= 0 || equals == pair.Length - 1", "equals < 0", "expr",
     "ifupdown: a rename word with an empty name (=lan9, eth8=) is kept"),
    (IK, "pairs.Length > 0", "pairs.Length >= 0", "expr",
     "ifupdown: a rename line left with no pairs is written"),
    (IK, "warnings.Add($\"ifupdown: 'rename {MessageText.Printable(pair)}' of the previous {IfupdownRenderer.FilePath} left out: \"\n                + \"it names the loopback, an interface configured here by its kernel name, or a pattern that may match one\");", "", "stmt",
     "ifupdown: a dropped rename pair is not logged"),
]
