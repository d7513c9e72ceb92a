# Mutants of session 29's shell5: the line editor's refusal of a file with a here-document the lexer does
# not read (ShellWordLexer.HereDocumentUnread): $(cat <<EOF) closed on its line, a quoted delimiter holding
# a newline (at the top level and inside $(…)), << inside backquotes.
# Run: scripts/mutants/mutate.py scripts/mutants/network_s29_shell5.py
# Session 29 (shell5): 1-7 run: all 7 killed (by ShellHereDocumentTests.A_here_document_not_read_makes_the_editor_refuse).
# Session 30 (shell6): 2, 3, 4, 5 and 7 moved to network_s30_shell6.py (their code changed); the numbers above are the old ones.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ShellHereDocumentTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
B = "src/Agent.Commands/Network/Rendering/Common/ShellBracketScan.cs"
H = "src/Agent.Commands/Network/Rendering/Common/ShellHereDocuments.cs"
L = "src/Agent.Commands/Network/Rendering/Common/ShellWordLexer.cs"
E = "src/Agent.Commands/Network/Rendering/Common/ShellVariableEditor.cs"
MUTANTS = [
    (B, "unread |= pending.Count > 0;", "", "stmt", "refusal: $(cat <<EOF) closed on its line not flagged"),
    (E, "lexer.HereDocumentUnread", "false", "expr", "refusal: the editor never refuses"),
]
