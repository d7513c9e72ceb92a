# Mutants of session 31's review-shell: ShellBracketScan.Closing remembers what it found per text, so an expansion nested
# in a double-quoted ${X:-…} (looked for by QuoteSplits and again by the scan around it) costs one scan, not 2^depth; dash
# stops at ;& and at a stray `in` in a backquoted command (ShellSyntaxCheck.StopsDash): the editor refuses those.
# Mutant 4 is network_s31_shell7.py's 7 (run here to share the build).
# Session 31 (review-shell): all 4 killed (1 by the timeout; baseline of 2-4: 246 passed).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s31_reviewshell.py
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ShellSubstitutionSyntaxTests", "-class", "*ShellShellsDisagreeTests", "-class", "*ShellSyntaxCheckTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
# The survivor-free run takes ~40 s at load 30; the mutant makes one case run for 2^40 scans, killed by the timeout.
TIMEOUT = 150
B = "src/Agent.Commands/Network/Rendering/Common/ShellBracketScan.cs"
C = "src/Agent.Commands/Network/Rendering/Common/ShellSyntaxCheck.cs"
CC = "src/Agent.Commands/Network/Rendering/Common/ShellSyntaxCheck.Constructs.cs"
L = "src/Agent.Commands/Network/Rendering/Common/ShellWordLexer.cs"
# Session 32 (shell8): the static memo became the per-read ShellScanMemo; mutant 1 retargeted there (run as network_s32_shell8.py 1: killed by the timeout).
MEMO = "src/Agent.Commands/Network/Rendering/Common/ShellScanMemo.cs"
MUTANTS = [
    (MEMO, "found.TryGetValue((from, open, close), out var result)", "false", "expr", "closing: nothing remembered (each nesting level doubles the scans)"),
    (C, "text[token.Start + 1] == '&'", "false", "expr", "refusal: ;& in backquotes taken for the end of dash's list"),
    (CC, "word == \"in\"", "false", "expr", "refusal: a stray in in backquotes taken for the end of dash's list"),
    (L, "body.Expands && lexer.index < body.End", "lexer.index < body.End", "expr", "refusal: a quoted here-document's body checked"),
]
