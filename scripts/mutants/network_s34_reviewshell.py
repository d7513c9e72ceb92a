# Mutants of session 34's review-shell: a $(( that bash reads as a command substitution ($(((x)) ), $((x)+(y))), which it
# parses only when it runs it while dash takes it for arithmetic that does not parse and stops: dash's stop
# (ShellSubstitutionSyntax.ArithmeticCloses), so the editor refuses the file (ShellVariableEditor.RefuseSplitReading).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s34_reviewshell.py
# Session 34 (review-shell): 6 of 6 killed (ShellShellsDisagreeTests, baseline 126 passed). The rows also fail on the old
# code (the src change reverted: the 6 refusal rows fail, the edited row passes).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ShellShellsDisagreeTests", "-stopOnFail"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
S = "src/Agent.Commands/Network/Rendering/Common/ShellSubstitutionSyntax.cs"
E = "src/Agent.Commands/Network/Rendering/Common/ShellVariableEditor.cs"
MUTANTS = [
    (S, "next == '(' && !ArithmeticCloses(text, i + 3, close)", "false", "expr", "a $(( bash reads as commands taken for arithmetic"),
    (S, "(dash ? ShellSyntaxOutcome.Error : ShellSyntaxOutcome.Parses)", "ShellSyntaxOutcome.Parses", "expr", "dash's stop at such a $(( not seen"),
    (S, "(dash ? ShellSyntaxOutcome.Error : ShellSyntaxOutcome.Parses)", "ShellSyntaxOutcome.Error", "expr", "bash taken to stop at such a $(( too"),
    (S, "depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };", "", "stmt", "$((x)+(y)) taken for arithmetic (parentheses not counted)"),
    (S, "depth == 0 && close - 1 >= from && text[close - 1] == ')'", "true", "expr", "$(((x)) ) taken for arithmetic (no adjacent )) needed)"),
    (E, "text?.Contains(\"$((\", StringComparison.Ordinal) == true", "false", "expr", "the editor not looking for dash's stop in a file with $(( but no !"),
]
