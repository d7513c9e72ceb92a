# Mutants of session 29's review of the netplan alias reading (helper "review-net"): the expansion budget shared by
# every stretch of one file (NetplanFileLayout expands each definition), each followed alias charged its own text,
# and an anchored list item whose node is only the lines deeper than its "-" (not the items after it).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s29_reviewnet.py
# Session 29 (review-net): 4 mutants, all killed on the first run (NetplanAliasesCostTests: the file-wide cap and the
# aliases of an empty node; NetplanAliasesTests' expansion cases of an anchored empty item and a block-scalar item). None equivalent.
# Not mutated: the charge's amount (a call, no expression a switch can wrap; charging nothing is mutant 2); the binary searches' bounds in FirstAliasAt (starting from 0 reads the same, only slower: no
# test without a timing threshold tells them apart); Resolve's search is mutated in network_s29_net5.py (1, 2).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetplanAliasesTests", "-class", "*NetplanAliasesCostTests", "-class", "*NetplanAliasesEndToEndTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
AL = "src/Agent.Commands/Network/Rendering/NetplanAliases.cs"
AS = "src/Agent.Commands/Network/Rendering/NetplanAliases.Scan.cs"
MUTANTS = [
    (AL, "return Expand(new Position(first, 0), new Position(last, _lines[last].Length), []);",
     "_budget = MaxExpansion; return Expand(new Position(first, 0), new Position(last, _lines[last].Length), []);", "stmt",
     "budget: each stretch of a file (each definition) gets a whole mebibyte again"),
    (AL, "Charge(alias.Name.Length + 1);", "", "stmt",
     "budget: a followed alias costs nothing of its own (aliases of an empty node are free)"),
    (AS, "!ownerIsItem && indent == owner && item", "indent == owner && item", "expr",
     "scan: an anchored empty item takes the items after it as its node"),
    (AS, "ownerText[owner] is '-' or '?'", "ownerText[owner] is '?'", "expr",
     "scan: an item's anchor (-) is read as a key's, taking the list after it"),
]
