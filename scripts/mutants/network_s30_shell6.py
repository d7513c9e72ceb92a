# Mutants of session 30's shell6: backquotes and comments inside $(…) (ShellBracketScan.Closing), the
# here-documents a backquoted command opens (ShellBracketScan.HoldsHereDocument, ShellWordLexer.HereDocumentMet),
# a $ in a delimiter read as text and one holding $(…) or a backquote refused (ShellHereDocuments.Opened), the
# syntax check following the here-documents the lexer reads (ShellSyntaxCheck.Redirection), and the computed
# names of assigning arithmetic (ShellExpansionAssignments.AssignsComputedName, AssignedBy).
# Moved here from session 29's batches, their code changed: network_s29_shell4.py 1, 2, 6, 36 (here 1-4) and
# network_s29_shell5.py 2, 3, 4, 5, 7 (here 5-9). Moved to network_s30_reviewshell.py (their code changed in session 30's
# review): 8 (HoldsHereDocument became UnreadBackquoted), 13, 14, 15 (there 1-4); the numbers below are the run's.
# Run: scripts/mutants/mutate.py scripts/mutants/network_s30_shell6.py
# Session 30 (shell6): 1-29 run: 26 killed, 3 survived (13, 25, 29); cases added (`echo \\<</dev/null` in backquotes,
# $(( ${N}EY[0] = 3 )), $(( `echo K`EY = 3 ))) and 13, 25, 29 rerun: killed. All 29 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ShellHereDocumentTests", "-class", "*ShellSubstitutionHereDocumentTests",
             "-class", "*ShellSyntaxCheckTests", "-class", "*ShellExpansionAssignmentTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
B = "src/Agent.Commands/Network/Rendering/Common/ShellBracketScan.cs"
H = "src/Agent.Commands/Network/Rendering/Common/ShellHereDocuments.cs"
L = "src/Agent.Commands/Network/Rendering/Common/ShellWordLexer.cs"
S = "src/Agent.Commands/Network/Rendering/Common/ShellSyntaxCheck.cs"
X = "src/Agent.Commands/Network/Rendering/Common/ShellExpansionAssignments.cs"
MUTANTS = [
    (H, "text[at + 2] != '<'", "true", "expr", "heredoc: <<< opens a here-document"),
    (H, "(at == 0 || text[at - 1] != '<')", "true", "expr", "heredoc: the second < of <<< opens one"),
    (H, "c == '`' || (c == '$' && index + 1 < text.Length && text[index + 1] is '(' or '{' or '\\'' or '\"')", "false", "expr",
     "heredoc: a delimiter holding $(…) or a backquote is read as one"),
    (X, "AssignsComputedName(arithmetic)", "false", "expr", "assign: a computed name is no key"),
    (B, "unread |= notRead;", "", "stmt", "refusal: <<'E⏎F' inside $(…) not flagged"),
    (L, "HereDocumentUnread || unread", "HereDocumentUnread", "expr", "refusal: <<'E⏎F' not flagged"),
    (L, "HereDocumentUnread |= unread;", "", "stmt", "refusal: what the bracket scan flags is dropped"),
    (H, "unread = delimiter.ToString().Contains('\\n', StringComparison.Ordinal);", "", "stmt",
     "refusal: a delimiter spanning lines is read and not flagged"),
    (L, "HereDocumentMet |= met;", "", "stmt", "backquotes: a here-document in $(…) inside them not flagged"),
    (L, "HereDocumentMet || met", "HereDocumentMet", "expr", "backquotes: a here-document in them not flagged"),
    (L, "c == '<' && !_arithmetic && ShellHereDocuments.IsOperator(text, index)", "c == '<' && ShellHereDocuments.IsOperator(text, index)", "expr",
     "backquotes: ((x << 2)) in them opens a here-document"),
    (B, "c == '#' && commands && arithmeticAt == 0", "false", "expr", "substitution: no comment in $(…)"),
    (B, "c == '#' && commands && arithmeticAt == 0", "c == '#' && arithmeticAt == 0", "expr", "substitution: a comment in ${…}"),
    (B, "(index == from || text[index - 1] is ' ' or '\\t' or '\\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>')", "true", "expr",
     "substitution: a # inside a word starts a comment"),
    (B, "index = newline - 1;", "index = newline;", "stmt", "substitution: the newline ending a comment opens no bodies"),
    (S, "ShellHereDocuments.Opened(text, token.Start) is null", "true", "expr", "syntax: a here-document is not followed"),
    (S, "ShellHereDocuments.Opened(text, token.Start) is null", "false", "expr", "syntax: a here-string or unread delimiter is followed"),
    (S, "next.End - next.Start == 1 && (text[next.Start], first) is ('>', _) or ('&', '<' or '>') or ('|', '>') or ('<', '<')",
     "next.End - next.Start == 1 && (text[next.Start], first) is ('>', _) or ('&', '<' or '>') or ('|', '>')", "expr",
     "syntax: << is no operator: its second < a missing word"),
    (X, "before.EndsWith(\"++\", StringComparison.Ordinal)", "false", "expr", "assign: ++$N is no computed name"),
    (X, "AssignedBy(arithmetic[i..].TrimStart())", "false", "expr", "assign: $N = 3 is no computed name"),
    (X, "Bracketed(arithmetic, i).Length + i + 2", "i + 1", "expr", "assign: a subscript ends the operand (${N}EY[0] = 3 no computed name)"),
    (X, "!(equals == 1 && run[0] is '!' or '<' or '>')", "true", "expr", "assign: $N <= 1 assigns"),
    (X, "!run[equals..].StartsWith(\"==\", StringComparison.Ordinal)", "true", "expr", "assign: $N == 1 assigns"),
    (X, "run.StartsWith(\"++\", StringComparison.Ordinal)", "false", "expr", "assign: $N++ assigns nothing"),
    (X, "computed |= arithmetic[i] is '$' or '`';", "computed |= arithmetic[i] == '$';", "stmt", "assign: a backquoted name is no computed name"),
]
