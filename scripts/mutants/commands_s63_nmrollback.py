# Mutants of session 63's NetworkManager undoing, the state before the change put back in its boot:
# an interface NetworkManager named no connection for before the change disconnected again at the end
# of a rollback (nmcli device disconnect, ThisBootOnly), our own keyfile the operator made manual
# (autoconnect=false, read as NetworkManager's keyfile plugin does) never brought up again by the
# repeated up nor, where dropped, by UpAgain, but taken down (nmcli connection down) so autoconnect
# gives what a boot does, and brought up again in the change's boot only where it was active; and
# NetworkManager's answer unknown (null) on every failure of the question, never "none active".
# Killed by NetworkManagerRecoveryAcrossBootsTests and NetworkManagerManualConnectionTests (the real
# NetworkManager 1.42 in a namespace: a rollback, recovery in the same boot and after a power cut,
# compared with the state before the change and with the next boot) and NetworkManagerActiveBeforeTests.
# Outcome (session 63): 15 of 15 killed (1, 2 and 10 by the plan's step list alone: a repeated up before the
# take-down, or UpAgain of a dropped manual keyfile, ends in the same state on the daemon, one more flap;
# 11-15 by the question's and the autoconnect reading's unit tests; the rest by the real daemon).
# Session 65 (nmblock): 5 retargeted at NetworkManagerBackend.Unconnected, where the disconnect moved (now planned only
# where the device's autoconnect was off or not known), and rerun from a clone of the branch: killed (RecoveryAcrossBoots).
# Session 66: 11 to 14 retargeted at NmcliQuestion (both questions to nmcli share its asking; "none" is its notRunning
# answer there) and rerun from a clone of main: all 4 killed (NetworkManagerActiveBeforeTests).
# Session 66 (nmblanks): 15 retargeted at Autoconnects' call of IsFalse, which now reads autoconnect with GLib's blanks for both
# the refusal and the plan, and rerun from a clone of the branch: killed (NetworkManagerManualConnectionTests' autoconnect=0 row).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.NetworkManagerRecoveryAcrossBootsTests",
             "-class", "GuestAgent.Commands.Tests.Network.NetworkManagerManualConnectionTests",
             "-class", "GuestAgent.Commands.Tests.Network.NetworkManagerActiveBeforeTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
B = "src/Agent.Commands/Network/Backends/NetworkManagerBackend.cs"
Q = "src/Agent.Commands/Network/Detection/NmcliQuestion.cs"
F = "src/Agent.Commands/Network/Rendering/NetworkManagerForeignKeyfiles.cs"
MUTANTS = [
    (B, "current.Exists(NetworkManagerRenderer.PathFor(n)) && Autoconnects(current, n)", "current.Exists(NetworkManagerRenderer.PathFor(n))", "expr",
     "a manual keyfile's up repeated: recovery after a reboot brings up ours, which no boot activates"),
    (B, "dropped.Where(n => Autoconnects(current, n)).Select(UpAgain)", "dropped.Select(UpAgain)", "expr",
     "a dropped interface's manual keyfile brought up again by every rollback"),
    (B, "interfaces.Where(n => current.Exists(NetworkManagerRenderer.PathFor(n)) && !Autoconnects(current, n)).Select(Down)", "Array.Empty<ApplyStep>()", "expr",
     "our manual connection not taken down: the change's connection stays active until the next boot"),
    (B, "interfaces.Concat(dropped).SelectMany(n => AsBefore(n, facts, current))", "interfaces.SelectMany(n => AsBefore(n, facts, current))", "expr",
     "what a dropped interface had before not put back"),
    (B, "return ApplyStep.Try(\"nmcli\", \"device\", \"disconnect\", interfaceName) with { ThisBootOnly = true };", "return null;", "stmt",
     "an interface with no connection before gets ours from a rollback"),
    (B, "ApplyStep.Try(\"nmcli\", \"device\", \"disconnect\", interfaceName) with { ThisBootOnly = true }", "ApplyStep.Try(\"nmcli\", \"device\", \"disconnect\", interfaceName)", "expr",
     "recovery after a reboot disconnects what the boot gives"),
    (B, "yield return ApplyStep.Run(\"nmcli\", \"connection\", \"up\", NetworkManagerRenderer.ConnectionId(interfaceName)) with { ThisBootOnly = true };", "", "stmt",
     "our manual connection brought up by hand not back after a rollback"),
    (B, "ApplyStep.Run(\"nmcli\", \"connection\", \"up\", NetworkManagerRenderer.ConnectionId(interfaceName)) with { ThisBootOnly = true }", "ApplyStep.Run(\"nmcli\", \"connection\", \"up\", NetworkManagerRenderer.ConnectionId(interfaceName))", "expr",
     "recovery after a reboot brings up our manual connection active in the earlier boot"),
    (B, "connection.Name != NetworkManagerRenderer.ConnectionId(interfaceName)", "true", "expr",
     "ours active before brought up by UUID whatever its keyfile (a manual one after a reboot too)"),
    (B, "ApplyStep.Try(\"nmcli\", \"connection\", \"down\", NetworkManagerRenderer.ConnectionId(interfaceName))", "ApplyStep.Run(\"nmcli\", \"connection\", \"down\", NetworkManagerRenderer.ConnectionId(interfaceName))", "expr",
     "the take-down of our manual connection must succeed: a rollback fails where it is not active"),
    (Q, "return null;", "return notRunning;", "stmt",
     "no time left answered as none active: a rollback disconnects every interface", "            return null;\n        }\n\n        ProcessResult result;"),
    (Q, "return null;", "return notRunning;", "stmt",
     "a missing nmcli answered as none active", "logUnknown(exception.Message);\n            return null;"),
    (Q, "return null;", "return notRunning;", "stmt",
     "a failing or hanging nmcli answered as none active", "code {result.ExitCode}\");\n                return null;"),
    (Q, "result.ExitCode != NotRunning || result.TimedOut", "true", "expr",
     "NetworkManager not running answered as unknown"),
    (F, "IsFalse(Value(groups, \"connection\", \"autoconnect\"))", "IsFalse(Value(groups, \"connection\", \"autoconnect\")) && Value(groups, \"connection\", \"autoconnect\") != \"0\"", "expr",
     "autoconnect=0 read as autoconnecting", "KeyfileGroups(text) is { } groups && IsFalse(Value(groups, \"connection\", \"autoconnect\"))"),
]
