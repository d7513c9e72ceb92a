# Mutants of session 29's review of the here-document reader (review-shell): a command substitution's
# bracket matching (ShellBracketScan) skipping the bodies of the here-documents opened inside it, << as a
# shift inside ((…)) there, a substitution closed with a body left unread, and the delimiters read after
# quote removal and line joining (a quoted empty one, a backslash-newline) in ShellHereDocuments.Opened.
# Run: scripts/mutants/mutate.py scripts/mutants/network_s29_reviewshell.py
# Session 29 (review-shell): 1-10 run: 7 killed, 3 survived (2, 5, 6); cases added to
# ShellSubstitutionHereDocumentTests ($((1<<2)) alone, a quote in a body after an inner ((…)), $(cat <<EOF))
# and 2, 5, 6 rerun: killed. All 10 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ShellSubstitutionHereDocumentTests", "-class", "*ShellHereDocumentTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
B = "src/Agent.Commands/Network/Rendering/Common/ShellBracketScan.cs"
H = "src/Agent.Commands/Network/Rendering/Common/ShellHereDocuments.cs"
MUTANTS = [
    (B, "open == '(' && !(from < text.Length && text[from] == '(')", "false", "expr",
     "substitution: no here-document read in $(…)"),
    (B, "!(from < text.Length && text[from] == '(')", "true", "expr", "substitution: $((1<<2)) opens a here-document"),
    (B, "c == '\\n' && pending.Count > 0", "false", "expr", "substitution: bodies never skipped"),
    (B, "arithmeticAt == 0 && c == '<'", "c == '<'", "expr", "substitution: (( 1 << 2 )) inside opens a here-document"),
    (B, "depth <= arithmeticAt ? 0 : arithmeticAt", "arithmeticAt", "expr",
     "substitution: arithmetic never ends, a later << opens nothing"),
    (B, "pending.Count == 0 ? index : -1", "index", "expr", "substitution: closed with a body left unread"),
    (B, "next = ShellHereDocuments.Skip(text, next, document, out var body);", "var body = default(ShellHereDocumentBody);", "stmt",
     "substitution: the body is taken as code"),
    (B, "index = next - 1;", "", "stmt", "substitution: the scan goes on inside the body"),
    (H, "text[index + 1] == '\\n'", "false", "expr", "heredoc: E\\⏎OF read as E⏎OF"),
    (H, "(delimiter.Length == 0 && !quoted)", "delimiter.Length == 0", "expr", "heredoc: <<'' not read"),
]
