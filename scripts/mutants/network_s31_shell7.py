# Mutants of session 31's shell7: a syntax error inside a command substitution ends a sourced file in bash and dash
# (ShellSubstitutionSyntax.Of, the words ShellSyntaxCheck reads; ;; and ;& outside a case), and the forms bash and dash
# split that the editor refuses: a backquoted command dash stops at (ShellSyntaxCheck.StopsDash, ListEnd), a here-document
# body's substitution that does not parse (ShellSubstitutionSyntax.BodySplits), a single quote in "${X:-…}"
# (ShellBracketScan.QuoteSplits); $'…' inside $(…) read with its escapes (ShellBracketScan.AnsiCClosing).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s31_shell7.py
# Session 31 (shell7): 1-6, 8, 9, 11-13, 15, 18-20, 22, 27, 28, 30 run (~45 s each at load ~30): 18 killed, 15 survived
# (`{ fi; }` fails on the && rule too); case `{ a; fi; }` added for it, 15 rerun: killed (19 of 19).
# Session 31 (review-shell): 7, 10, 14, 16, 17, 21, 23-26, 29, 31 run: 11 killed; 7 (then `body.Expands` in BodySplits) survived,
# equivalent: ShellWordLexer.Expansions yields nothing for a quoted body. That check was dropped from BodySplits and 7 now
# mutates the one in Expansions (run in network_s31_reviewshell.py as its 4, sharing a build: killed). 13 and 14's texts follow
# review-shell's ;& change (same mutation).
# Session 33 (shell9): mutants 1, 2 and 8 retargeted to ShellSubstitutionSyntax.Of's new `dash` argument (same mutations).
# Session 34: mutant 1, retargeted by review-shell (same mutation), rerun after the merges: killed (56 of 339 failed).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ShellSyntaxCheckTests", "-class", "*ShellShellsDisagreeTests", "-class", "*ShellSubstitutionSyntaxTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
S = "src/Agent.Commands/Network/Rendering/Common/ShellSubstitutionSyntax.cs"
C = "src/Agent.Commands/Network/Rendering/Common/ShellSyntaxCheck.cs"
B = "src/Agent.Commands/Network/Rendering/Common/ShellBracketScan.cs"
L = "src/Agent.Commands/Network/Rendering/Common/ShellWordLexer.cs"
E = "src/Agent.Commands/Network/Rendering/Common/ShellVariableEditor.cs"
# Session 32 (shell8): QuoteSplits moved to ShellBracedQuotes.Split (21-26 retargeted there, not rerun).
Q = "src/Agent.Commands/Network/Rendering/Common/ShellBracedQuotes.cs"
MUTANTS = [
    (S, "memo.Substitution(text, i + 2, close, dash)", "ShellSyntaxOutcome.Parses", "expr",
     "substitution: an error inside $(…) not seen"),
    (S, "Of(text, i + 2, close, memo, dash)", "ShellSyntaxOutcome.Parses", "expr", "substitution: $(…) inside ${…}, $((…)) or $[…] not looked for"),
    (S, "quoted = !quoted;", "", "stmt", "substitution: a single quote in double quotes hides a $(…)"),
    (S, "c == '$' && next == '\\'' && !quoted", "false", "expr", "substitution: $'\\''s escaped quote ends it"),
    (S, "c == '`'", "false", "expr", "substitution: a $(…) in backquotes counted (bash parses it when it runs)"),
    (S, "a == ShellSyntaxOutcome.Error || b == ShellSyntaxOutcome.Error", "b == ShellSyntaxOutcome.Error", "expr",
     "substitution: a later $(…) that parses hides an earlier error"),
    (L, "body.Expands && lexer.index < body.End", "lexer.index < body.End", "expr", "refusal: a quoted here-document's body checked"),
    (S, "Of(text, e.Start, e.End, memo, dash: true) == ShellSyntaxOutcome.Error", "false", "expr", "refusal: a body's $(…) that does not parse not flagged"),
    (C, "_substitutions = inner == ShellSyntaxOutcome.Parses ? _substitutions : inner;", "", "stmt", "syntax: no word's $(…) checked"),
    (C, "inner == ShellSyntaxOutcome.Parses ? _substitutions : inner", "inner", "expr", "syntax: a later $(…) that parses makes the file proven"),
    (C, "_substitutions == ShellSyntaxOutcome.Error", "false", "expr", "syntax: an error in $(…) does not stop the scan",
     "if (_substitutions == ShellSyntaxOutcome.Error)"),
    (C, "_substitutions == ShellSyntaxOutcome.Parses ? new ShellSyntax(ShellSyntaxOutcome.Parses, -1) : NotFollowed", "new ShellSyntax(ShellSyntaxOutcome.Parses, -1)", "expr",
     "syntax: a $(…) not followed proves the file"),
    (C, "text.Contains(\"case\", StringComparison.Ordinal) ? NotFollowed : text[token.Start + 1] == '&' ? Error() : ListEnd()", "NotFollowed", "expr",
     "syntax: ;; outside a case not an error"),
    (C, "text.Contains(\"case\", StringComparison.Ordinal) ? NotFollowed : text[token.Start + 1] == '&' ? Error() : ListEnd()",
     "text[token.Start + 1] == '&' ? Error() : ListEnd()", "expr", "syntax: ;; an error where a case may be in $(…)"),
    (C, "backquoted && _frames.Count == 0 && !_needCommand", "backquoted && !_needCommand", "expr", "refusal: dash's backquoted list ends inside a construct"),
    (C, "backquoted && _frames.Count == 0 && !_needCommand", "backquoted && _frames.Count == 0", "expr", "refusal: dash's backquoted list ends after &&"),
    (C, "ListEnd()", "Error()", "expr", "refusal: a ) in backquotes stops dash", "return ListEnd();\n                }"),
    (B, "ShellSyntaxCheck.StopsDash(command, memo)", "false", "expr", "refusal: a backquoted command dash stops at not flagged"),
    (B, "c == '$' && index + 1 < text.Length && text[index + 1] == '\\''", "false", "expr", "substitution: $'…' in $(…) ends at its escaped quote"),
    (B, "unread |= next == '{' && ShellBracedQuotes.Split(text, index + 2, memo, ref reach);", "", "stmt", "refusal: a quote in \"${X:-…}\" inside $(…) not flagged"),
    (Q, "text[index] is not ('-' or '=' or '+' or '?')", "text[index] is not ('-' or '=')", "expr", "refusal: ${X+…}'s quote not flagged"),
    (Q, "text.AsSpan(quote.Open + 1, quote.Close - quote.Open - 1).IndexOfAny(\"}\\\"\\\\$`\") < 0", "true", "expr", "refusal: a quoted } or $ in \"${X:-…}\" not flagged"),
    (Q, "index = close;", "", "stmt", "refusal: a closed quote in \"${X:-…}\" read as opening another"),
    (Q, "!special && index < text.Length", "false", "expr", "refusal: the name of \"${X:-…}\" taken for its word"),
    (Q, "index += index < text.Length && text[index] == ':' ? 1 : 0;", "", "stmt", "refusal: ${X:-…} with a colon not read"),
    (Q, "c == '$' && index + 1 < text.Length && text[index + 1] is '(' or '{' or '['", "false", "expr",
     "refusal: a quote inside an inner expansion of \"${X:-…}\" counted",
     "return quotes.Exists(q => !Plain(text, q));\n            }\n            else if (c == '`' || (c == '$' && index + 1 < text.Length && text[index + 1] is '(' or '{' or '['))"),
    (B, "unread |= ShellSubstitutionSyntax.BodySplits(text, body, memo);", "", "stmt", "refusal: a body in $(…) with a $(…) that does not parse not flagged"),
    (L, "HereDocumentUnread |= ShellSubstitutionSyntax.BodySplits(text, body, _memo);", "", "stmt", "refusal: a body with a $(…) that does not parse not flagged"),
    (L, "next == '{' && quoted && ShellBracedQuotes.Split(text, index, _memo)", "next == '{' && ShellBracedQuotes.Split(text, index, _memo)", "expr",
     "refusal: an unquoted ${X:-'}'} flagged"),
    (L, "next == '{' && quoted && ShellBracedQuotes.Split(text, index, _memo)", "false", "expr", "refusal: \"${Y:-it's}\" not flagged"),
    (E, "text.Contains(\"${\", StringComparison.Ordinal)", "false", "expr", "refusal: a file with only ${ is never checked"),
]
