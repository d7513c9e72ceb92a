# Mutants of session 66's second reading of a foreign NetworkManager keyfile as GKeyFile and libnm (NetworkManager 1.42) read it:
# a group header with only spaces and tabs after its "]" (a form feed, vertical tab, no-break space or last line's CR there makes
# the file no keyfile), a group name not empty and without "[" or an ASCII control character, and each mac-address-blacklist entry
# read as libnm reads a MAC (unpadded hex is one; an entry with a blank, an empty item, bare hex or mixed separators makes the
# connection invalid, so it never takes the device), the list split as GKeyFile splits it (a last ";" ends it). Killed by
# NetworkManagerForeignKeyfilesTests (each row checked with NetworkManager 1.42's keyfile reader, nmcli --offline, and the daemon:
# NetworkManagerLeftoversTests' rows "aaa blacklist short" to "aaa nbsp key", left out of the run for its time).
# Outcome (session 66): 7 of 7 killed (run from a clone of the branch), each by its rows of NetworkManagerForeignKeyfilesTests.
# Session 67: 1 to 4 retargeted at GKeyFileSyntax.cs (the keyfile reading moved there from
# NetworkManagerForeignKeyfiles.cs) and rerun from a clone of main: 4 of 4 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.NetworkManagerForeignKeyfilesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Network/Rendering/NetworkManagerForeignKeyfiles.cs"
K = "src/Agent.Commands/Network/Rendering/GKeyFileSyntax.cs"
MUTANTS = [
    (K, "line.AsSpan(close + 1).TrimEnd(\" \\t\")", "line.AsSpan(close + 1).TrimEnd()", "expr",
     "any .NET blank after a group's ']' (a form feed, a no-break space) taken, where GKeyFile refuses the file"),
    (K, "name.Length == 0", "false", "expr",
     "an empty group name [] taken, where GKeyFile refuses the file"),
    (K, "c is '[' or < ' ' or '\\x7f'", "c is '['", "expr",
     "a control character in a group name taken, where GKeyFile refuses the file"),
    (K, "c is '[' or < ' ' or '\\x7f'", "c is < ' ' or '\\x7f'", "expr",
     "a '[' in a group name taken, where GKeyFile refuses the file"),
    (F, "HexMac(entry) is not { } denied || denied == mac", "HexMac(entry) is { } read && read == mac", "expr",
     "a blacklist entry NetworkManager cannot read no denial: a connection it never loads refused"),
    (F, "HexMac(entry) is not { } denied || denied == mac", "MacAddress.TryParse(entry, out var parsed) && parsed == mac", "expr",
     "a blacklist entry read as .NET trims and parses a MAC (session 63's reading): unpadded eth0 and unreadable entries refused"),
    (F, "entries.Take(entries[^1].Length == 0 ? entries.Length - 1 : entries.Length)", "entries", "expr",
     "a last ';' read as an empty entry, which GKeyFile drops: a valid list taken as unreadable, its connection not refused"),
]
