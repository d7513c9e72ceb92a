# Mutants of session 60's refusal of a foreign systemd-networkd file that networkd would take for a
# configured interface before ours (NetworkdForeignFiles: the names of networkd's directories as one
# sorted list, a name in /etc hiding it in /run, our own prefix in /etc skipped, the [Match] keys read).
# Killed by NetworkdForeignFilesTests (tests/Agent.Commands.Tests/Network/); NetworkdReapplyTests checks
# the same refusals against the real networkd (too slow to run per mutant).
# Outcome (session 60): 16 of 16 killed (after the refusal's described match was checked: a ';' comment
# read as a key and keys of every section read as [Match] keys survived the first run).
# Session 66: mutant 4 retargeted at Listed(n, ".network"), which now also leaves hidden names out (commands_s66_networkdhidden.py).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.NetworkdForeignFilesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Network/Rendering/NetworkdForeignFiles.cs"
R = "src/Agent.Commands/Network/Rendering/NetworkdRenderer.cs"
MUTANTS = [
    (R, "NetworkdForeignFiles.Check(configuration, current, Prefix);", ";", "stmt", "no foreign file refused"),
    (F, "string.CompareOrdinal(f.Key, ours) < 0", "string.CompareOrdinal(f.Key, ours) != 0", "expr",
     "a foreign file sorting after ours refused too"),
    (F, "files.TryAdd(name, $\"{directory}/{name}\");", "files[name] = $\"{directory}/{name}\";", "stmt",
     "a name in a later directory taken over the same name in /etc"),
    (F, "Listed(n, \".network\")", "true", "expr", "a .bak (or any name) read as a .network file"),
    (F, "path == $\"{Directories[0]}/{name}\"", "true", "expr", "a name of our prefix outside /etc taken for ours"),
    (F, "Path.GetFileName(NetworkdRenderer.PathFor(nic.Name))", "Path.GetFileName(NetworkdRenderer.PathFor(configuration.Interfaces[0].Name))", "expr",
     "every interface compared with the first interface's file name"),
    # Retargeted in session 63 (a blank file is now read, for its drop-ins; only an empty one is skipped); rerun: killed.
    (F, "text.Length == 0", "false", "expr", "an empty file taken as one without a [Match], matching every link"),
    (F, "line[0] is '#' or ';'", "line[0] is '#'", "expr", "a ';' comment read as a key"),
    (F, "inMatch = line == \"[Match]\";", "inMatch = true;", "stmt", "keys of every section read as [Match] keys"),
    (F, "values.Clear();", ";", "stmt", "an empty assignment leaving the values before it"),
    (F, "key.Value.Count > 0", "true", "expr", "a key cleared to nothing read as a condition no link meets",
     "match.Where(key => key.Value.Count > 0).All("),
    (F, "NetworkdGlob.MatchesList(string.Join(' ', key.Value), nic.Name)", "true", "expr", "Name= taken as matching every link"),
    (F, "parsed == nic.Mac", "true", "expr", "MACAddress= taken as matching every link"),
    (F, "\"ether\"", "\"wlan\"", "expr", "a configured interface's type taken as wlan",
     "string.Join(' ', key.Value), \"ether\")"),
    (F, "Path.GetFileName(target.TrimEnd('/'))", "target", "expr", "Driver= compared with the driver link's whole target"),
    (F, "true", "false", "expr", "a [Match] key not read here counted as not matching", "_ => true,"),
]
