# Mutants of session 63's netplan file whose name is not valid UTF-8 and OwnedFiles.Stale's decoded names: netplan globs
# *.yaml as bytes (no hidden name; /run, /etc, /lib, and /usr/lib under merged /usr), so such a file is refused by the reset
# (NetplanUndecodableNames, over NetplanConfiguration.UndecodableFiles), named by its bytes %XX-escaped, the one netplan
# reads now first, and counts as netplan configuration (SystemProbe); a name listed decoded with U+FFFD, naming nothing,
# is no stale file of ours (OwnedFiles.Stale), and a path is listed once.
# Killed by NetplanUndecodableNamesTests (the real netplan generate reading such a file; the renderer over the real file
# system; which names are refused) and UndecodableForeignFileTests (networkd's own prefix with such a tail, over the real
# file system and through the reset).
# Outcome (session 63): 9 of 9 killed (by NetplanUndecodableNamesTests, the stale-file one by UndecodableForeignFileTests).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.NetplanUndecodableNamesTests", "-class", "*.UndecodableForeignFileTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
NC = "src/Agent.Commands/Network/Detection/NetplanConfiguration.cs"
SP = "src/Agent.Commands/Network/Detection/SystemProbe.cs"
NU = "src/Agent.Commands/Network/Rendering/NetplanUndecodableNames.cs"
NO = "src/Agent.Commands/Network/Rendering/NetplanOtherFiles.cs"
OF = "src/Agent.Commands/Network/Rendering/OwnedFiles.cs"
MUTANTS = [
    (NO, "NetplanUndecodableNames.Check(configuration, current, ownFile);", ";", "stmt",
     "the defect put back: a netplan file whose name is not UTF-8 never refused"),
    (NC, "name is not [(byte)'.', ..] && name.AsSpan().EndsWith(\".yaml\"u8)", "name.AsSpan().EndsWith(\".yaml\"u8)", "expr",
     "a hidden name refused, which netplan's glob leaves out"),
    (NC, "name is not [(byte)'.', ..] && name.AsSpan().EndsWith(\".yaml\"u8)", "name is not [(byte)'.', ..]", "expr",
     "any name refused (.yml, .yaml.bak, .yaml~), which netplan never reads"),
    (NC, "[RuntimeDirectory, SystemDirectory, .. PackageDirectories(files)]", "[SystemDirectory, RuntimeDirectory, .. PackageDirectories(files)]", "expr",
     "the /etc file named over the /run one that hides it"),
    (NC, "PackageDirectories(files)", "new[] { PackageDirectory }", "expr",
     "/usr/lib/netplan under merged /usr not looked at", "[RuntimeDirectory, SystemDirectory, .. PackageDirectories(files)]"),
    (NC, "MessageText.EscapedPath(directory, name)", "$\"{directory}/{System.Text.Encoding.UTF8.GetString(name)}\"", "expr",
     "the file named by its decoded name (U+FFFD), which names no file"),
    (SP, "NetplanConfiguration.Files(files).Any() || NetplanConfiguration.UndecodableFiles(files).Any()", "NetplanConfiguration.Files(files).Any()", "expr",
     "detection: a netplan file whose name is not UTF-8 is no netplan configuration"),
    (NU, "string.Join(\" or \", configuration.Interfaces.Select(nic => nic.Name))", "configuration.Interfaces[0].Name", "expr",
     "only the first configured interface named"),
    (OF, "!keep.Contains(path) && current.Exists(path)", "!keep.Contains(path)", "expr",
     "a decoded name that names nothing moved aside as ours (every reset fails)"),
]
