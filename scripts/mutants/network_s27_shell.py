# Mutants of the shell readers' and editor's handling of files that reach a variable by a name only running
# them tells (session 27, shellind): ShellWords.ReachesByName (eval, ${!ref}, declare/typeset/local, let,
# arithmetic; where a command starts; command substitutions), MayReach and Expands' use of it, the reader's
# list runner calling a key such a command may set unknown, and ShellLinePlacement's refusal of a file that
# declares a name reference. The retargeted mutants of the code these share (the one occurrence loop) are in
# network_renderers.py (55, 56, 58, 125-127, 176, 189-193).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s27_shell.py
# Session 27 (shellind): 1-18 run: all killed (each by ShellIndirectReferenceTests, several also by other classes).
# Session 28 (shell3): 2, 3, 4, 7, 14 retargeted (ReachesByName's loop now tracks the command, redirections and
# listings; Expands passes observing) and rerun: all killed.
# Session 29 (shell4): ReachesByName moved to ShellNameReach.cs (N): 1-12 retargeted there with their text unchanged;
# 14 given Expands' new text (here-document bodies taken out, ShellHereDocuments.WithoutBodies) and rerun: killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ShellIndirectReferenceTests", "-class", "*ShellVariableEditorTests", "-class", "*ShellEditPlacementTests",
             "-class", "*ShellValueReaderTests", "-class", "*ShellValueReaderDifferentialTests", "-class", "*ShellSyntaxCheckTests",
             "-class", "*RendererGoldenTests", "-class", "*OriginalAgentOracleTests", "-class", "*NetworkFilesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
W = "src/Agent.Commands/Network/Rendering/Common/ShellWords.cs"
N = "src/Agent.Commands/Network/Rendering/Common/ShellNameReach.cs"
LR = "src/Agent.Commands/Network/Rendering/Common/ShellListRunner.cs"
P = "src/Agent.Commands/Network/Rendering/Common/ShellLinePlacement.cs"
MUTANTS = [
    (N, "text[token.Start] == '(' && token.End < text.Length && text[token.End] == '('", "false", "expr",
     "indirect: a ((...)) command reaches no variable"),
    (N, "(true, null, false)", "(commandStart, command, listing)", "expr", "indirect: after a separator no command starts"),
    (N, "listing = listing && token.Text == \"-p\";", "if (IndirectCommands.Contains(token.Text)) { return true; } listing = listing && token.Text == \"-p\";", "stmt",
     "indirect: eval or let as an argument counts"),
    (N, "IndirectCommands.Contains(token.Text)", "false", "expr", "indirect: eval, let and declare reach nothing",
     "token.UnknownFrom == 0 || IndirectCommands.Contains(token.Text) ||"),
    (N, "written.Contains(\"${!\", StringComparison.Ordinal)", "false", "expr", "indirect: ${!ref} reaches nothing"),
    (N, "written.Contains(\"$[\", StringComparison.Ordinal)", "false", "expr", "indirect: $[KEY+1] reaches nothing"),
    (N, "ReachesByName(Substituted(written), observing)", "false", "expr", "indirect: a command substitution's commands are not read"),
    (N, "written[i] == '`'", "false", "expr", "indirect: a backquote substitution is not read",
     "if (written[i] == '`' || (written[i] == '$'"),
    (N, "(written[i] == '$' && i + 1 < written.Length && written[i + 1] == '(')", "false", "expr", "indirect: a $( substitution is not read"),
    (N, "AssignedName(token, exported: false) is not null", "false", "expr", "indirect: X=1 eval is not a command's start"),
    (N, "IsKeyword(token.Text) || token.Text is \"builtin\" or \"command\"", "token.Text is \"builtin\" or \"command\"", "expr",
     "indirect: if eval is not a command's start"),
    (N, "IsKeyword(token.Text) || token.Text is \"builtin\" or \"command\"", "IsKeyword(token.Text)", "expr",
     "indirect: builtin eval and command eval are not commands' starts"),
    (W, "ReachesByName(text) || Names(text, key)", "Names(text, key)", "expr", "indirect: a construct with eval is followed"),
    (W, "ReachesByName(text, observing: true) || Occurs(WithoutQuoting(ShellHereDocuments.WithoutBodies(text)), key, Expanded)", "Occurs(WithoutQuoting(ShellHereDocuments.WithoutBodies(text)), key, Expanded)", "expr",
     "indirect: the editor edits a key in place in a file with eval"),
    (LR, "ReachesByName(text[rest[0].Start..rest[^1].End])", "false", "expr", "indirect: eval \"${P}EY=b\" leaves KEY as it was"),
    (P, "declares && token.Text.StartsWith('-') && token.Text.Contains('n', StringComparison.Ordinal)", "false", "expr",
     "refusal: a name reference is not refused"),
    (P, "token.Text.StartsWith('-')", "true", "expr", "refusal: any declare word with an n (DOMAIN=...) refuses"),
    (P, "token.Text.Contains('n', StringComparison.Ordinal)", "true", "expr", "refusal: any declare option (-x) refuses"),
]
