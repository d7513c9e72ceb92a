# Mutants of session 40's wording of a .yml's catch-all refusal: an /etc/netplan .yml, which netplan never reads, is
# reconciled like a .yaml, so a catch-all there is still refused, but the text now says netplan does not read it now
# and offers moving it out of /etc/netplan (it said "netplan would write a networkd file", as for a .yaml); the same for
# a .yml without a layout whose match may catch a configured interface (NetplanTextSearch.CheckUnlaidOut, mutant 3).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s40_ymlcatchall.py
# Outcome (session 40, 2026-12-04): 2 mutants, 2 killed (the no-mutant run: 54 tests pass), each by
# NetplanAcrossFilesTests.A_catch_all_in_a_yml_file_is_judged_alone. Mutant 3 (added after; run alone, the no-mutant run 55
# tests): killed by NetplanUnreadFilesTests.A_yml_file_without_a_layout_that_may_catch_a_configured_interface_is_refused_saying_netplan_does_not_read_it.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.NetplanAcrossFilesTests", "-class", "*.NetplanUnreadFilesTests", "-class", "*CatchAll*"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches.YmlCatchAll40"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
A = "src/Agent.Commands/Network/Rendering/NetplanAcrossFiles.cs"
C = "src/Agent.Commands/Network/Rendering/NetplanCatchAll.cs"
T = "src/Agent.Commands/Network/Rendering/NetplanOtherFiles.cs"
MUTANTS = [
    (A, r'''IsRead(source)''', r'''true''', "expr",
     "a .yml's catch-all worded as a .yaml's, as before",
     r'''read: IsRead(source)'''),
    (C, r'''read ? "" : ", or move the file out of /etc/netplan"''', r'''""''', "expr",
     "the .yml's remedy of moving it out of /etc/netplan left out"),
    (T, r'''NetplanTextSearch.CheckUnlaidOut(path, yaml, configuration, current, source.IsRead);''',
     r'''NetplanTextSearch.CheckUnlaidOut(path, yaml, configuration, current);''', "stmt",
     "a .yml without a layout: its match worded as a .yaml's, as before"),
]
