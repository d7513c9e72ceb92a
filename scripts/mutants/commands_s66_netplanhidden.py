# Mutants of session 66's hidden netplan names: netplan 0.106 globs *.yaml, whose star takes no leading dot, so a hidden
# .50-cloud-init.yaml in /etc, /run or /lib/netplan is never read. NetplanConfiguration.IsGlobbed(string) keeps one out of the
# configuration that selects netplan (Files), the files whose renderer decides where DNS goes (Read), and the files the reset
# reconciles (NetplanSources: /etc's .yaml and .yml, /run's and /lib's .yaml). Killed by NetplanOwnershipSelectionTests (a hidden
# file is no configuration), NetplanUnreadFilesTests (a hidden file left as it is) and NetplanRendererDecisionEndToEndTests (a hidden
# NetworkManager renderer does not decide; the real netplan generate, which the mutants do not touch, gives eth0 to networkd).
# Outcome (session 66): 5 of 5 killed (run from a clone of the branch): 1, 2 by NetplanOwnershipSelectionTests, 3 by
# NetplanRendererDecisionEndToEndTests' two hidden cases, 4 and 5 by NetplanUnreadFilesTests.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.NetplanOwnershipSelectionTests", "-class", "GuestAgent.Commands.Tests.Network.NetplanUnreadFilesTests",
             "-class", "GuestAgent.Commands.Tests.Network.NetplanRendererDecisionEndToEndTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
C = "src/Agent.Commands/Network/Detection/NetplanConfiguration.cs"
S = "src/Agent.Commands/Network/Rendering/NetplanSources.cs"
MUTANTS = [
    (C, "!name.StartsWith('.') && name.EndsWith(\".yaml\", StringComparison.Ordinal)", "name.EndsWith(\".yaml\", StringComparison.Ordinal)", "expr",
     "a hidden name taken everywhere, as before session 66"),
    (C, "files.List(directory)\n            .Where(IsGlobbed)", "files.List(directory).Where(name => name.EndsWith(\".yaml\", StringComparison.Ordinal))", "expr",
     "a hidden file counted as netplan configuration (the backend's choice)"),
    (C, "files.List(directory)\n                .Where(IsGlobbed)", "files.List(directory).Where(name => name.EndsWith(\".yaml\", StringComparison.Ordinal))", "expr",
     "a hidden file's renderer read for the DNS decision"),
    (S, "NetplanConfiguration.IsGlobbed(name)", "name.EndsWith(\".yaml\", StringComparison.Ordinal)", "expr",
     "a hidden /etc file reconciled"),
    (S, "current.List(directory).Where(NetplanConfiguration.IsGlobbed)", "current.List(directory).Where(name => name.EndsWith(\".yaml\", StringComparison.Ordinal))", "expr",
     "a hidden /run or /lib file reconciled"),
]
