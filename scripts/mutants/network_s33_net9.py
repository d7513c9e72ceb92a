# Mutants of session 33's netplan reading (helper "net9"): a quoted scalar or flow collection alone on the line below its key or
# dash (hostname: then "x, a tag or comment between) followed as open like one on the key's line, a top-level key's own value left
# open there kept as no layout (NetplanFileLayout.Entries), and an id written twice in a section, ours in one place only, refused as
# netplan merges the two (NetplanOtherFiles.CheckWrittenOnce).
# Not mutated: NetplanYamlLines.QuotedScalarInLinePattern's (?!') in NetplanCatchAll (a const pattern, no switch can go in; checked
# by reverting instead: NetplanMatchKeysTests.A_doubled_single_quote_closes_no_searched_value fails on the old pattern).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s33_net9.py
# Session 33 (net9): 8 mutants, all killed (baseline 66 tests of NetplanOpenNodes/Conflict/EffectiveRenderer; 1-12 failures each;
# build 628 s on a machine at load ~50).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetplanOpenNodesTests", "-class", "*NetplanConflictTests", "-class", "*NetplanEffectiveRendererTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
F = "src/Agent.Commands/Network/Rendering/NetplanFileLayout.cs"
O = "src/Agent.Commands/Network/Rendering/NetplanOtherFiles.cs"
# 7 and 8 moved with its code from NetplanOtherFiles.cs to NetplanSeparation.cs in the session 34 review (text unchanged; rerun: killed).
N = "src/Agent.Commands/Network/Rendering/NetplanSeparation.cs"
MUTANTS = [
    # A node alone on the line below its key
    (F, "awaitedBy is not null && KeyOf(lines[i]) is null && !IsItem(lines[i])", "false", "expr",
     "a node alone on the line below its key is not followed (hostname: then \"x: the line closing it read as a key)"),
    (F, "awaitedBy is not null && KeyOf(lines[i]) is null && !IsItem(lines[i])", "awaitedBy is not null && KeyOf(lines[i]) is null", "expr",
     "a dash alone below a key taken for the node (its item below not followed)"),
    (F, "value.Length == 0 || value[0] == '#'", "value.Length == 0", "expr",
     "a comment after the key ends the wait for its node"),
    (F, "starts || KeyOf(lines[i]) is not null || IsItem(lines[i])", "KeyOf(lines[i]) is not null || IsItem(lines[i])", "expr",
     "a tag alone between the key and its node ends the wait"),
    (F, "starts ? awaitedBy!.Value : i", "i", "expr",
     "a top-level key's own value left open below it (network: then {version: 2 to the end) refused instead of no layout"),
    # An id written twice in a section
    (O, "CheckWrittenOnce(path, layout.Definitions, ours);", "", "stmt",
     "an id written twice, ours in one place only: refused for the wrong reason (other definitions refer to it)"),
    (N, "!g.All(ours.Contains)", "true", "expr",
     "an id written twice and ours each time refused (not taken out each time)"),
    (N, "g.Any(ours.Contains)", "true", "expr",
     "an id written twice and ours nowhere refused (the file not left alone)"),
]
