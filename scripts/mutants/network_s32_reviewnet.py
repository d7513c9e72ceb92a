# Mutants of session 32's review of net8's netplan reading (helper "review-net"): a quoted scalar or flow collection closed on a line
# that looks like a comment (left out of Children's content) ends there, one never closed inside the block layout refused as netplan
# fails on it (NetplanFileLayout.TopLevel), a single-quoted scalar not ended by the first quote of a '' pair (NetplanYamlLines
# .QuotedScalar), and explicit keys (? match, ? set-name) leaving a definition unread (NetplanIdentity) and searched for its match
# (NetplanCatchAll.MatchOf).
# Not mutated: QuotedScalar's (?!') (a regex attribute, no switch can go in; its case, 'it''s never closed, is tested).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s32_reviewnet.py
# Session 32 (review-net): 5 mutants, all killed (baseline 32 tests of NetplanOpenNodes/MatchKeys; 1-3 failures each; build 139 s).
# Session 33 (net9): 1 and 2 retargeted (Entries' open node became (Line, Start, Owner)). These results confirm, by reverting
# each fix, that its cases fail on the old code: 1 fails exactly the comment-line closing case, 2 the three never-closed cases, 4
# the flow ? match (and flow ? set-name) case, 5 the block ? match case (the block ? set-name case passes without 4: a pin).
# Rerun after the retarget (one build with net8 7, 8; clone at 44dbd146): 1 killed (1 failure), 2 killed (4: the new below-line case too).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetplanOpenNodesTests", "-class", "*NetplanMatchKeysTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
I = "src/Agent.Commands/Network/Rendering/NetplanIdentity.cs"
F = "src/Agent.Commands/Network/Rendering/NetplanFileLayout.cs"
L = "src/Agent.Commands/Network/Rendering/NetplanYamlLines.cs"
C = "src/Agent.Commands/Network/Rendering/NetplanCatchAll.cs"
MUTANTS = [
    (F, "open = IsOpen(Joined(lines, node, i)) ? node : null;", "", "stmt",
     "a node closed on a line left out of content (# y\") still taken to go on: the next definition swallowed"),
    (F, "unclosed is { } node && entries?.Any(e => e.Line == node.Owner) != true", "false", "expr",
     "a quote never closed inside the block layout not refused (the definitions after it taken out with it)"),
    (F, "IsOpen(Joined(lines, start, lines.Length))", "false", "expr",
     "a node left open at the end of content never counted as unclosed"),
    (I, "return null;", "", "stmt",
     "an explicit key (? set-name) does not leave the identity unread",
     """if (HasExplicitKey(lines))
        {
            return null;
        }

        var reader = new Reader(lines);
        var definition"""),
    (C, "return Searched(lines, explicitKey: true);", "return Searched(lines, explicitKey: false);", "stmt",
     "a definition with an explicit ? match searched only for match: (block ? match missed)"),
]
