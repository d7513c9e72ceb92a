# Mutants of session 57's root line after blanks: glibc's reader skips C white space before a line's
# first field, so " root:…" is root's entry to getspnam, and the agent writes root's new hash there.
# Killed by GlibcShadowEntryTests (each edited file read back with getent, bound over /etc/shadow in a
# mount namespace of its own) and ShadowFileTests.
# Outcome (session 57): 1 and 2 killed; 3 survived its first run (a line of blanks before a root line ends at
# its newline, which the skip passes into the next line's 'root:', yet that line is then judged unreadable and
# passed over: the same answer), so A_file_ending_in_blanks_after_no_root_line_has_no_entry was added, where the
# skip runs off the end of the file (IndexOutOfRange); rerun then, killed: 3 of 3.
# After the blank skip moved into ShadowEntryShape (session 57's review), all 3 run again: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.GlibcShadowEntryTests", "-class", "*.ShadowFileTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Security/ShadowFile.cs"
E = "src/Agent.Commands/Security/ShadowEntryShape.cs"
MUTANTS = [
    (F, "shadow ? ShadowEntryShape.SkipWhiteSpace(text, start, lineEnd) : start", "start", "expr",
     "a line's blanks not skipped: the next 'root:' line written, or no entry found"),
    (E, "WhiteSpace.Contains(text[start], StringComparison.Ordinal)", "text[start] is ' ' or '\\t'", "expr",
     "only spaces and tabs skipped (glibc skips \\v, \\f and \\r too)"),
    (E, "start < end", "true", "expr", "a line of blanks only read past its end, into the next line"),
]
