# Mutants of the session 34 review of net10's netplan reading (helper "review-net"): an /etc .yml, which netplan never reads (it globs
# *.yaml only; checked on 0.106), neither conflicts with nor merges into a .yaml's definitions, its own catch-all judged alone as before
# (NetplanAcrossFiles.IsRead); and a catch-all whose match: is written only in a later occurrence (net10's batch left it unmutated).
# Not mutated: the move of the separation checks (CheckSeparable, CheckWrittenOnce, CheckNotMember) to NetplanSeparation.cs, text unchanged,
# their mutants moved with them (netplan_settings.py 25, network_s31_reviewnet.py 5, network_s33_net9.py 7 and 8).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s34_reviewnet.py
# Session 37 (net13): 1 retargeted (IsRead now asks NetplanSource.IsRead, which NetplanOtherFiles asks too); the same mutant is
# network_s37_net13.py's 15, rerun there.
# Session 34 review: 5 mutants, all killed (baseline 14 tests; 3, 1, 1, 1, 2 failures; build 346 s at load ~30). 1 is the code before
# the review: the three .yml tests fail on it. The four moved mutants, rerun together (a temporary batch of those four with
# NetplanAliases/Members/Conflict/OpenNodesTests, baseline 138 pass, build 115 s): all killed (1, 6, 1, 1 failures).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetplanAcrossFilesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
A = "src/Agent.Commands/Network/Rendering/NetplanAcrossFiles.cs"
MUTANTS = [
    (A, "source.IsRead", "true", "expr",
     "a .yml read with the .yaml files (the code before the review: a .yml's bond refused, a .yml's macaddress narrowing a .yaml's catch-all)"),
    (A, "IsRead(source) && !source.HiddenByRuntime", "!source.HiddenByRuntime", "expr",
     "a .yml taken as read now with the .yaml files"),
    (A, "IsRead(source) && !source.Path.StartsWith(NetplanConfiguration.RuntimeDirectory + \"/\", StringComparison.Ordinal)",
     "!source.Path.StartsWith(NetplanConfiguration.RuntimeDirectory + \"/\", StringComparison.Ordinal)", "expr",
     "a .yml taken as read after the next boot with the .yaml files"),
    (A, "read.Concat(_kept.Where(k => !IsRead(k.Source)).Select(k => new[] { k }))", "read", "expr",
     "a .yml's catch-all never judged"),
    (A, "earlier.HasMatch || later.HasMatch", "earlier.HasMatch", "expr",
     "a catch-all whose match: is written only in a later occurrence taken for one without a match"),
]
