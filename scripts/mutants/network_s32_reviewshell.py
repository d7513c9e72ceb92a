# Mutants of session 32's review-shell: ShellBracedQuotes' choice of which ${…} in double quotes it looks at, pinned by the
# forms checked in env -i bash and dash (ShellShellsDisagreeTests): ${X#…} and ${X%…} patterns read alike in both shells
# ("${Y#'a}'}", "${Y%'}'}": edited), "${Y:='x}'}" and the special "${@:-'}'}" end at another } in dash (refused).
# Session 32 (review-shell): all 3 killed (run with -stopOnFail in one build with network_s32_shell8.py's 3; no separate
# baseline: the classes' changed cases passed on the same sources in a Debug build): 1 by "${Y#'a}'}", 2 by "${Y:='x}'}",
# 3 by "${@:-'}'}".
# Run: scripts/mutants/mutate.py scripts/mutants/network_s32_reviewshell.py
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ShellShellsDisagreeTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
Q = "src/Agent.Commands/Network/Rendering/Common/ShellBracedQuotes.cs"
MUTANTS = [
    (Q, "text[index] is not ('-' or '=' or '+' or '?')", "text[index] is not ('-' or '=' or '+' or '?' or '#' or '%')", "expr",
     "refusal: a pattern's quote (${X#'…'}) looked at as a default's"),
    (Q, "text[index] is not ('-' or '=' or '+' or '?')", "text[index] is not ('-' or '+' or '?')", "expr",
     "refusal: ${X:='…'} not looked at"),
    (Q, "text[from] is '@' or '*' or '#' or '?' or '-' or '$' or '!'", "false", "expr",
     "refusal: a special parameter's ${@:-'…'} not looked at"),
]
