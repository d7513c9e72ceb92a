# Mutants of session 37's netplan reconciling (helper "net13"): an /etc/netplan .yml, which netplan never reads (NetplanSource.IsRead),
# is never refused as if netplan failed on it: bytes libyaml refuses read leniently (NetplanFileDecoding.Decode's lenient text,
# NetplanFileReader's Unreadable), refused with the reset's own text only where the file would be moved aside or edited
# (NetplanOtherFiles.ReadAsItIs); a top-level key, an id under two sections and a dangling link let through in a .yml
# (NetplanOtherFiles.FailsWhen and the checks beside it), and YAML the reader cannot follow left as it is unless the .yml may define a
# configured interface (NetplanOtherFiles.Unfollowed/CheckUnfollowed, NetplanYamlException's reason apart from netplan's error); and a
# merged catch-all whose first occurrence has no match: matching by its id, a later match: without a name keeping that name
# (NetplanAcrossFiles.Merged).
# Not mutated: the lenient decoder's choice for UTF-16 (Encoding.Unicode or BigEndianUnicode: a UTF-16 .yml with bytes that are no
# character reads as some text either way, and any that defines a configured interface is refused; which text only changes the
# guess), and the id handed to Merged (a kept definition's id is never a configured interface's name, that one is ours, and netplan
# refuses a glob as an id, so the name it gives never catches an interface: only whether there is one matters, mutant 16).
# The first two lines never hold "coding" and a colon: Python would take it for the file's encoding cookie.
# Run: scripts/mutants/mutate.py scripts/mutants/network_s37_net13.py
# Session 37 (net13): first run, 1-17 (on the .yml bytes, checks and merged-match changes): build 285 s, baseline 80 tests of
# NetplanUnreadFiles/Encoding/AcrossFiles/OtherDirectories in 33 s; all 17 killed (11, 5, 3, 2, 2, 1, 1, 6, 2, 2, 1, 1, 1, 1, 3, 3, 1
# failures). 2, 3, 4, 12, 13, 14 and 16 are the code before session 37: each fails the new tests; 7 and 8 are
# network_s36_netplan12.py's 12 and 13 retargeted, 15 network_s34_reviewnet.py's 1 retargeted. Second run, 18-23 (YAML the reader
# cannot follow in a .yml, added with NetplanUnreadFilesTests' theory for it): build 211 s, baseline 84 tests in 26 s; all 6 killed (4, 4,
# 3, 1, 4, 4 failures). 18 is the code before session 37. None survived, none equivalent: 23 mutants, 23 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetplanUnreadFilesTests", "-class", "*NetplanEncodingTests", "-class", "*NetplanAcrossFilesTests",
             "-class", "*NetplanOtherDirectoriesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
D = "src/Agent.Commands/Network/Detection/NetplanFileDecoding.cs"
R = "src/Agent.Commands/Network/Detection/NetplanFileReader.cs"
O = "src/Agent.Commands/Network/Rendering/NetplanOtherFiles.cs"
S = "src/Agent.Commands/Network/Rendering/NetplanSources.cs"
A = "src/Agent.Commands/Network/Rendering/NetplanAcrossFiles.cs"
Y = "src/Agent.Commands/Network/Rendering/NetplanYamlException.cs"
MUTANTS = [
    # Which files netplan reads
    (S, "Path.EndsWith(\".yaml\", StringComparison.Ordinal)", "true", "expr",
     "a .yml taken as read by netplan (refused as netplan fails on it, merged with the .yaml files)"),
    (O, "!source.IsRead", "false", "expr",
     "a .yml's bytes refused as netplan fails on them already (the code before session 37)", "!source.IsRead ? null"),
    # Reading a .yml leniently
    (R, "invalid is not null && failsWhen is not null", "invalid is not null", "expr",
     "bytes that are no character refused whatever the file (the code before session 37)"),
    (R, "unprintable is not null && failsWhen is not null", "unprintable is not null", "expr",
     "a control character refused whatever the file (the code before session 37)"),
    (R, "invalid ?? unprintable", "unprintable", "expr", "a .yml's invalid bytes not noted: moved aside or edited on a guess"),
    (R, "invalid ?? unprintable", "invalid", "expr", "a .yml's control character not noted: moved aside or edited on a guess"),
    (R, "NetplanFileDecoding.Unprintable(text)", "NetplanFileDecoding.Unprintable(written)", "expr",
     "the line counted before libyaml's line breaks are read (a CR alone not counted)"),
    (R, "NetplanFileDecoding.Unprintable(text)", "null", "expr", "control characters read (the code before session 36)"),
    (D, "lenient.GetString(body)", "string.Empty", "expr", "a .yml with invalid bytes read as empty (its definitions unseen, left in it)"),
    # Refused only where the .yml must change
    (O, "ReadAsItIs(path, read, ours);", "", "stmt", "a .yml read leniently moved aside",
     "ReadAsItIs(path, read, ours);\n                if (!source.MustNotBeMovedAside)"),
    (O, "ReadAsItIs(path, read, ours);", "", "stmt", "a .yml read leniently edited (the guess written back)",
     "ReadAsItIs(path, read, ours);\n            var edited"),
    # What netplan would fail on in a .yaml, let through in a .yml
    (O, "source.IsRead", "true", "expr", "a dangling .yml link refused as netplan fails on it (the code before session 37)",
     "read.IsLink && source.IsRead"),
    (O, "source.IsRead", "true", "expr", "a .yml's top-level key refused as netplan fails on it (the code before session 37)",
     "layout.ForeignKeys.Count > 0 && source.IsRead"),
    (O, "source.IsRead", "true", "expr", "a .yml's id under two sections refused as netplan fails on it (the code before session 37)",
     "source.IsRead && layout.Definitions.GroupBy"),
    (A, "source.IsRead", "true", "expr",
     "a .yml read with the .yaml files in the check across files (network_s34_reviewnet.py's 1, retargeted)"),
    # A merged catch-all's name
    (A, "(earlier.HasMatch ? null : id)", "null", "expr",
     "an occurrence without match: adds no name: a later match: {} taken for every interface (the code before session 37)"),
    (A, "earlier.HasMatch ? null : id", "id", "expr", "an earlier match: {} given the id's name by a later occurrence without match:"),
    # A .yml whose YAML the reader cannot follow (added after the first run: 18-23)
    (O, "!source.IsRead", "false", "expr", "a .yml's YAML that cannot be followed refused as netplan fails on it (the code before session 37)",
     "!source.IsRead && Unfollowed(yaml)"),
    (O, "CheckUnfollowed(path, reason, yaml, configuration);", "", "stmt", "a .yml that cannot be followed left as it is though it may define eth0"),
    (O, "NetplanTextSearch.HasWord(yaml, nic.Name)", "false", "expr", "a .yml that cannot be followed naming eth0 not taken as maybe eth0's"),
    (O, "yaml.Contains(nic.Mac.Value, StringComparison.OrdinalIgnoreCase)", "false", "expr",
     "a .yml that cannot be followed holding eth0's MAC not taken as maybe eth0's", "|| yaml.Contains(nic.Mac.Value, StringComparison.OrdinalIgnoreCase)) is { } nic"),
    (O, "NetplanFileLayout.TryRead(yaml) is null", "false", "expr",
     "a .yml without a layout not searched for aliases that cannot be followed (refused as netplan fails on it)"),
    (Y, "netplanError is null ? reason : $\"{reason} (netplan fails on it: \\\"{netplanError}\\\")\"", "reason", "expr",
     "a .yaml that cannot be followed refused without saying that netplan fails on it"),
]
