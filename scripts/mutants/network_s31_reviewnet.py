# Mutants of session 31's review of net7's netplan reading (helper "review-net"): a bond's, bridge's or VRF's interfaces read
# through NetplanIdentity's reader (flow or block list, quoted over lines, tagged, commented) instead of a search of the list's
# text; a block list at its key's indent read as the key's value (NetplanFileLayout.Children); a tag alone on the line below a
# key no longer indexing an empty value; a match: in a flow definition seen by NetplanCatchAll, its driver list read; a file
# without a layout also searched with a double-quoted scalar's escaped line breaks joined.
# Run: scripts/mutants/mutate.py scripts/mutants/network_s31_reviewnet.py
# Session 31 (review-net): 8 mutants, all killed (baseline 27 tests; each mutant failed 1-5 of them; build 259 s, about 17 s a mutant).
# Not mutated: Items' refusal of an item that is a mapping or a list (KeyOf(item) / IsItem(item)): members are scalars, and netplan
# refuses such items ("expected scalar"); the end of an item (below.Last(...)) against starts[k + 1] - 1 differs only in trailing
# comment or blank lines, which ValueOf drops.
# Session 33 (net9): 6, 7 and 8, retargeted in session 32, rerun: all killed (baseline 29 tests; 3, 1 and 2 failures).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetplanIdentityTests", "-class", "*NetplanMembersTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
I = "src/Agent.Commands/Network/Rendering/NetplanIdentity.cs"
O = "src/Agent.Commands/Network/Rendering/NetplanOtherFiles.cs"
# 5 moved with its code from NetplanOtherFiles.cs to NetplanSeparation.cs in the session 34 review (text unchanged; rerun: killed).
N = "src/Agent.Commands/Network/Rendering/NetplanSeparation.cs"
C = "src/Agent.Commands/Network/Rendering/NetplanCatchAll.cs"
F = "src/Agent.Commands/Network/Rendering/NetplanFileLayout.cs"
T = "src/Agent.Commands/Network/Rendering/NetplanTextSearch.cs"
MUTANTS = [
    (F, "(current == indent && IsItem(lines[i]) && BareValueOf(lines[entries[^1].Line]).Length == 0)", "false", "expr",
     "a block list at its key's indent makes the definition unreadable"),
    (I, "first.Length == 0 || first[0] == '*'", "first[0] == '*'", "expr",
     "a tag alone on the line below a key is indexed as a value (crash)"),
    (I, "Items(below, entry.End)", "Unread", "expr",
     "a block list below its key is not read"),
    (I, "items.All(item => item is string)", "false", "expr",
     "a members list is never read (the search of its text is used)"),
    (N, "names.FirstOrDefault(members.Contains)", "null", "expr",
     "members as read make no interface a member"),
    (C, "identity.HasMatch ? Read(identity) : null", "null", "expr",
     "a match: in a flow definition is not seen"),
    (C, "match[\"driver\"] = [.. drivers];", "", "stmt",
     "the driver as read is not taken"),
    (T, "YamlQuotedScalar.DecodeAll(EscapedLineBreak().Replace(expanded, \"\"))", "YamlQuotedScalar.DecodeAll(expanded)", "expr",
     "a file without a layout is searched only as decoded one line at a time (\"eth\\ then 0\" missed)"),
]
