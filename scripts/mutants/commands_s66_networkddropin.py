# Mutants of session 66's unread drop-ins of foreign networkd files: a drop-in whose name is not valid UTF-8 (not hidden, *.conf,
# in any of networkd's directories) of a foreign .network file that sorts before ours (not masked, not empty), which
# systemd-networkd 252 applies and which may give the file eth0 (or leave it out), refused unread by NetworkdForeignFiles
# whatever the file's [Match] says as read. Killed by UndecodableForeignFileTests (its real networkd case's refusal, whose
# networkd half the mutants do not touch; a file matching eth0 as read with such a drop-in in /usr/lib; the no-refusal theory).
# Outcome (session 66): 4 of 4 killed (run from a clone of the branch): 1 and 2 by both refusal cases, 3 by the real networkd case
# (a file that adds eth0 only through its drop-in), 4 by the file matching eth0 as read with its drop-in in /usr/lib.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.UndecodableForeignFileTests", "-class", "GuestAgent.Commands.Tests.Network.NetworkdForeignFilesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Network/Rendering/NetworkdForeignFiles.cs"
MUTANTS = [
    (F, "UndecodableDropIns(current, name)", "Enumerable.Empty<string>()", "expr",
     "a foreign file's drop-in whose name is not UTF-8 never refused, as before session 66"),
    (F, "UndecodableDropIns(current, name)", "UndecodableDropIns(current, ours)", "expr",
     "our own file's drop-ins looked at in place of the foreign file's"),
    (F, "UndecodableDropIns(current, name)", "(Catches(match, nic, current) ? UndecodableDropIns(current, name) : Enumerable.Empty<string>())", "expr",
     "the unread drop-in refused only where the file catches eth0 as read (not where it would add eth0)"),
    (F, "Directories", "ImmutableArray.Create(Directories[0])", "expr",
     "only /etc's drop-ins whose names are not UTF-8 listed, not /run's or /usr/lib's",
     "Directories.SelectMany(directory => current.ListUndecodable($\"{directory}/{name}.d\")"),
]
