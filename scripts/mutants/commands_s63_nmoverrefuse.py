# Mutants of session 63's NetworkManager keyfile refusal read as NetworkManager 1.42 reads a keyfile:
# a file it does not load for its mode (any group or other bit) or owner (not root, judged only where the
# agent is root), a mac-address only in the forms it reads (one kind of separator, no blank: any other text
# it ignores and the connection matches any device), mac-address-blacklist holding the interface's MAC,
# and a [match] interface-name list with its &, |, ! prefixes and its trailing blanks kept.
# Killed by NetworkManagerForeignKeyfilesTests, whose rows each form was checked against the real daemon
# with (NetworkManagerLeftoversTests' theory runs them on NetworkManager 1.42; left out here for its time).
# Outcome (session 63): 15 of 15 killed (each by its row of NetworkManagerForeignKeyfilesTests; the owner judged
# as another user by the direct IgnoredByNetworkManager assertion).
# Session 65: 9 and 10 retargeted at the MAC reading that replaced theirs (unpadded bytes, commands_s65_nmhunt.py) and rerun from a clone of the branch: 2 of 2 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.NetworkManagerForeignKeyfilesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Network/Rendering/NetworkManagerForeignKeyfiles.cs"
MUTANTS = [
    (F, "IgnoredByNetworkManager(status, FileOwner.Effective.UserId)", "false", "expr",
     "a keyfile NetworkManager does not load (0644, not root's) refused"),
    (F, "(status.Mode & GroupOrOthers) != 0", "false", "expr",
     "the mode not judged: a keyfile readable by others refused"),
    (F, "(agentUser == 0 && status.Owner.UserId != 0)", "false", "expr",
     "the owner not judged: a keyfile not root's refused"),
    (F, "(agentUser == 0 && status.Owner.UserId != 0)", "(status.Owner.UserId != 0)", "expr",
     "the owner judged in root mode as another user, where every file is that user's"),
    (F, "(status.Mode & GroupOrOthers) != 0", "(status.Mode & GroupOrOthers & ~UnixFileMode.GroupExecute) != 0", "expr",
     "a group execute bit not counted (0610 ignored by NetworkManager, refused)"),
    (F, "Denied(Value(groups, section, \"mac-address-blacklist\"), nic.Mac)", "false", "expr",
     "mac-address-blacklist not read: a connection that never takes eth0 refused"),
    (F, "\"mac-address-blacklist\"", "\"mac-address-denylist\"", "expr",
     "mac-address-denylist read: 1.42 does not know it and takes eth0, success answered"),
    (F, "denied == mac", "denied != mac", "expr",
     "another MAC's denial read as eth0's"),
    (F, "text.Split(text.Contains(':') ? ':' : '-')", "text.Trim().Split(text.Contains(':') ? ':' : '-')", "expr",
     "a MAC with a trailing blank read: NetworkManager ignores it, the connection takes any device, success answered"),
    (F, "text.Split(text.Contains(':') ? ':' : '-')", "text.Split(':', '-')", "expr",
     "mixed separators read as a MAC: NetworkManager ignores it, success answered"),
    (F, "MatchesInterfaceName(value, nic.Name)", "MatchesInterfaceName(value.Trim(), nic.Name)", "expr",
     "a [match] list trimmed: '!eth0 ' read as leaving eth0 out, success answered"),
    (F, "item[0] is '&' or '!'", "item[0] is '!'", "expr",
     "& not mandatory: &eth*;|eth1 read as letting eth0 in"),
    (F, "item[0] is '&' or '|' ? item[1..] : item", "item[0] is '&' ? item[1..] : item", "expr",
     "| not stripped: |eth0 read as leaving eth0 out, success answered"),
    (F, "rest.StartsWith('!')", "item[0] == '!'", "expr",
     "&! and |! not inverted: &!eth1 read as leaving eth0 out, success answered"),
    (F, "optionalMatched || !anyOptional", "optionalMatched", "expr",
     "a list of mandatory patterns only read as matching nothing: !eth1;!eth2 not refused"),
]
