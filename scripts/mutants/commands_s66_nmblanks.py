# Mutants of session 66's reading of a foreign NetworkManager keyfile's blanks as GKeyFile and NetworkManager 1.42 read them:
# GLib's ASCII blanks only (space, tab, CR, LF, form feed; never a vertical tab or a no-break space, which .NET's Trim() also
# removed) around keys and values and after autoconnect and the priority, a vertical tab also before a number (strtoll), a line's
# CR dropped only before its LF, the decimal MAC list's bytes with a sign and blanks around them, and type and interface-name
# taken as they are (NetworkManager loads neither with a trailing blank). Killed by NetworkManagerForeignKeyfilesTests (each row
# checked on the daemon: NetworkManagerLeftoversTests' rows "aaa nbsp mac" to "aaa type blank", left out of the run for its time).
# Outcome (session 66): 11 of 11 killed (run from a clone of the branch), each by its rows of NetworkManagerForeignKeyfilesTests.
# Session 67: 1 to 4 and 11 retargeted at GKeyFileSyntax.cs (the keyfile reading moved there from
# NetworkManagerForeignKeyfiles.cs) and rerun from a clone of main: 5 of 5 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.NetworkManagerForeignKeyfilesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Network/Rendering/NetworkManagerForeignKeyfiles.cs"
K = "src/Agent.Commands/Network/Rendering/GKeyFileSyntax.cs"
MUTANTS = [
    (K, "\" \\t\\n\\r\\f\"", "\" \\t\\n\\r\\f\\v\"", "expr",
     "a vertical tab a blank: a MAC or autoconnect=false led or followed by one read, which NetworkManager does not",
     "Blanks => \" \\t\\n\\r\\f\";"),
    (K, "line.AsSpan(equals + 1).TrimStart(Blanks)", "line.AsSpan(equals + 1).TrimStart()", "expr",
     "a value's leading blanks trimmed as .NET does: a MAC led by a no-break space read, which NetworkManager does not"),
    (K, "i < lines.Length - 1 && lines[i].EndsWith('\\r')", "lines[i].EndsWith('\\r')", "expr",
     "the CR ending a last line without LF dropped, which GKeyFile keeps"),
    (K, "lines[i][..^1]", "lines[i]", "expr",
     "no CR dropped: a CRLF keyfile's [match] interface-name=eth0 read as eth0\\r"),
    (F, "value.AsSpan().TrimStart(BlanksBeforeNumber).TrimEnd(Blanks).ToString()", "value.AsSpan().TrimStart(Blanks).TrimEnd(Blanks).ToString()", "expr",
     "a priority led by a vertical tab read as 0, which strtoll skips"),
    (F, "value.AsSpan().TrimStart(BlanksBeforeNumber).TrimEnd(Blanks).ToString()", "value.Trim()", "expr",
     "the priority trimmed as .NET does: 999 followed by a vertical tab or a no-break space read as 999"),
    (F, "byte.TryParse(b, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)", "byte.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out _)", "expr",
     "a decimal MAC byte with a sign unreadable"),
    (F, "(text.EndsWith(';') ? text[..^1] : text).Split(';').Select(b => b.AsSpan().TrimStart(BlanksBeforeNumber).TrimEnd(Blanks).ToString()).ToArray()",
     "(text.EndsWith(';') ? text[..^1] : text).Split(';')", "expr",
     "a decimal MAC byte with blanks around it unreadable"),
    (F, "Value(groups, \"connection\", \"interface-name\")", "Value(groups, \"connection\", \"interface-name\")?.Trim()", "expr",
     "interface-name trimmed: eth0 followed by a blank or a no-break space taken for eth0",
     "if (Value(groups, \"connection\", \"interface-name\") is { Length: > 0 } name)"),
    (F, "Value(groups, \"connection\", \"type\")", "Value(groups, \"connection\", \"type\")?.Trim()", "expr",
     "type trimmed: ethernet followed by a blank, which NetworkManager does not load, taken for ethernet",
     "|| Value(groups, \"connection\", \"type\") is { Length: > 0 } type"),
    (K, "value.AsSpan().TrimEnd(Blanks) is \"false\" or \"0\"", "value.AsSpan().TrimEnd() is \"false\" or \"0\"", "expr",
     "autoconnect trimmed as .NET does: false followed by a vertical tab read as false"),
]
