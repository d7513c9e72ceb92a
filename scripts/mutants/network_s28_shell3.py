# Mutants of the shell readers' and editor's handling of forms that reach a variable without writing $KEY
# (session 28, shell3): ShellWords.ReachesByName's sourced files, commands named by an expansion,
# arithmetic subscripts and offsets (Subscripted, ElementAssigned), redirections, the words of case/for/[[,
# and with observing the listings ([ -v KEY ], set/export/readonly with no names, env, printenv, compgen);
# ShellLinePlacement.Place's check that nothing after its place observes the key; ShellValueReader's traps;
# ShellVariableEditor.Remove's refusal of a file that may set a name it never writes; commands that set a name an
# expansion gives (printf -v "$P", read, mapfile, readarray, getopts, readonly) and RefuseReadOnly's computed readonly. ShellListRunner's
# export with braces after a name's = is a pattern (not false when), no expression to mutate: reverting it
# fails ShellValueReaderTests' static file "export OTHER={a,b} OTHER=x{,y}" (checked by hand). Session 27's mutants this change moved are retargeted in
# network_s27_shell.py (2, 3, 4, 7, 14) and network_renderers.py (134).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s28_shell3.py
# Session 28 (shell3): 1-31 run: 29 killed at once; 4 (compgen) survived, as `compgen -v` is caught by the -v
# rule, and 26 (${X:$P}) survived, as P is a letter: the tests now use `compgen -A variable` and `${X:$1}`,
# `${a[_1]}`, and the rerun of 4 and 26 killed both. 32-36 (commands that set a name an expansion gives, and
# the computed readonly's refusal) added and run with 5 and 6 (given contexts, as their text now occurs twice):
# all killed. All 36 killed, each by ShellHiddenReferenceTests (several also by ShellValueReaderTests or
# ShellIndirectReferenceTests).
# Session 29 (shell4): ReachesByName moved to ShellNameReach.cs (N), its loop split into Walk's methods: 1-26 and
# 32-35 retargeted there, text unchanged but for 19 (the last command's listing, now Walk.End's expression), 32/33
# (wait -p joined printf -v: `command is "printf" or "wait"`); 27 follows ShellValueReader.Trap (was Trapped).
# Rerun 5, 6, 19, 27, 32, 33, 35 (6 and 35 need 5 and 32 for their contexts): all killed; then the others moved
# (1-4, 7-18, 20-26, 34): all killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ShellHiddenReferenceTests", "-class", "*ShellIndirectReferenceTests", "-class", "*ShellVariableEditorTests",
             "-class", "*ShellEditPlacementTests", "-class", "*ShellValueReaderTests", "-class", "*ShellSyntaxCheckTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
W = "src/Agent.Commands/Network/Rendering/Common/ShellWords.cs"
N = "src/Agent.Commands/Network/Rendering/Common/ShellNameReach.cs"
V = "src/Agent.Commands/Network/Rendering/Common/ShellValueReader.cs"
P = "src/Agent.Commands/Network/Rendering/Common/ShellLinePlacement.cs"
E = "src/Agent.Commands/Network/Rendering/Common/ShellVariableEditor.cs"
MUTANTS = [
    (N, "\"source\"", "\"eval\"", "expr", "hidden: source file reaches nothing", "\"let\", \".\", \"source\")"),
    (N, "\".\"", "\"eval\"", "expr", "hidden: . file reaches nothing", "\"let\", \".\""),
    (N, "observing && ListingCommands.Contains(token.Text)", "false", "expr", "hidden: env, printenv and compgen list nothing"),
    (N, "\"compgen\"", "\"env\"", "expr", "hidden: compgen lists nothing", "\"printenv\", \"compgen\")"),
    (N, "token.UnknownFrom == 0", "false", "expr", "hidden: a command named by an expansion runs known code",
     "token.UnknownFrom == 0 || IndirectCommands"),
    (N, "token.UnknownFrom == 0", "!token.IsKnown", "expr", "hidden: KEY${X}=v runs unknown code",
     "(token.UnknownFrom == 0)) || IndirectCommands"),
    (N, "token.Kind == ShellTokenKind.Opaque && text[token.Start] is '<' or '>' or '&'", "false", "expr",
     "hidden: a redirection's file is a command's name"),
    (N, "redirected ? (commandStart, command, listing) : (true, null, false)", "(true, null, false)", "expr",
     "hidden: a redirection ends the command (set 2>/dev/null lists nothing)"),
    (N, "token.IsPlain && token.Text.All(char.IsAsciiDigit) && token.End < text.Length && text[token.End] is '<' or '>'", "false", "expr",
     "hidden: 2> makes 2 set's argument"),
    (N, "observing && token is { IsPlain: true, Text: \"-v\" or \"-R\" } && command is not (\"unset\" or \"command\")", "false", "expr",
     "hidden: [ -v KEY ] observes nothing"),
    (N, "command is not (\"unset\" or \"command\")", "command is not \"unset\"", "expr", "hidden: command -v observes"),
    (N, "command is not (\"unset\" or \"command\")", "command is not \"command\"", "expr", "hidden: unset -v observes"),
    (N, "ElementAssigned(written) > 0", "false", "expr", "hidden: b[0]=x is a command's name"),
    (N, "commandStart || token.Text == \"{\"", "commandStart", "expr", "hidden: function f { eval: eval is an argument"),
    (N, "token.Text is not (\"case\" or \"for\" or \"select\" or \"[[\" or \"function\")", "true", "expr",
     "hidden: case's word is a command's name"),
    (N, "token.Text is \"set\" or \"export\" or \"readonly\"", "false", "expr", "hidden: set with no names lists nothing"),
    (N, "listing && token.Text == \"-p\"", "listing", "expr", "hidden: set -u lists"),
    (N, "listing && token.Text == \"-p\"", "false", "expr", "hidden: export -p lists nothing"),
    (N, "observing && listing", "false", "expr", "hidden: a text's last command is no listing", "End() => observing && listing"),
    (N, "Subscripted(written)", "false", "expr", "hidden: subscripts and offsets name nothing"),
    (N, "ElementAssigned(written) is var close and > 0 && NamesAny(written[written.IndexOf('[')..close])", "false", "expr",
     "hidden: a[KEY]=x names nothing"),
    (N, "at + 2 < written.Length && written[at + 2] == '#' ? at + 3 : at + 2", "at + 2", "expr", "hidden: ${#a[KEY]} names nothing"),
    (N, "written[end] == '['", "false", "expr", "hidden: ${a[KEY]} names nothing"),
    (N, "written[end + 1] is not ('-' or '=' or '?' or '+')", "true", "expr", "hidden: ${Y:-d} is an offset"),
    (N, "written.IndexOfAny(['}', ']'], end + 1) is var stop and >= 0 ? stop : written.Length", "written.Length", "expr",
     "hidden: a subscript runs to the word's end"),
    (N, "c is '_' or '$' or '`'", "c is '_' or '`'", "expr", "hidden: ${X:$P} names nothing"),
    (V, "Trap(text, key) is not null ? ShellValue.Unknown : Follow(text, key)", "Follow(text, key)", "expr", "trap: a trap's code is not read"),
    (V, "trapping && word && (!token.IsKnown || MayReach(token.Text, key))", "false", "expr", "trap: no trap reaches the key"),
    (V, "!token.IsKnown || MayReach(token.Text, key)", "MayReach(token.Text, key)", "expr", "trap: trap \"$T\" runs known code"),
    (P, "!ShellNameReach.ReachesByName(Join(statements.Skip(reach + 1)), observing: true)", "true", "expr",
     "placement: a line goes before a construct that observes by a computed name"),
    (E, "ShellValueReader.Read(Join(output), ShellLinePlacement.Unnamed(output)).State != ShellValueState.Unset", "false", "expr",
     "remove: a file that may set an unnamed key is edited"),
    (N, "token.UnknownFrom == 0 && (command is \"read\" or \"mapfile\" or \"readarray\" or \"getopts\" or \"readonly\" || (afterV && command is \"printf\" or \"wait\"))", "false", "expr",
     "setters: read, printf -v and the rest set no name an expansion gives"),
    (N, "afterV && command is \"printf\" or \"wait\"", "command is \"printf\" or \"wait\"", "expr", "setters: printf \"$F\" sets a name"),
    (N, "command is \"read\" or \"mapfile\" or \"readarray\" or \"getopts\" or \"readonly\"", "command is \"read\"", "expr",
     "setters: mapfile, readarray, getopts and readonly set no name"),
    (N, "token.UnknownFrom == 0", "!token.IsKnown", "expr", "setters: read \"x$P\" sets any name",
     ": (token.UnknownFrom == 0 && ("),
    (P, "declares && token.UnknownFrom == 0", "false", "expr", "refusal: readonly \"${P}EY=b\" is not refused"),
]
