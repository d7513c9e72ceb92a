# Mutants of session 63's networkd drop-ins: a foreign .network file's [Match] read with its drop-ins'
# (<name>.network.d/*.conf of every directory, by name, an earlier directory's name hiding a later one's,
# each parsed after the file), a blank file with drop-ins no longer skipped, and a drop-in of our own
# file that sets anything refused. Killed by NetworkdForeignFilesTests (NetworkdDropInCases, whose
# every case NetworkdDropInTests checks on the real systemd-networkd 252).
# Outcome (session 63): 9 of 9 killed (each by NetworkdForeignFilesTests' drop-in cases alone).
# Session 66: mutant 5 retargeted at Listed(n, ".conf"), which now also leaves hidden names out (commands_s66_networkdhidden.py).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.NetworkdForeignFilesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Network/Rendering/NetworkdForeignFiles.cs"
MUTANTS = [
    (F, "DropIns(current, name).Select(current.ReadText).OfType<string>().Prepend(text)", "new[] { text }", "expr",
     "a foreign file's drop-ins not read: one that adds eth0 answered 0 while networkd takes eth0"),
    (F, "DropIns(current, name).Select(current.ReadText).OfType<string>().Prepend(text)", "DropIns(current, name).Select(current.ReadText).OfType<string>().Append(text)", "expr",
     "the file parsed after its drop-ins: a drop-in's 'Name=' no longer clears the file's names"),
    (F, "dropIns.TryAdd(conf, $\"{directory}/{name}.d/{conf}\");", "dropIns[conf] = $\"{directory}/{name}.d/{conf}\";", "stmt",
     "a later directory's drop-in hides /etc's: a /dev/null mask in /etc no longer masks"),
    (F, "new SortedDictionary<string, string>(StringComparer.Ordinal)", "new Dictionary<string, string>(StringComparer.Ordinal)", "expr",
     "drop-ins by directory, not by name: the last 'Name=' is another drop-in's", "IDictionary<string, string> dropIns = new SortedDictionary<string, string>(StringComparer.Ordinal);"),
    (F, "Listed(n, \".conf\")", "true", "expr",
     "every name in a .d directory read as a drop-in (a .conf.bak refused)"),
    (F, "text.Length == 0", "string.IsNullOrWhiteSpace(text)", "expr",
     "a blank file skipped although a drop-in makes it match eth0"),
    (F, "HasSetting(current.ReadText(dropIn) ?? \"\")", "current.ReadText(dropIn) is not null", "expr",
     "a drop-in of ours with only a comment and a section header refused"),
    (F, "line[0] is not ('#' or ';' or '[')", "line[0] is not ('#' or ';')", "expr",
     "a section header counted as a setting"),
    (F, "HasSetting(current.ReadText(dropIn) ?? \"\")", "false", "expr",
     "a drop-in of our file not refused: its address or [Match] applied under a 0"),
]
