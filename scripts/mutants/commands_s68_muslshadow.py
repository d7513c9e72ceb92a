# Mutants of session 68's musl reading of /etc/shadow: MuslShadowReading (the line musl's getspnam takes as
# root's entry: fgets pieces of 255 bytes, a piece that starts with a NUL ending the search, the rest of a
# long line of another name skipped, a root line musl cannot finish ending the search, nine fields of digits
# or nothing) and ShadowFile's use of it (the later root line musl reads gets the same hash and last-change
# day; a last root line gets its newline). Killed by MuslShadowEntryTests (each written file read back with a
# getspnam built with musl-gcc and with glibc's getent; the model against the real getspnam at the buffer's
# edges), GlibcShadowEntryTests and ShadowFileTests.
# Outcome (session 68): 9 of 9 killed (run from a clone of the branch). First run 7 of 9: 2 (a piece starting with a
# NUL passed over) and 5 (the last-change day not checked) survived, the model test having no such line; killed
# once The_line_modelled_is_the_line_musl_reads had them. Mutants 1 and 7 were retargeted before the first
# run (a field declaration and an if's keyword cannot be switched).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Security.MuslShadowEntryTests", "-class", "GuestAgent.Commands.Tests.Security.GlibcShadowEntryTests", "-class", "GuestAgent.Commands.Tests.Security.ShadowFileTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
M = "src/Agent.Commands/Security/MuslShadowReading.cs"
F = "src/Agent.Commands/Security/ShadowFile.cs"
MUTANTS = [
    (M, "Math.Min(PieceMax, text.Length - start)", "Math.Min(PieceMax + 1, text.Length - start)", "expr",
     "a newline looked for in 256 bytes: a root line of 256 bytes read, where musl's search ends"),
    (M, "if (piece.IsEmpty)\n            {\n                return -1;\n            }", "if (piece.IsEmpty)\n            {\n                start = end;\n                continue;\n            }", "stmt",
     "a piece that starts with a NUL passed over, where musl's search ends"),
    (M, "restOfLine = piece[^1] != '\\n';", "restOfLine = false;", "stmt",
     "the rest of a long line of another name read as a line of its own"),
    (M, "if (piece[^1] != '\\n')\n            {\n                return -1;\n            }", "if (piece[^1] != '\\n')\n            {\n                start = end;\n                continue;\n            }", "stmt",
     "a root line musl cannot finish passed over for the next, where musl's search ends"),
    (M, "count > 0 && field.ContainsAnyExceptInRange('0', '9')", "count > 1 && field.ContainsAnyExceptInRange('0', '9')", "expr",
     "the last-change day not checked for digits"),
    (M, "return count == 8;", "return count >= 8;", "stmt",
     "ten fields or more taken as an entry"),
    (F, "musl >= 0 && musl != start", "false", "expr",
     "musl's later root line left with the old hash"),
    (F, "Replace(text[musl..muslEnd].Split(':'), hash, lastChange)", "Replace(text[musl..muslEnd].Split(':'), hash, null)", "expr",
     "musl's line gets the hash but keeps its old last-change day"),
    (F, "lineEnd == text.Length && !text.EndsWith('\\n') ? \"\\n\" : \"\"", "\"\"", "expr",
     "a last root line left without its newline, which musl cannot read"),
]
