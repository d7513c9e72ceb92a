# Mutants of session 29's shell-file changes (shell4): here-documents (ShellHereDocuments: the operator, its
# delimiter and quoting, <<- and the body's end; the lexer taking bodies after their line and an unquoted body's
# expansions; statements holding bodies; the reader following a command with a here-document and reading a
# body's expansions; ShellNameReach and ShellWords reading bodies), expansions that assign as they expand
# (ShellExpansionAssignments, ShellListRunner.Run), wait -p, and the trap refusal's own message.
# ReachesByName's move to ShellNameReach retargeted session 27's and 28's mutants (network_s27_shell.py,
# network_s28_shell3.py, network_renderers.py 176, 189, 193): their headers say so.
# Session 29 (review-shell): 6 retargeted (a backslash-newline in a delimiter is now read as a join); rerun: killed.
# Run: scripts/mutants/mutate.py scripts/mutants/network_s29_shell4.py
# Session 29 (shell4): 1-46 run: 44 killed (by ShellHereDocumentTests, ShellExpansionAssignmentTests and
# ShellHiddenReferenceTests). 2 survived, both equivalent: 1 (<<< checked by its third <) because the delimiter's
# reading stops at that < anyway, so <<< yields no delimiter without the check; 13 (the body's end taken after the
# delimiter's line) because that line holds only the delimiter, which has no expansion and is also written on the
# operator's line, so no reader sees a difference.
# Session 30 (shell6): 1, 2, 6 and 36 moved to network_s30_shell6.py (their code changed); the numbers above are the old ones.
# Session 35 (shell11): 2, 3 and 10 retargeted (Skip split into Lines: the tab stripping and the body's end moved).
# Session 35 (review-shell): 2, 3, 10 rerun (on review-shell's code): killed (ShellHereDocumentTests; baseline 241 passed).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ShellHereDocumentTests", "-class", "*ShellExpansionAssignmentTests", "-class", "*ShellHiddenReferenceTests",
             "-class", "*ShellIndirectReferenceTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
H = "src/Agent.Commands/Network/Rendering/Common/ShellHereDocuments.cs"
L = "src/Agent.Commands/Network/Rendering/Common/ShellWordLexer.cs"
ST = "src/Agent.Commands/Network/Rendering/Common/ShellStatements.cs"
C = "src/Agent.Commands/Network/Rendering/Common/ShellAssignmentCommands.cs"
V = "src/Agent.Commands/Network/Rendering/Common/ShellValueReader.cs"
N = "src/Agent.Commands/Network/Rendering/Common/ShellNameReach.cs"
W = "src/Agent.Commands/Network/Rendering/Common/ShellWords.cs"
X = "src/Agent.Commands/Network/Rendering/Common/ShellExpansionAssignments.cs"
LR = "src/Agent.Commands/Network/Rendering/Common/ShellListRunner.cs"
P = "src/Agent.Commands/Network/Rendering/Common/ShellLinePlacement.cs"
MUTANTS = [
    (H, "text[index] == '-'", "false", "expr", "heredoc: <<- is no operator of its own"),
    (H, "document.StripTabs ? line.ToString().TrimStart('\\t') : line.ToString()", "line.ToString()", "expr", "heredoc: <<- strips no tabs"),
    (H, "document.StripTabs ? line.ToString().TrimStart('\\t') : line.ToString()", "line.ToString().TrimStart('\\t')", "expr", "heredoc: << strips tabs too"),
    (H, "quoted = true;", "", "stmt", "heredoc: \\EOF is unquoted", "delimiter.Append(text[++index]);\n                quoted = true;"),
    (H, "(index, quoted) = (close, true);", "(index, quoted) = (close, quoted);", "stmt", "heredoc: 'EOF' is unquoted"),
    (H, "text[open] == '\"' && text[i] == '\\\\'", "false", "expr", "heredoc: a double-quoted delimiter ends at an escaped quote"),
    (H, "quoted[i] == '\\\\' && i + 1 < quoted.Length && quoted[i + 1] is '$' or '`' or '\"' or '\\\\'", "false", "expr",
     "heredoc: a double-quoted delimiter keeps its escapes' backslashes"),
    (H, "document.Expands && text[index] == '\\\\' && index + 1 < text.Length", "false", "expr", "heredoc: a backslash-newline joins no lines"),
    (H, "line.Append('\\\\').Append(text[index]);", "", "stmt", "heredoc: an escaped pair is dropped from the line"),
    (H, "end = lineStart;", "end = index;", "stmt",
     "heredoc: the delimiter's line is part of the body"),
    (H, "result.Append(text, start, end - start).Append('\\n');", "", "stmt", "heredoc: an unquoted body's expansions are dropped from the searched text"),
    (L, "c == '(' && Peek('(') || (_arithmetic && !(c == ')' && Peek(')')))", "false", "expr", "lexer: << shifts open a body in ((...))"),
    (L, "_pending.Clear();", "", "stmt", "lexer: a delimiter is met again at the next newline"),
    (L, "_bodies.Add(body);", "", "stmt", "lexer: no body is kept for its expansions"),
    (L, "if (c == '\\\\')\n            {\n                lexer.index++;\n                continue;\n            }", "", "stmt",
     "lexer: an escaped $ in a body expands"),
    (L, "c == '$' && lexer.index < body.End && text[lexer.index] == '['", "false", "expr", "lexer: $[...] in a body is no expansion"),
    (ST, "text[token.End - 1] == '\\n' ? token.End - 1 : token.Start", "token.Start", "expr", "statements: a body's lines are statements"),
    (C, "end.Kind == ShellTokenKind.Separator && statement[end.Start] == ';'", "end.Kind == ShellTokenKind.Separator", "expr",
     "commands: removing a command before a newline takes the bodies after it"),
    (V, "OpensHereDocument(text, token)", "false", "expr", "reader: a command with a here-document is not followed"),
    (V, "word.Start == second.End", "false", "expr", "reader: <<- EOF's delimiter is a word of the command"),
    (V, "reached ? ShellValue.Unknown : value", "value", "expr", "reader: an unquoted body's expansions set nothing"),
    (V, "ShellNameReach.WordReaches(expansion) || Names(expansion, key)", "Names(expansion, key)", "expr",
     "reader: a body's computed arithmetic sets nothing"),
    (N, "lexer.ExpansionTexts(lexer.Bodies[bodies]).Any(expansion => WordReaches(expansion, observing))", "false", "expr",
     "reach: a body's expansions reach nothing"),
    (W, "Occurs(WithoutQuoting(ShellHereDocuments.WithoutBodies(text)), key, StartsName)", "Occurs(WithoutQuoting(text), key, StartsName)", "expr",
     "names: a body's lines name keys"),
    (W, "Occurs(WithoutQuoting(ShellHereDocuments.WithoutBodies(text)), key, Expanded)", "Occurs(WithoutQuoting(text), key, Expanded)", "expr",
     "expands: a quoted body's $KEY expands"),
    (N, "command is \"wait\" && token is { IsPlain: true, Text: ['-', .., 'p'] }", "false", "expr", "reach: wait -p sets no name"),
    (N, "token is { IsPlain: true, Text: ['-', .., 'p'] }", "token is { IsPlain: true, Text: \"-p\" }", "expr", "reach: wait -np sets no name"),
    (N, "afterV && command is \"printf\" or \"wait\"", "afterV && command is \"printf\"", "expr", "reach: wait's -p name is no name it sets"),
    (X, "i + 1 < arithmetic.Length && arithmetic[i + 1] == '='", "false", "expr", "assign: == assigns"),
    (X, "before is not ('!' or '<' or '>')", "true", "expr", "assign: <= and != assign"),
    (X, "(i > 1 && arithmetic[i - 2] == before)", "false", "expr", "assign: <<= does not assign"),
    (X, "c is '+' or '-' && i + 1 < arithmetic.Length && arithmetic[i + 1] == c", "false", "expr", "assign: ++ does not assign"),
    (X, "ShellWords.Names(arithmetic, key)", "false", "expr", "assign: a named key is not set"),
    (X, "(indirect || written[nameStart..end] == key)", "indirect", "expr", "assign: ${KEY:=5} sets nothing"),
    (X, "rest.StartsWith(\":=\", StringComparison.Ordinal)", "false", "expr", "assign: := is no default's assignment"),
    (X, "rest.StartsWith('[')", "false", "expr", "assign: a subscript is no arithmetic", "return rest.StartsWith('[')"),
    (X, "rest[1] is not ('-' or '=' or '?' or '+')", "false", "expr", "assign: an offset is no arithmetic"),
    (X, "Bracketed(written, i + 1)", "null", "expr", "assign: $[...] is no arithmetic", "'[' => Bracketed(written, i + 1)"),
    (LR, "words.Any(w => ShellExpansionAssignments.MaySet(text[w.Start..w.End], key))", "false", "expr", "runner: expansions set nothing"),
    (P, "ShellValueReader.Trap(Join(statements), key)", "(string?)null", "expr", "trap: the refusal does not name the trap"),
    (V, "return text[trapStart..end];", "return text[trapStart..token.End];", "stmt", "trap: the named command stops at the reaching word"),
    (V, "commandStart && token is { Kind: ShellTokenKind.Word, IsPlain: true, Text: \"trap\" } ? token.Start : trapStart", "trapStart", "expr",
     "trap: the named command starts at the file's start"),
]
