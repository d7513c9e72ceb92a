# Mutants of session 29's netplan alias reading (helper "net5"): NetplanAliases (anchors and aliases found
# where YAML allows node properties, each alias expanded to its node as libyaml resolves it, a cycle and an
# expansion beyond 1 MiB refused), %YAML/%TAG directives and tags on the document and on section keys, and
# the edit's check that no alias outside the removed lines names an anchor in them.
# Run: scripts/mutants/mutate.py scripts/mutants/network_s29_net5.py
# Session 29 (net5): 20 mutants, all killed on the first run (NetplanAliasesTests' expansion cases and its
# renderer theory against netplan generate 0.106, NetplanAliasesEndToEndTests through the reset). Mutant 4
# first mutated the constant MaxExpansion itself, which a switch cannot replace (CS0133); it mutates the
# budget taken from it instead. None equivalent.
# Session 29 (review-net): mutants 1, 2 (Resolve became a binary search over the anchors of a name) and 9 (an item's
# anchor no longer takes the list at its indent) retargeted and rerun: all three killed.
# Session 30 (net6): mutant 3 retargeted: the skip it removes now passes a block node inside a flow collection on to be
# written in flow style (network_s30_net6.py's mutant 11) and skips only an alias used as a key naming a block node; mutant
# 5's text retargeted (the condition is named asLines now), the same mutant. Mutant 3 in its new form was applied by
# hand and killed (NetplanAliasesTests' case of an alias used as a key naming a block node); neither was rerun by mutate.py.
# Not mutated: the cycle check, the flow-depth cap and the cap on keys chained on one line (without them the process overflows its stack: a crash,
# not a test failing); the regex texts of KeyLine, InterfacesKey and MatchKey (attributes, no expression);
# the anchor's line range in AliasedFrom (an anchor on a section header aliased elsewhere is the only case it
# decides, and netplan accepts no such alias); the directive skip in the scan (a %YAML line scanned as a plain
# scalar holds no anchor: equivalent).
# Session 33 (net9): 19, retargeted in session 32 (NetplanTextSearch), rerun: killed (baseline 186 tests; 1 failure,
# NetplanAliasesEndToEndTests.A_file_without_a_layout_is_searched_with_its_aliases_followed).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetplanAliasesTests", "-class", "*NetplanAliasesEndToEndTests",
             "-class", "*NetplanYamlFormsTests", "-class", "*NetplanYamlFormsEndToEndTests",
             "-class", "*NetplanConflictTests", "-class", "*NetplanEffectiveRendererTests", "-class", "*NetplanSettingsTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
AL = "src/Agent.Commands/Network/Rendering/NetplanAliases.cs"
AS = "src/Agent.Commands/Network/Rendering/NetplanAliases.Scan.cs"
L = "src/Agent.Commands/Network/Rendering/NetplanFileLayout.cs"
O = "src/Agent.Commands/Network/Rendering/NetplanOtherFiles.cs"
T = "src/Agent.Commands/Network/Rendering/NetplanTextSearch.cs"
E = "src/Agent.Commands/Network/Rendering/NetplanEffectiveRenderer.cs"
YL = "src/Agent.Commands/Network/Rendering/NetplanYamlLines.cs"
MUTANTS = [
    # NetplanAliases: which anchor an alias names, and what replaces it
    (AL, "named[middle].At.CompareTo(alias.At) < 0", "true", "expr",
     "aliases: an alias names an anchor written after it"),
    (AL, "named[low - 1].Document == alias.Document", "true", "expr",
     "aliases: an alias names an anchor of an earlier document"),
    (AL, "(long)MaxExpansion", "(long)MaxExpansion / 1024", "expr",
     "aliases: the expansion stops at a kibibyte, not a mebibyte"),
    (AL, "anchor is null || (anchor.Block && !alias.EndsBlockValue && !alias.InFlow)", "anchor is null", "expr",
     "aliases: a block node replaces an alias used as a key (as block lines; before session 30, one inside a flow collection)"),
    (AL, "asLines ? before.TrimEnd(' ', '\\t') : before", "before", "expr",
     "aliases: a blank is left after the key before a block node's lines"),
    (AL, "Reindent(node, alias.Owner + 2)", "Reindent(node, alias.Owner)", "expr",
     "aliases: a block node's lines go at the key's own indent (a list, not the key's value)"),
    (AL, "!removed.Contains(a.At.Line)", "true", "expr",
     "edit: an alias in a removed definition keeps another removed definition's anchor in the file"),
    # The scan: where anchors and aliases are, and their nodes
    (AS, "_document++;", "", "stmt",
     "scan: an anchor of one document serves the next"),
    (AS, "listAtOwner = !ownerIsItem && indent == owner && item;", "listAtOwner = false;", "stmt",
     "scan: a list at its key's indent is not the key's anchored node"),
    (AS, "indent > owner || (listAtOwner && indent == owner && item)", "indent >= owner || (listAtOwner && indent == owner && item)", "expr",
     "scan: a block node runs on into its key's siblings"),
    (AS, "rest.Length == 0 || rest.StartsWith('#')", "rest.Length == 0", "expr",
     "scan: an alias followed by a comment is not followed to a block node"),
    (AS, "quote == '\"' && text[column] == '\\\\'", "false", "expr",
     "scan: an escaped quote ends a double-quoted scalar"),
    # Directives, tags, and the layout read through the aliases
    (YL, "content.Count == 0 && !started && lines[i].StartsWith('%')", "false", "expr",
     "layout: a %YAML directive leaves the file without a layout"),
    (YL, "Properties().Replace(lines[i][3..].Trim() + \" \", \"\").Trim()", "lines[i][3..].Trim()", "expr",
     "layout: a tag on the document (--- !!map) leaves the file without a layout"),
    (L, "HasBlockValue(lines[section.Line], out empty) || HasBlockValueAfterProperties(lines[section.Line])", "HasBlockValue(lines[section.Line], out empty)", "expr",
     "layout: a tagged section (ethernets: !!map) leaves the file without a layout"),
    (L, "!aliases.Any", "true", "expr",
     "layout: a renderer given by an alias is read as written (*r)"),
    (L, "FollowedValueOf(lines, aliases, c)", "ValueOf(lines, c)", "expr",
     "layout: the network-wide renderer given by an alias is read as written"),
    (L, "aliases.Expand(device.Line, device.End)", "string.Join('\\n', lines[device.Line..(device.End + 1)])", "expr",
     "layout: a definition's aliases are not followed (a bond's interfaces: *m unseen)"),
    (T, "NetplanOtherFiles.Followed(path, () => NetplanAliases.ExpandAll(yaml))", "yaml", "expr",
     "other files: a file without a layout is searched with its aliases as written"),
    (E, "NetplanOtherFiles.Followed(path, () => NetplanFileLayout.TryRead(text))", "NetplanFileLayout.TryRead(text)", "expr",
     "renderer: a billion laughs escapes as an exception that names no file"),
]
