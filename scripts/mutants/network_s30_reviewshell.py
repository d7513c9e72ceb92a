# Mutants of session 30's review of the shell-file reader/editor: bash's $[…] read as one arithmetic word and refused
# when unquoted with << (dash opens a here-document there: ShellWordLexer.Expansion, ShellBracketScan.Closing), a
# double-quoted string inside $(…) skipped past its escapes and expansions (ShellBracketScan.DoubleQuoteClosing), an
# inner expansion as one unit (ShellBracketScan.Inner), a backquoted command left open refused and \" unescaped in
# double quotes (ShellBracketScan.UnreadBackquoted, the editor's gate), and a substring offset's braces matched
# (ShellExpansionAssignments.Brace), and double quotes removed before a computed name is looked for.
# Moved here from network_s30_shell6.py (their code changed): its 8, 13, 14, 15 (here 1-4).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s30_reviewshell.py
# Session 30 (review-shell): 5-19 run: 14 killed, 6 survived (its case read alike before the fix); case replaced
# (X=$(echo "$(echo ");KEY=b;#")")), 1-4 and 6 run: killed. All 19 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ShellShellsDisagreeTests", "-class", "*ShellHereDocumentTests",
             "-class", "*ShellSubstitutionHereDocumentTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
B = "src/Agent.Commands/Network/Rendering/Common/ShellBracketScan.cs"
L = "src/Agent.Commands/Network/Rendering/Common/ShellWordLexer.cs"
E = "src/Agent.Commands/Network/Rendering/Common/ShellVariableEditor.cs"
X = "src/Agent.Commands/Network/Rendering/Common/ShellExpansionAssignments.cs"
MUTANTS = [
    (L, "ShellBracketScan.UnreadBackquoted(text, index, closing < 0 ? text.Length : closing, quoted, _memo)", "false", "expr",
     "refusal: a here-document in backquotes not flagged"),
    (B, "text[index + 1] is '$' or '`' or '\\\\'", "false", "expr", "backquotes: their command read without bash's unescaping"),
    (B, "c == '`'", "false", "expr", "substitution: a backquoted command in $(…) is no unit",
     "c == '`')\n            {\n                var end = BackquoteClosing(text, index + 1);\n                if (end < 0)"),
    (B, "unread |= UnreadBackquoted(text, index + 1, end, quoted: false, memo);", "", "stmt", "refusal: a here-document in backquotes in $(…) not flagged"),
    (B, "DoubleQuoteClosing(text, index + 1, memo, ref unread, ref met, ref reach)", "text.IndexOf(c, index + 1)", "expr",
     "substitution: a double-quoted string ends at an escaped quote or one inside an expansion"),
    (B, "c == '$' && next is '(' or '{' or '['", "false", "expr", "substitution: a quote in $(…) inside double quotes closes the string"),
    (B, "c == '$' && index + 1 < text.Length && text[index + 1] is '(' or '{' or '['", "false", "expr",
     "substitution: an inner expansion is no unit (${Y:-)} closes $(…))"),
    (B, "text[index + 1] == '[' && commands && arithmeticAt == 0 && text.AsSpan(index, end - index).Contains(\"<<\", StringComparison.Ordinal)",
     "false", "expr", "refusal: $[1<<2] in $(…) not flagged"),
    (B, "unread |= end >= 0 && UnreadBackquoted(text, index + 1, end, quoted: true, memo);", "", "stmt",
     "refusal: a backquoted command left open in double quotes in $(…) not flagged"),
    (B, "(quoted && text[index + 1] == '\"')", "false", "expr", "backquotes: \\\" in double quotes stays escaped"),
    (B, "token.Kind == ShellTokenKind.Unterminated", "false", "expr", "refusal: a backquoted command left open not flagged"),
    (L, "next is '{' or '(' or '['", "next is '{' or '('", "expr", "lexer: $[…] is no expansion (dash's reading)"),
    (L, "next == '[' && !quoted && text.AsSpan(start, index - start).Contains(\"<<\", StringComparison.Ordinal)", "false", "expr",
     "refusal: an unquoted $[1<<2] not flagged"),
    (L, "next == '[' && !quoted", "next == '['", "expr", "refusal: a quoted \"$[1<<2]\" flagged"),
    (L, "Expansion(c, quoted: true)", "Expansion(c, quoted: false)", "expr", "backquotes: double quotes around them not told (\\\" kept)"),
    (E, "text.Contains('`', StringComparison.Ordinal)", "false", "expr", "refusal: a file without << is never checked"),
    (X, "rest[1..Brace(rest)]", "rest[1..(rest.IndexOf('}') is var close and >= 0 ? close : rest.Length)]", "expr",
     "assign: an offset ends at the first } (${Y:${N}=1})"),
    (X, "depth < 0", "depth <= 0", "expr", "assign: an offset ends at an inner ${…}'s }"),
    (X, "written.Replace(\"\\\"\", \"\", StringComparison.Ordinal)", "written", "expr", "assign: $(( \"$N\" = 4 )) is no computed name"),
]
