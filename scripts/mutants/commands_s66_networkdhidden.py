# Mutants of session 66's hidden networkd names: systemd-networkd 252 lists its .network files and their .conf drop-ins with
# conf_files_list, which skips a name with a leading dot, so NetworkdForeignFiles reads none (UTF-8 or not) as a foreign file
# before ours or a drop-in. Killed by NetworkdForeignFilesTests (NetworkdDropInCases' hidden cases, which NetworkdDropInTests
# runs on the real networkd, untouched by the mutants) and UndecodableForeignFileTests (a hidden name not valid UTF-8). Mutants 5 to 7:
# a drop-in of our file whose name is not UTF-8 (not hidden, *.conf), which networkd applies, refused unread (UndecodableForeignFileTests,
# whose real networkd half the mutants do not touch).
# Outcome (session 66): 7 of 7 killed (run from a clone of the branch): 1 to 3 by NetworkdForeignFilesTests' hidden cases, 4 to 7 by
# UndecodableForeignFileTests (4 and 6 by its hidden names, 5 by the real networkd case's refusal, 7 by a .conf.bak).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.NetworkdForeignFilesTests", "-class", "GuestAgent.Commands.Tests.Network.UndecodableForeignFileTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Network/Rendering/NetworkdForeignFiles.cs"
MUTANTS = [
    (F, "!name.StartsWith('.') && name.EndsWith(suffix, StringComparison.Ordinal)", "name.EndsWith(suffix, StringComparison.Ordinal)", "expr",
     "a hidden .network or drop-in read, as before session 66"),
    (F, "Listed(n, \".network\")", "n.EndsWith(\".network\", StringComparison.Ordinal)", "expr",
     "a hidden .network before ours refused"),
    (F, "Listed(n, \".conf\")", "n.EndsWith(\".conf\", StringComparison.Ordinal)", "expr",
     "a hidden drop-in read (a foreign file's [Match], or one of ours refused)"),
    (F, "n is not [(byte)'.', ..] && n.AsSpan().EndsWith(\".network\"u8)", "n.AsSpan().EndsWith(\".network\"u8)", "expr",
     "a hidden .network whose name is not UTF-8 refused"),
    (F, "UndecodableDropIns(current, ours).FirstOrDefault()", "(string?)null", "expr",
     "a drop-in of ours whose name is not UTF-8 never refused, as before session 66"),
    (F, "n is not [(byte)'.', ..] && n.AsSpan().EndsWith(\".conf\"u8)", "n.AsSpan().EndsWith(\".conf\"u8)", "expr",
     "a hidden drop-in of ours whose name is not UTF-8 refused"),
    (F, "n is not [(byte)'.', ..] && n.AsSpan().EndsWith(\".conf\"u8)", "n is not [(byte)'.', ..]", "expr",
     "any name in our .d directory that is not UTF-8 refused (a .conf.bak too)"),
]
