# Mutants of session 65's NetworkManager fixes. The foreign-keyfile check reads a MAC as NetworkManager 1.42's
# keyfile plugin does (one or two hex digits a byte, one separator throughout: 0:16:3e:0:0:2 is eth0's, not
# unreadable) and the Ethernet setting from [802-3-ethernet] alone where a file has both groups (the daemon
# ignores [ethernet] whole then, in either order: an ignored MAC or mac-address-blacklist let a 999 connection
# that takes eth0 through). The question of which connection is active reads an id with a newline (nmcli prints
# it as it is, every ':' escaped) whole, and answers unknown, not "none active", for an answer with a line it
# cannot read. Killed by NetworkManagerForeignKeyfilesTests (the rules, each row checked on the daemon by
# NetworkManagerLeftoversTests, left out of the run for its time) and NetworkManagerActiveBeforeTests.
# Outcome (session 65): 10 of 11 killed (run from a clone of the branch; 1-6 by their rows of NetworkManagerForeignKeyfilesTests,
# 7-11 by the answer rows of NetworkManagerActiveBeforeTests). 4 survives as an equivalent mutant: a byte of three digits, padded to
# nothing, leaves a text of 18 characters, which MacAddress.TryParse refuses, so the MAC stays unreadable (matching) either way.
# Retargeted here and rerun: commands_s63_nmoverrefuse.py 9 and 10, 2 of 2 killed; commands_s61_nm999.py 27, killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.NetworkManagerForeignKeyfilesTests",
             "-class", "GuestAgent.Commands.Tests.Network.NetworkManagerActiveBeforeTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Network/Rendering/NetworkManagerForeignKeyfiles.cs"
A = "src/Agent.Commands/Network/Detection/NetworkManagerActiveConnections.cs"
MUTANTS = [
    (F, "groups.ContainsKey(\"802-3-ethernet\") ? \"802-3-ethernet\" : \"ethernet\"", "\"ethernet\"", "expr",
     "[ethernet] read though NetworkManager reads [802-3-ethernet]"),
    (F, "groups.ContainsKey(\"802-3-ethernet\") ? \"802-3-ethernet\" : \"ethernet\"", "groups.ContainsKey(\"ethernet\") ? \"ethernet\" : \"802-3-ethernet\"", "expr",
     "[ethernet] preferred when both are there"),
    (F, "b.Length is 1 or 2", "b.Length is 2", "expr",
     "an unpadded MAC unreadable again: a connection bound to another NIC refused"),
    (F, "b.Length is 1 or 2", "b.Length is >= 1 and <= 3", "expr",
     "a byte of three digits read, which NetworkManager ignores (any device)"),
    (F, "text.Split(text.Contains(':') ? ':' : '-')", "text.Split(':', '-')", "expr",
     "mixed separators read, which NetworkManager ignores (any device)"),
    (F, "b.PadLeft(2, '0')", "b", "expr",
     "an unpadded byte not padded: the MAC cannot be parsed"),
    (A, "records[^1][2] += \"\\n\" + fields[0];", "records[^1][2] += fields[0];", "stmt",
     "an id's lines joined without their newline"),
    (A, "fields.Count == 1 && records.Count > 0", "false", "expr",
     "a newline in an id makes the answer unreadable"),
    (A, "fields.Count != 1 || fields[0].Length > 0", "fields.Count != 1", "expr",
     "a stray line before any connection's taken as nothing"),
    (A, "return null;", "continue;", "stmt",
     "a line that cannot be read skipped: its device answered as having none",
     "                return null;\n            }\n        }\n\n        var active"),
    (A, "output.EndsWith('\\n') ? output[..^1] : output", "output", "expr",
     "the answer's last newline read as a newline ending the last id"),
]
