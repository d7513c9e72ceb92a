# Mutants of session 33's shell9: a lone ! read as bash and dash read it (ShellSyntaxCheck.Negation): both shells stop at one
# after a pipe, before an operator or ), and before a $(…)'s end; bash reads one before a newline, ; or the file's end (and
# a second !), dash stops there: the scan's dash reading (dash: true, also for the $(…) it meets, a here-document body's
# substitutions and a $(…) in bash's quote in "${X:-…}") and ShellSyntaxCheck.DashStopsFirst, which the editor refuses.
# Run: scripts/mutants/mutate.py scripts/mutants/network_s33_shell9.py
# Session 33 (shell9): 23 run in one build with the mutants moved or retargeted this session (scratch batch; baseline 322
# passed at load ~55; -stopOnFail, so a killed run also lists tests cancelled with it): 21 killed, 2 survived. One (! before
# a quote left open taken as a word) was equivalent: the quote's Error came at the same line start either way; that
# clause was dropped and the mutant removed. The other, now 13 (dash stopping before bash's later error), needed a split
# inside a $(…) (bash's scan goes on past it): the case X=$(! ;)⏎KEY=b⏎fi was added and 13 rerun (see below).
# Moved/retargeted, same run, all killed: network_renderers.py 159-163 166, network_s31_reviewshell.py 3,
# network_s31_shell7.py 1 2 8, network_s32_shell8.py 6 (was 9); not rerun: network_s32_shell8.py 2 (memo key, by timeout).
# Rerun after that: 13 killed (by X=$(! ;)⏎KEY=b⏎fi), and network_renderers.py 161 (retargeted again) killed (baseline passed).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ShellSubstitutionSyntaxTests", "-class", "*ShellShellsDisagreeTests", "-class", "*ShellSyntaxCheckTests", "-stopOnFail"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
C = "src/Agent.Commands/Network/Rendering/Common/ShellSyntaxCheck.cs"
CC = "src/Agent.Commands/Network/Rendering/Common/ShellSyntaxCheck.Constructs.cs"
S = "src/Agent.Commands/Network/Rendering/Common/ShellSubstitutionSyntax.cs"
MEMO = "src/Agent.Commands/Network/Rendering/Common/ShellScanMemo.cs"
Q = "src/Agent.Commands/Network/Rendering/Common/ShellBracedQuotes.cs"
E = "src/Agent.Commands/Network/Rendering/Common/ShellVariableEditor.cs"
MUTANTS = [
    (CC, "_beforeNewlines is { Kind: ShellTokenKind.Connector } pipe && text[pipe.Start] == '|' && (pipe.End - pipe.Start == 1 || text[pipe.Start + 1] == '&')",
     "false", "expr", "syntax: a ! after a pipe is no error"),
    (CC, "pipe.End - pipe.Start == 1 || text[pipe.Start + 1] == '&'", "pipe.End - pipe.Start == 1", "expr", "syntax: a ! after |& is no error"),
    (CC, "text[pipe.Start] == '|'", "true", "expr", "syntax: a ! after && is an error"),
    (C, "token.Kind == ShellTokenKind.Separator && text[token.Start] == '\\n' ? _beforeNewlines : token", "token", "expr",
     "syntax: a ! on the line after a pipe is no error"),
    (CC, "negated is { IsPlain: true, Text: \"!\" }", "false", "expr", "refusal: dash's ! ! read on"),
    (CC, "negated.Kind == ShellTokenKind.Opaque && text[negated.Start] is '<' or '>'", "false", "expr",
     "syntax: ! before a redirection is an error"),
    (CC, "negated.Kind == ShellTokenKind.Separator", "false", "expr", "refusal: ! before ; or a newline is an error in bash too"),
    (CC, "negated.Kind == ShellTokenKind.End && !substitution", "false", "expr", "syntax: ! at the file's end is an error in bash"),
    (CC, "!substitution", "true", "expr", "syntax: ! at a $(…)'s end is no error"),
    (CC, "negated.Kind == ShellTokenKind.Opaque && text[negated.Start] == '&' && negated.End - negated.Start == 2", "false", "expr",
     "refusal: ! &>f is an error in bash too"),
    (CC, "bashEnds ? DashStops(bash: NotFollowed) : Error()", "NotFollowed", "expr", "syntax: ! before an operator is no error"),
    (CC, "DashStops(bash: NotFollowed)", "NotFollowed", "expr", "refusal: dash reads on after a lone !"),
    (C, "scan.DashStopsAt < bash.ErrorAt", "false", "expr", "refusal: dash stopping before bash's later error not flagged"),
    (C, "bash.Outcome != ShellSyntaxOutcome.Error", "false", "expr", "refusal: dash stopping where bash reads on not flagged"),
    (C, "ShellSubstitutionSyntax.Of(text, token.Start, token.End, memo, dash)", "ShellSubstitutionSyntax.Of(text, token.Start, token.End, memo, false)", "expr",
     "refusal: a $(…) read by bash in dash's reading"),
    (S, "memo.Substitution(text, i + 2, close, dash)", "memo.Substitution(text, i + 2, close, false)", "expr",
     "refusal: a word's $(…) commands read by bash in dash's reading"),
    (S, "Of(text, i + 2, close, memo, dash)", "Of(text, i + 2, close, memo, false)", "expr",
     "refusal: a $(…) in ${…} read by bash in dash's reading"),
    (S, "Of(text, e.Start, e.End, memo, dash: true)", "Of(text, e.Start, e.End, memo, dash: false)", "expr",
     "refusal: a here-document body's $(…) read by bash"),
    (MEMO, "_substitutions[(commands, dash)] = outcome;", "_substitutions[(commands, false)] = outcome;", "stmt",
     "memo: bash's and dash's readings of a $(…) share an entry"),
    (Q, "ShellSubstitutionSyntax.Of(text, index, unitEnd + 1, memo, dash: true)", "ShellSubstitutionSyntax.Of(text, index, unitEnd + 1, memo, dash: false)", "expr",
     "refusal: a $(…) in bash's quote in \"${X:-…}\" read by bash"),
    (E, "dashAlone && ShellSyntaxCheck.DashStopsFirst(text)", "false", "expr",
     "refusal: dash stopping first not flagged"),
    (E, "dashAlone || text.Contains(\"<<\", StringComparison.Ordinal)", "text.Contains(\"<<\", StringComparison.Ordinal)", "expr",
     "refusal: a file with ! and no <<, ` or ${ not looked at"),
]
