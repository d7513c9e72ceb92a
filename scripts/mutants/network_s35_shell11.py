# Mutants of session 35's shell11: forms the differential test of broken substitutions, backquotes and here-documents
# against bash and dash (ShellBrokenSubstitutionDifferentialTests) found read or edited wrongly. A here-document's body
# that ends elsewhere to bash, dash or a line added at the end (ShellHereDocuments.Skip/Lines/NestsHereDocument, taken as
# a split reading by ShellSubstitutionSyntax.BodySplits, so the editor refuses the file): no line ends it; a line that is
# the delimiter and a substitution's ) (bash ends the body there, dash does not); a here-document nested in a substitution
# in an expanded body whose delimiter line lies past the body's (dash reads the nested body's lines). And a # right after
# an inner expansion's ) is text, not a comment (ShellBracketScan.Find's unitEnd).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s35_shell11.py
# Session 35 (shell11): 1-4 run (a second try, stopped at its hard stop): 1, 2, 4 killed, 3 survived (the row X=$(cat <<'E'
# text E) had no later E line, so the body was refused as unended anyway).
# Session 35 (review-shell): 3 and 5-11 run after adding the row X=$(cat <<'E'⏎E)⏎E⏎)⏎KEY=b (bash stops at the ), dash reads
# on): 3, 5, 6, 8, 9, 10, 11 killed (ShellBrokenSubstitutionTests, ShellHereDocumentTests). 7 survived, equivalent in effect:
# a nested << in backquotes in a body is refused already by the rule on here-documents in backquotes
# (ShellWordLexer.HereDocumentUnread) or, for a here-string (dash has none), by ShellSubstitutionSyntax.BodySplits' dash
# parse of the backquoted command; the arithmetic shift edited in backquotes holds a $( anyway. Then 5 retargeted: review-shell
# widened the line it names (a line starting with the delimiter and holding any ), network_s35_reviewshell.py); not rerun.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ShellBrokenSubstitutionTests", "-class", "*ShellSubstitutionSyntaxTests", "-class", "*ShellHereDocumentTests", "-stopOnFail"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
H = "src/Agent.Commands/Network/Rendering/Common/ShellHereDocuments.cs"
S = "src/Agent.Commands/Network/Rendering/Common/ShellSubstitutionSyntax.cs"
B = "src/Agent.Commands/Network/Rendering/Common/ShellBracketScan.cs"
MUTANTS = [
    (S, "body.Splits", "false", "expr", "a body's split ending not taken as a split reading"),
    (H, "splits || end == text.Length || NestsHereDocument(text, start, end, document)", "splits || NestsHereDocument(text, start, end, document)", "expr", "a body no line ends not taken as split"),
    (H, "splits || end == text.Length || NestsHereDocument(text, start, end, document)", "end == text.Length || NestsHereDocument(text, start, end, document)", "expr", "a delimiter-and-) line not taken as split"),
    (H, "splits || end == text.Length || NestsHereDocument(text, start, end, document)", "splits || end == text.Length", "expr", "a nested here-document past the body's end not taken as split"),
    (H, "splits |= read.StartsWith(document.Delimiter, StringComparison.Ordinal) && read.AsSpan(document.Delimiter.Length).Contains(')');", "", "stmt", "the delimiter-and-) line not looked for"),
    (H, "!document.Expands || !(body.Contains(\"$(\", StringComparison.Ordinal) || body.Contains('`'))", "false", "expr", "every body's << looked at (a quoted body's too: over-refusal)"),
    (H, "body.Contains(\"$(\", StringComparison.Ordinal) || body.Contains('`')", "body.Contains(\"$(\", StringComparison.Ordinal)", "expr", "a backquoted nested here-document not looked at"),
    (H, "Lines(text, newline + 1, nested, out _, out _) > end", "false", "expr", "a nested here-document never taken as split"),
    (H, "Lines(text, newline + 1, nested, out _, out _) > end", "true", "expr", "every nested here-document taken as split (over-refusal)"),
    (B, "index - 1 != unitEnd", "true", "expr", "a # after an inner expansion's ) taken for a comment"),
    (B, "index = unitEnd = end;", "index = end;", "stmt", "the inner expansion's end not remembered"),
]
