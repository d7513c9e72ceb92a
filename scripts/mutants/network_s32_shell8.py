# Mutants of session 32's shell8: the per-read ShellScanMemo (what Closing found per text and place, a substitution's
# check and a backquoted command's answer per content), which replaced ShellBracketScan's static memo and keeps nesting
# (double-quoted ${X:-$(…)}, here-documents in substitutions in bodies, backquotes in $(…)) from doubling the work per
# level; dash's lone ! in backquotes (ShellSyntaxCheck's "!" case); a single quote in "${X:-…}" refused only where dash
# ends the ${…} elsewhere or stops at a substitution inside bash's quote (ShellBracedQuotes).
# Mutant 1 is network_s31_reviewshell.py's 1, retargeted (run here to share the build).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s32_shell8.py
# Session 32 (shell8): 13 run (baseline 279 passed, ~92 s at load ~40): 12 killed (1, 2 by the timeout), 3 survived: cost
# only. Without the backquoted-command memo a command one $(…) deep is read twice per level (the scan finding the ) and
# the check of the $(…)'s commands), but each level's text is half as long (the escapes), so depth 12 still ends. A test
# with several $(…) between backquote levels ($(echo $(echo $(echo `echo …`))) needs it (not added: out of time).
# Session 32 (review-shell): 3 rerun, survived again (284 passed, 67 s). Cost-equivalent: with the closing memo (per text)
# and the substitution memo (per content) a backquoted command is read at most twice per level (its lexer and StopsDash),
# which the escapes' halving cancels; a case with 8 $(…) between backquote levels ran 26.6 s under it, 18.7 s without.
# Session 32 (closing review): that memo deleted as cost-only and its mutant 3 removed; later mutants renumbered (4 → 3 …).
# Session 33 (shell9): the ! rule was rewritten (ShellSyntaxCheck.Negation, for bash's and dash's readings everywhere): mutants 3-5
# (backquoted ! ! and lone !, ! before a redirection) removed, their successors are network_s33_shell9.py's 5, 12, 13 and 6;
# later mutants renumbered (6 → 3 …). Mutants 2 and 6 (was 9) retargeted to the texts with the shell's reading (same mutations).
# Session 34 (shell10): mutant 2 rerun (with network_s34_shell10.py): killed at once by
# ShellSubstitutionSyntaxTests.Nested_substitutions_are_checked_once_per_level (ShellScanMemo.Checked, a count of checks), not
# only by the timeout. It hung because each level's $(…) in a body was reached along two paths per level (the scan finding
# the ) and the check of the outer level's commands), 2^40 checks at depth 40; the count notices it at depth 10 vs 20.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ShellSubstitutionSyntaxTests", "-class", "*ShellShellsDisagreeTests", "-class", "*ShellSyntaxCheckTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
# The survivor-free run takes ~90 s at load ~10; a memo bypassed makes a nesting case run for 2^40 scans, killed by the timeout.
TIMEOUT = 240
MEMO = "src/Agent.Commands/Network/Rendering/Common/ShellScanMemo.cs"
C = "src/Agent.Commands/Network/Rendering/Common/ShellSyntaxCheck.cs"
Q = "src/Agent.Commands/Network/Rendering/Common/ShellBracedQuotes.cs"
S = "src/Agent.Commands/Network/Rendering/Common/ShellSubstitutionSyntax.cs"
MUTANTS = [
    (MEMO, "found.TryGetValue((from, open, close), out var result)", "false", "expr", "memo: no closing remembered"),
    (MEMO, "_substitutions.TryGetValue((commands, dash), out var outcome)", "false", "expr", "memo: no substitution's check remembered"),
    (Q, "c == '\"' || index != end", "c == '\"'", "expr", "refusal: a } dash ends the ${…} at not flagged"),
    (Q, "text.AsSpan(index + 2, unitEnd - index - 2).Contains('\\'')", "false", "expr", "refusal: a quote in an inner ${…} read as bash reads it"),
    (Q, "ShellBracketScan.UnreadBackquoted(text, index + 1, unitEnd, quoted: true, memo)", "false", "expr",
     "refusal: a backquoted command in bash's quote that dash stops at not flagged"),
    (Q, "ShellSubstitutionSyntax.Of(text, index, unitEnd + 1, memo, dash: true) != ShellSyntaxOutcome.Parses", "false", "expr",
     "refusal: a $(…) in bash's quote that dash stops at not flagged"),
    (Q, "quotes.Exists(q => !Plain(text, q))", "true", "expr", "refusal: a double-quoted string after plain quotes flagged",
     "return quotes.Exists(q => !Plain(text, q));"),
    (Q, "index < text.Length && quotes.Exists(q => !Plain(text, q)) && DashSplits(text, word, index, quotes, memo, ref reach)",
     "index < text.Length && DashSplits(text, word, index, quotes, memo, ref reach)", "expr", "refusal: plain quotes looked at more closely than before"),
    (S, "text[e.Start] == '`'", "false", "expr", "refusal: a body's backquoted command checked as a $(…)"),
]
