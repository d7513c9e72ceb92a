# Mutants of session 32's netplan reading (helper "net8"): a key written twice in a definition read as netplan 0.106 reads it
# (mappings merged, members added up, other values the last; NetplanIdentity.Reader.Value and NetplanFlowStyle.Repeated), a
# quoted scalar or flow collection left open at a line's end going on over the lines after it whatever their indent (and a block
# scalar's lines opening nothing; NetplanFileLayout.Children), NetplanCatchAll reading a match: through NetplanIdentity or, for a
# definition it cannot read, through the layout's key reader, and a flow definition it cannot read searched for its match.
# Run: scripts/mutants/mutate.py scripts/mutants/network_s32_net8.py
# Session 32 (net8): 15 mutants, all killed (baseline 68 tests; each mutant failed 1-37 of them; build 222 s, 70-130 s a mutant).
# Not mutated: the merge of a key repeated inside two merged mappings (Repeated of the two, read as the last: writing the last alone
# is the same for every key the reader asks for), IsOpen's comment skip and quote-start rule (forms with a '#' or a quote inside an
# open flow collection over lines, no case netplan accepts tells them apart here), and the "mixed kinds are unread" rule (netplan
# refuses a key given a mapping once and a scalar once: "expected mapping").
# Retargeted by review-net (session 32), not rerun: 8 (Children's continuation now through Joined), 12 and 14 (Searched's
# explicitKey parameter; 14 now makes FlowMatchKey always match, the same defect).
# Session 33 (net9): 8, 12 and 14, retargeted by review-net, rerun: all killed (baseline 70 tests; 1, 2 and 1 failures).
# 7 and 8 retargeted again (Entries' open node became (Line, Start, Owner): a node alone below its key).
# Rerun after the retarget (one build with s32 reviewnet 1, 2): 7 killed, 8 killed (5 failures).
# Session 33 review (review-net): 9 retargeted (the block scalar's threshold is now InnerEntry(lines[owner]).Column, the key's column).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetplanMatchKeysTests", "-class", "*NetplanMembersTests", "-class", "*NetplanIdentityTests",
             "-class", "*NetplanEffectiveRendererTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
I = "src/Agent.Commands/Network/Rendering/NetplanIdentity.cs"
W = "src/Agent.Commands/Network/Rendering/NetplanFlowStyle.cs"
F = "src/Agent.Commands/Network/Rendering/NetplanFileLayout.cs"
C = "src/Agent.Commands/Network/Rendering/NetplanCatchAll.cs"
MUTANTS = [
    # A repeated key
    (I, "Occurrences(value).ToList()", "Occurrences(value).TakeLast(1).ToList()", "expr",
     "a repeated key: only the last value is read (as PyYAML does)"),
    (I, "values.All(v => v is Dictionary<string, object?>)", "false", "expr",
     "two match: mappings are not merged (the definition unread)"),
    (I, "values[^1]", "values[0]", "expr",
     "a repeated scalar: the first is read, not the last", "!addUp ? values[^1]"),
    (I, "values.Cast<List<object?>>().SelectMany(list => list).ToList()", "values[^1]", "expr",
     "a repeated interfaces: only the last list is read"),
    (W, "mapping[key] = mapping.TryGetValue(key, out var earlier) ? new Repeated([.. earlier is Repeated r ? r.Values : [earlier!], value]) : value;",
     "mapping[key] = value;", "stmt",
     "flow: a repeated key keeps only its last value"),
    (W, "repeated.Values[^1]", "null", "expr",
     "flow: a repeated network-wide renderer is not read"),
    # Children: open quoted scalars and flow collections, block scalars
    (F, "open = IsOpen(value) ? (i, value, owner) : null;", "open = null;", "stmt",
     "a quoted scalar open at a line's end: the next line at the key's indent is taken for a key"),
    (F, "IsOpen(Joined(lines, node, i + 1)) ? node : null", "null", "expr",
     "an open quoted scalar is taken to end on the line after it"),
    (F, "blockScalar = value.StartsWith('|') || value.StartsWith('>') ? InnerEntry(lines[owner]).Column : null;", "blockScalar = null;", "stmt",
     "a block scalar's line starting a quote opens a quoted scalar"),
    # NetplanCatchAll
    (C, "identity.HasMatch ? Read(identity) : null", "Read(identity)", "expr",
     "catch-all: a readable definition without match: taken as an empty match"),
    (C, "NetplanYamlLines.KeyOf(lines[k.Line]) == \"match\"", "false", "expr",
     "catch-all: an unreadable block definition's match: key is not found"),
    (C, "return Searched(lines, explicitKey: false);", "return null;", "stmt",
     "catch-all: an unreadable flow definition is passed over"),
    (C, "flow", "false", "expr",
     "catch-all: a flow definition's lines are read as a block (its match not seen)", "(flow ? null :"),
    (C, "FlowMatchKey().IsMatch(value)", "true", "expr",
     "catch-all: an unreadable flow definition without match: taken for a catch-all"),
    (C, "match.Count > 0 ? match : new Dictionary<string, string[]>(StringComparer.Ordinal) { [\"as written\"] = [value] }", "match", "expr",
     "catch-all: an unreadable flow match with no name or driver described as empty"),
]
