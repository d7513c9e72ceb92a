# Mutants of the validation of host-supplied network data: labels (written into configuration
# files, some of them sourced by a shell), hostnames, netmasks.
# Run: scripts/mutants/mutate.py scripts/mutants/network_input.py
# Session 25 (fuzz): 9-10 added with the entry's check for bytes that are not UTF-8 and for escaped
# lone surrogates (found by VmDataFuzzTests); run 9-10, both killed by NetworkInputTests.
# Session 52: 11-12 added with a label that is not a string left out rather than refusing the entry; run, both killed by NetworkInputTests.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetworkInputTests", "-class", "*ShellSourcedFilesTests", "-class", "*RendererGoldenTests",
             "-class", "*OriginalAgentOracleTests", "-class", "*HostnameShorteningTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
L = "src/Agent.Commands/Network/Parsing/LabelValidator.cs"
H = "src/Agent.Commands/Network/Parsing/HostnameValidator.cs"
P = "src/Agent.Commands/Network/Parsing/PrefixParser.cs"
E = "src/Agent.Commands/Network/Parsing/NetworkEntryParser.cs"
MUTANTS = [
    (L, "\"\\\"'\\\\`$;&|<>(){}#\"", "\"\\\"'`$(){}\"", "expr", "label: backslash ; & | < > # allowed"),
    (L, "c is >= ' ' and <= '~'", "c >= ' '", "expr", "label: DEL and non-ASCII allowed"),
    (L, "label.Length <= MaxLength", "true", "expr", "label: no length limit on a valid label"),
    (L, "label.Take(MaxLength)", "label", "expr", "label: a cleaned label is not cut"),
    (H, "label[0] == '-' || label[^1] == '-'", "label[0] == '-'", "expr", "hostname: a label may end with '-'"),
    (H, "char.IsAsciiLetterOrDigit(c) || c == '-'", "char.IsLetterOrDigit(c) || c == '-'", "expr", "hostname: non-ASCII letters allowed"),
    (H, "hostname.Length > MaxLength", "hostname.Length > MaxLength + 1", "expr", "hostname: 64 characters accepted"),
    (P, "prefix < 0 || prefix > max", "prefix < 0 || prefix > 128", "expr", "netmask: an IPv4 prefix over 32 accepted"),
    (E, "!Utf8.IsValid(json)", "false", "expr", "entry: bytes that are not UTF-8 parsed, and a field read from them throws (an internal error)"),
    (E, "!JsonTextCheck.IsReadable(document.RootElement)", "false", "expr", "entry: an escaped lone surrogate parsed, and GetString throws on it (an internal error)"),
    (E, "field is { ValueKind: not JsonValueKind.String }", "false", "expr", "label: one that is not a string read as one (GetString throws: an internal error)"),
    (E, "warnings.Add($\"{where}: 'label' is not a string; left out\");", "", "stmt", "label: one that is not a string left out silently"),
]
