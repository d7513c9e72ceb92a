# Mutants of session 30's netplan alias reading (helper "net6"): a line continuing a plain scalar (block or flow) read as its
# text, not an alias or anchor, and an anchored multi-line plain scalar standing for its folded line; an alias used as a key
# followed by the layout (NetplanAliases.WithKeysFollowed, one naming a collection refused); a block node named inside a flow
# collection written in flow style (NetplanBlockFlow); and the line range an anchor on a section header covers (AliasedFrom).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s30_net6.py
# Session 30 (net6): 24 mutants, all killed on the first run (NetplanAliasesTests' expansion cases and renderer theory,
# NetplanAliasFormsEndToEndTests and NetplanAliasesEndToEndTests through the reset, against netplan generate 0.106).
# None equivalent. network_s29_net5.py's retargeted mutant 3 was applied by hand (not through mutate.py, for time) and
# killed by the expansion case "a: &m / x: 1 / *m : 2"; its mutant 5 is the same mutant under the condition's new name.
# network_s29_net5.py's mutant 3 (the skip of a block node that cannot stand where its alias is) was retargeted there: the
# skip now lets one inside a flow collection through (mutant 11 here) and skips one used as a key.
# Not mutated: `var owner = _valueBelow is { } parent ...` (declares a variable: mutant 1 removes what sets it instead);
# PlainStop's document-marker stop and its first-line comment check, FlowPlainStop's comment-line check (each differs only on
# YAML libyaml refuses: a line after a comment deeper than its key, a flow scalar continued past a comment); the keys' reverse
# order in WithKeysFollowed (only a line chaining two aliased keys, which netplan refuses, has two; reversed, replacing the
# first cannot move the second out of range); the multi-line key forms in WithKeysFollowed (a quoted or folded scalar as a key).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetplanAliasesTests", "-class", "*NetplanAliasFormsEndToEndTests", "-class", "*NetplanAliasesEndToEndTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
AL = "src/Agent.Commands/Network/Rendering/NetplanAliases.cs"
AS = "src/Agent.Commands/Network/Rendering/NetplanAliases.Scan.cs"
AF = "src/Agent.Commands/Network/Rendering/NetplanAliases.Flow.cs"
BF = "src/Agent.Commands/Network/Rendering/NetplanBlockFlow.cs"
L = "src/Agent.Commands/Network/Rendering/NetplanFileLayout.cs"
MUTANTS = [
    # A plain scalar continued over lines, in block style
    (AS, "_valueBelow = owner;", "", "stmt",
     "scan: a plain scalar alone below its key continues only on lines deeper than itself (an &m at its indent is an anchor)"),
    (AS, "start <= owner || next[start] == '#' || IsDocumentMarker(next)", "start < owner || next[start] == '#' || IsDocumentMarker(next)", "expr",
     "scan: a line at the key's own column continues its plain value (the next key's alias is text)"),
    (AS, "start <= owner || next[start] == '#' || IsDocumentMarker(next)", "start <= owner || IsDocumentMarker(next)", "expr",
     "scan: a comment line continues a plain scalar"),
    (AS, "colon >= 0 ? new Position(line, text[..colon].TrimEnd().Length) : PlainStop(line, column, owner)",
     "colon >= 0 ? new Position(line, text[..colon].TrimEnd().Length) : new Position(line, PlainEnd(text, column))", "expr",
     "scan: a plain value ends with its line (a * or & continuing it is an alias or anchor again)"),
    (AS, "stop.Line > line && text[column] is not ('[' or '{' or '\"' or '\\'' or '|' or '>')", "false", "expr",
     "aliases: an anchored plain scalar over several lines replaces an alias as its lines, unfolded"),
    # ... and in flow style
    (AF, "text[stop.Column..].Trim().Length == 0", "false", "expr",
     "scan: a plain scalar in a flow collection ends with its line"),
    (AF, "end <= next.Column", "false", "expr",
     "scan: a flow indicator starting the next line continues the plain scalar above"),
    (AF, "stop.Line > position.Line && line[position.Column] is not ('[' or '{' or '\"' or '\\'')", "false", "expr",
     "aliases: an anchored flow plain scalar over several lines replaces an alias unfolded"),
    (AL, "breaks == 0 ? \" \" : new string('\\n', breaks)", "\" \"", "expr",
     "aliases: a blank line in a folded plain scalar is a space, not a line break"),
    (AL, "anchor.Folded ? YamlQuotedScalar.Quote(Fold(node)) : node", "node", "expr",
     "aliases: a folded plain scalar replaces an alias as its lines"),
    # A block node inside a flow collection
    (AL, "anchor.Block && !alias.EndsBlockValue && !alias.InFlow", "anchor.Block && !alias.EndsBlockValue", "expr",
     "aliases: a block node named inside a flow collection is left as written"),
    (AL, "anchor.Block && !alias.InFlow", "anchor.Block", "expr",
     "aliases: a block node named inside a flow collection goes there as block lines"),
    (BF, "(indent + text.Length - rest.Length, rest)", "(indent + 2, rest)", "expr",
     "flow: a list item's node is taken at two columns after its -, whatever the blanks"),
    (BF, "lines[index].Indent > indent || (lines[index].Indent == indent && IsItem(lines[index].Text))", "lines[index].Indent > indent", "expr",
     "flow: a list at its key's indent is not the key's value"),
    (BF, "text.IndexOfAny([',', '[', ']', '{', '}']) >= 0", "false", "expr",
     "flow: a plain scalar holding a comma goes into the flow collection unquoted"),
    (BF, "text[i] is '[' or '{' or '\"' or '\\'' && i == start && start == 0", "false", "expr",
     "flow: a flow mapping alone as an item is read as a key"),
    (BF, "text[0] is '\"' or '\\'' ? QuoteEnd(text, 0) : 0", "0", "expr",
     "flow: a quoted key's colon is looked for inside its quotes"),
    (BF, "text = text[..i];", "", "stmt",
     "flow: a comment after a value stays in the flow text"),
    (BF, "text.Length > 0 && text[0] is '!' or '&'", "false", "expr",
     "flow: tags and anchors stay before the values"),
    # An alias used as a key
    (AL, "anchor.Block || scalar[0] is '[' or '{'", "anchor.Block", "expr",
     "keys: an alias used as a key naming a flow collection is not refused"),
    (AL, "lines[alias.At.Line] = line[..alias.At.Column] + key + line[(alias.At.Column + alias.Name.Length + 1)..];", "", "stmt",
     "keys: an alias used as a key is left as written (the file has no layout)"),
    (L, "lines = aliases.WithKeysFollowed();", "", "stmt",
     "layout: the structure is read with aliased keys as written"),
    # The anchor range of a section header
    (AL, "lines.Any(line => line >= anchor.At.Line && line <= anchor.End.Line)", "lines.Contains(anchor.At.Line)", "expr",
     "edit: an anchor covers only its own line, not the definitions below a section header"),
    (AL, "line <= anchor.End.Line", "line <= anchor.Start.Line", "expr",
     "edit: an anchor on a section header covers only the section's first definition"),
]
