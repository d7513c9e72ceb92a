# Mutants of session 31's netplan reading (helper "net7"): an Ethernet definition's match: name / macaddress, set-name and
# macaddress read as libyaml reads them (NetplanIdentity: block or flow, quoted over lines, tagged, commented, a plain value
# continued on deeper lines folded) instead of a search of its text, and refused when they cannot be read and the text names the
# interface; NetplanCatchAll taking the name and MAC from that reading; NetplanBlockFlow writing a tagged empty value as "" and
# folding a plain scalar continued inside a block node written in flow style.
# Run: scripts/mutants/mutate.py scripts/mutants/network_s31_net7.py
# Session 31 (net7): 18 mutants, all killed (NetplanIdentityTests against netplan generate 0.106, NetplanAliasesTests' expansions
# checked with PyYAML; about a minute each after a 345 s build). None equivalent.
# Not mutated: the KeyLine regex's new "#" alternative (a [GeneratedRegex] attribute's constant: no switch can stand there; the
# a#b test in NetplanIdentityTests fails without it, checked by reverting); NetplanFlowStyle's Fold of a plain scalar over lines
# (a name or renderer folded differs from the unfolded one only by a space against a line break: never a name netplan accepts nor
# a renderer); the comment line ending a continuation in NetplanBlockFlow (differs only on YAML libyaml refuses: a deeper line
# after a comment line); NetplanIdentity's g.Last() for a repeated key and its "*"/"-" value below a key (netplan refuses both forms).
# Session 33 (net9): 9 and 10, retargeted in session 32, rerun: both killed (baseline 98 tests; 2 and 3 failures).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetplanIdentityTests", "-class", "*NetplanAliasesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
I = "src/Agent.Commands/Network/Rendering/NetplanIdentity.cs"
O = "src/Agent.Commands/Network/Rendering/NetplanOtherFiles.cs"
C = "src/Agent.Commands/Network/Rendering/NetplanCatchAll.cs"
L = "src/Agent.Commands/Network/Rendering/NetplanYamlLines.cs"
B = "src/Agent.Commands/Network/Rendering/NetplanBlockFlow.cs"
MUTANTS = [
    # NetplanIdentity: the forms read
    (I, "NetplanFlowStyle.Read(FlowTextOf(lines, entry)) ?? Unread", "Unread", "expr",
     "a flow value on the key's line (match: {macaddress: …}) is not read"),
    (I, "KeyOf(lines[below[0]]) is not null", "false", "expr",
     "a block mapping below its key (match: then name: eth0) is not read as one"),
    (I, "NetplanFlowStyle.Read(string.Join('\\n', lines[below[0]..(entry.End + 1)])) ?? Unread", "Unread", "expr",
     "a flow value alone on the line below its key is not read"),
    (I, "value is null or string", "true", "expr",
     "a value that is no scalar (set-name: [eth0]) is taken as read"),
    (L, "Properties().Replace(RawValueOf(line) + \" \", \"\").TrimEnd()", "Properties().Replace(RawValueOf(line), \"\")", "expr",
     "a tag alone on the key's line (match: !!map, the block below) is taken as the value"),
    # NetplanOtherFiles: what makes a definition ours, and the refusal
    (O, "identity.SetName == nic.Name || identity.MatchName == nic.Name", "identity.MatchName == nic.Name", "expr",
     "set-name: eth0 does not make a definition eth0's"),
    (O, "IsMac(identity.MatchMac, nic)", "false", "expr",
     "match: macaddress does not make a definition ours"),
    (O, "MacAddress.TryParse(value, out var mac) && mac == nic.Mac", "value == nic.Mac.Value", "expr",
     "a MAC in capitals is not the interface's"),
    (O, "NetplanTextSearch.HasWord(definition.Text, nic.Name)", "false", "expr",
     "a definition that cannot be read and names the interface as a word (set-name: [eth0]) is kept"),
    # NetplanCatchAll: the match's name as read
    (C, "match[\"name\"] = [name];", "", "stmt",
     "catch-all: a name in a comment after the match counts as a name it matches"),
    # NetplanBlockFlow: tagged empty values
    (B, "EmptyValue(text[(colon + 1)..])", "\"\"", "expr",
     "flow: x: !!str is written as a null"),
    (B, "property[0] == '!' && property != \"!!null\"", "property[0] == '!'", "expr",
     "flow: x: !!null is written as an empty string"),
    (B, "items.Add(empty);\n                    continue;", "return null;", "stmt",
     "flow: a tagged empty list item leaves the alias as written"),
    # NetplanBlockFlow: a plain scalar continued on deeper lines
    (B, "indent > scalar.Owner", "false", "expr",
     "flow: a continued plain scalar leaves the alias as written"),
    (B, "pieces.Add(\"\");", "", "stmt",
     "flow: a blank line inside a continued plain scalar is no line break"),
    (B, "valueBelow = owner;", "", "stmt",
     "flow: a value below its key continues only on lines deeper than itself"),
    (B, "owner = indent + start;", "", "stmt",
     "flow: a key's value continues on lines as deep as the key (the next key taken as text)",
     "owner = indent + start;\n            start = SkipProperties(text, start + colon + 1);"),
    (B, "text[start] is not ('\"' or '\\'' or '[' or '{' or '|' or '>' or '*')", "true", "expr",
     "flow: a block scalar's lines are folded as a plain scalar's"),
]
