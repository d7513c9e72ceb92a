# Mutants of the session 33 review of net9's netplan reading (helper "review-net"): a list item holding a key (- 10.0.0.5/24: {label: "x)
# starts that key's value, followed as open like a key's on a line of its own (NetplanYamlLines.InnerEntry, ValueStart); a block scalar
# alone below its key is text down to the key's indent (NetplanFileLayout.Entries); an id under two sections refused as netplan fails
# on it (NetplanOtherFiles).
# Not mutated: InnerEntry's nested item (- - "x, followed like - "x): no netplan key takes a list of lists inside a definition that
# netplan accepts (openvswitch ports are network-wide and need a bridge), so no case tells it apart; FailsWhen, moved out of the
# top-level-key refusal unchanged (its branches are that refusal's, pinned by its tests).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s33_reviewnet.py
# Session 33 review: 3 mutants, all killed (baseline 50 tests; 2, 1, 2 failures: each fix's own new test; build 953 s at load ~70).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetplanOpenNodesTests", "-class", "*NetplanConflictTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
F = "src/Agent.Commands/Network/Rendering/NetplanFileLayout.cs"
L = "src/Agent.Commands/Network/Rendering/NetplanYamlLines.cs"
O = "src/Agent.Commands/Network/Rendering/NetplanOtherFiles.cs"
MUTANTS = [
    (L, "(KeyLine().IsMatch(rest) || IsItem(rest))", "IsItem(rest)", "expr",
     "a key on a list item's line not entered: - 10.0.0.5/24: {label: \"x not followed (the code before the review)"),
    (F, "InnerEntry(lines[owner]).Column", "current", "expr",
     "a block scalar alone below its key is text only deeper than its own line (the code before the review)"),
    (O, "g.DistinctBy(d => d.Section).Count() > 1", "false", "expr",
     "an id under two sections not refused (the code before the review)"),
]
