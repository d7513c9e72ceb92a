# Mutants of session 61's refusal of a foreign NetworkManager keyfile at autoconnect-priority 999, ours, that
# may autoconnect on a configured interface (NetworkManagerForeignKeyfiles, called from NetworkManagerRenderer.Render):
# the names NetworkManager's keyfile plugin reads, GKeyFile's syntax, the priority as strtoll base 0 reads it,
# autoconnect, type, interface-name, mac-address and [match] interface-name, and which keyfiles are ours.
# Killed by NetworkManagerForeignKeyfilesTests (tests/Agent.Commands.Tests/Network/), with OwnedFilesTests run too;
# the real daemon's evidence (NetworkManagerLeftoversTests, a minute a mutant) is left out of the run: the unit
# tests pin each rule as checked on NetworkManager 1.42, and the refusal put back is killed by both.
# Outcome (session 61): 39 of 39 killed (each rule by its row of NetworkManagerForeignKeyfilesTests; a text GKeyFile refuses
# taken as unreadable by OwnedFilesTests' placeholder keyfiles too).
# Session 63: mutant 22 retargeted at the NetworkManager plan's undoing (commands_s63_nmrollback.py) and rerun: killed.
# Session 63 retargeted 28-33 at the MAC and [match] code that replaced theirs (commands_s63_nmoverrefuse.py):
# rerun, 6 of 6 killed.
# Session 66 retargeted 16 at the group header's new reading (GKeyFile's spaces and tabs after "]", commands_s66_nmblanks2.py): rerun, killed.
# Session 65: 27 retargeted at the one Ethernet group NetworkManager reads (commands_s65_nmhunt.py) and rerun from a clone of the branch: killed.
# Session 66: 19, 20 and 22 retargeted at GLib's blanks (commands_s66_nmblanks.py: the key and value trimmed with Blanks, autoconnect
# read through IsFalse) and rerun from a clone of the branch: 3 of 3 killed.
# Session 67: 14 to 20 retargeted at GKeyFileSyntax.cs (the keyfile reading moved there from NetworkManagerForeignKeyfiles.cs)
# and rerun from a clone of main: 7 of 7 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.NetworkManagerForeignKeyfilesTests", "-class", "*.OwnedFilesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
NR = "src/Agent.Commands/Network/Rendering/NetworkManagerRenderer.cs"
F = "src/Agent.Commands/Network/Rendering/NetworkManagerForeignKeyfiles.cs"
K = "src/Agent.Commands/Network/Rendering/GKeyFileSyntax.cs"
MUTANTS = [
    (NR, "NetworkManagerForeignKeyfiles.Check(configuration, current, IsOurs);", "", "stmt",
     "the defect put back: a foreign connection at 999 for eth0 is written over with a success answer"),
    (NR, "name.StartsWith(Prefix, StringComparison.Ordinal) && (name.EndsWith(Suffix, StringComparison.Ordinal) || name.EndsWith(Suffix + \".bak\", StringComparison.Ordinal))",
     "name.StartsWith(Prefix, StringComparison.Ordinal)", "expr",
     "every name with our prefix taken for ours: a copy of our keyfile under another ending is never read"),
    (NR, "name.EndsWith(Suffix + \".bak\", StringComparison.Ordinal)", "false", "expr",
     "an earlier agent's .bak of ours, moved aside by the same reset, refused as foreign"),
    (F, "!ours(name)", "true", "expr", "our own keyfiles refused"),
    (F, "!name.StartsWith('.')", "true", "expr", "a hidden name, which NetworkManager skips, read"),
    (F, "!name.EndsWith('~')", "true", "expr", "a backup name ending in ~, which NetworkManager skips, read"),
    (F, "name[^7] == '.'", "true", "expr", "any six letters or digits at the end taken for a mkstemp suffix: eth0.abcdefg skipped"),
    (F, "name[^6..].All(char.IsAsciiLetterOrDigit)", "true", "expr", "a dot and any six characters taken for a mkstemp suffix: eth0.ab_def skipped"),
    (F, "name.EndsWith(\".pem\", StringComparison.OrdinalIgnoreCase)", "name.EndsWith(\".pem\", StringComparison.Ordinal)", "expr",
     ".PEM read, which NetworkManager skips in any case"),
    (F, "name.EndsWith(\".nmconnection\", StringComparison.Ordinal)", "true", "expr",
     "any name in /run or /usr/lib read, where NetworkManager takes *.nmconnection alone"),
    (F, "[\"/run/NetworkManager/system-connections\", \"/usr/lib/NetworkManager/system-connections\"]", "[\"/run/NetworkManager/system-connections\"]", "expr",
     "/usr/lib's keyfiles never read"),
    (F, "groups is not null", "true", "expr", "a text GKeyFile refuses (no connection) refused as unreadable"),
    (F, "target != \"/dev/null\"", "true", "expr", "a masked keyfile refused as unreadable"),
    (K, "line[0] == '#'", "false", "expr", "a comment line read as a key: a file starting with one no connection"),
    (K, "group = groups.TryGetValue(name, out var known) ? known : groups[name] = new Dictionary<string, string>(StringComparer.Ordinal);",
     "group = groups[name] = new Dictionary<string, string>(StringComparer.Ordinal);", "stmt",
     "a repeated group replaces the first, where GKeyFile merges them"),
    (K, "line.AsSpan(close + 1).TrimEnd(\" \\t\").Length != 0", "false", "expr",
     "[x]] taken for a group, where GKeyFile refuses the file"),
    (K, "group is null", "false", "expr", "a key before every group read, where GKeyFile refuses the file"),
    (K, "equals <= 0", "equals < 0", "expr", "a line with an empty key taken, where GKeyFile refuses the file"),
    (K, "group[line.AsSpan(0, equals).TrimEnd(Blanks).ToString()] = line.AsSpan(equals + 1).TrimStart(Blanks).ToString();",
     "group.TryAdd(line.AsSpan(0, equals).TrimEnd(Blanks).ToString(), line.AsSpan(equals + 1).TrimStart(Blanks).ToString());", "stmt",
     "a repeated key's first value kept, where GKeyFile takes the last"),
    (K, "line.AsSpan(0, equals).TrimEnd(Blanks).ToString()", "line[..equals]", "expr", "a key with blanks before = not found",
     "group[line.AsSpan(0, equals).TrimEnd(Blanks).ToString()]"),
    (F, "Priority(Value(groups, \"connection\", \"autoconnect-priority\")) != HighestPriority", "false", "expr",
     "any priority refused, not only 999"),
    (F, "IsFalse(Value(groups, \"connection\", \"autoconnect\"))", "Value(groups, \"connection\", \"autoconnect\") is \"false\" or \"0\"", "expr",
     "autoconnect=0 with trailing blanks, false to NetworkManager, taken for true",
     "|| IsFalse(Value(groups, \"connection\", \"autoconnect\"))"),
    (F, "Value(groups, \"connection\", \"type\")", "null", "expr", "the type not read: a Wi-Fi connection refused"),
    (F, "!name.Contains('\\\\') && name != nic.Name", "name != nic.Name", "expr", "an escaped interface-name compared as written, not taken as unreadable"),
    (F, "name != nic.Name", "false", "expr", "any interface-name taken for a match", "!name.Contains('\\\\') && name != nic.Name"),
    (F, "parsed != nic.Mac", "false", "expr", "any MAC taken for a match"),
    (F, "groups.ContainsKey(\"802-3-ethernet\") ? \"802-3-ethernet\" : \"ethernet\"", "\"ethernet\"", "expr", "[802-3-ethernet]'s mac-address not read"),
    (F, "text.EndsWith(';') ? text[..^1] : text", "text", "expr", "the list of decimal bytes with its last ; unread: another MAC refused"),
    (F, "value.Length == 0", "false", "expr", "an empty [match] key named as a condition"),
    (F, "key == \"interface-name\" && !MatchesInterfaceName(value, nic.Name)", "false", "expr",
     "a [match] interface-name leaving eth0 out still refused"),
    (F, "list.Contains('\\\\')", "false", "expr", "a [match] list with an escape read as written (retargeted in session 63: the & and | prefixes are read now)", "if (list.Contains('\\\\'))"),
    (F, "anyOptional |= !mandatory;", "", "stmt", "optional patterns not counted: en*;wl* taken for matching (retargeted in session 63)"),
    (F, "inverted ? rest[1..] : rest", "rest", "expr", "a ! pattern's ! kept in the glob: !eth0 refused (retargeted in session 63)"),
    (F, "text.Contains('\\\\')", "false", "expr", "an escaped priority read as a number (0), not as possibly 999"),
    (F, "digits.Length > 1 && digits[0] == '0'", "false", "expr", "a leading 0 read as decimal: 01747 not 999, 0999 taken for 999"),
    (F, "digits.StartsWith(\"0x\", StringComparison.OrdinalIgnoreCase)", "digits.StartsWith(\"0x\", StringComparison.Ordinal)", "expr",
     "0X3E7 not read as hexadecimal"),
    (F, "negative ? -magnitude : magnitude", "magnitude", "expr", "a negative priority read as positive"),
    (F, "return number is >= -HighestPriority and <= HighestPriority ? (int)number : 0;", "return (int)number;", "stmt",
     "a priority out of NetworkManager's range kept, not read as 0"),
    (F, "body.TrimStart('0')", "body", "expr", "leading zeros counted: a long octal 999 taken for out of range"),
]
