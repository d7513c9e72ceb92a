# Mutants of session 65's NetworkManager rollback for a device that had no connection before the change:
# `nmcli device disconnect` (which turns the device's autoconnect off for the boot) only where NetworkManager
# said its autoconnect was off (an operator's disconnect) or did not say (as before the question); nothing
# where autoconnect was on and the device unavailable (no carrier); `nmcli connection down guest-agent-<if>`
# where autoconnect was on otherwise (ours taken down by hand). The second question
# (`nmcli ... GENERAL.DEVICE,GENERAL.STATE,GENERAL.AUTOCONNECT device show`, NetworkManagerDevices) asked
# after the first, its state read by number and its autoconnect as yes/no. Killed by
# NetworkManagerAutoconnectTests (the real NetworkManager 1.42 in a namespace: no carrier at the change and
# the carrier back after the rollback; ours taken down by hand; a device disconnected by hand; a connection
# added after the rollback) and ResetNetworkEndToEndTests (the questions in root mode's actions log).
# Outcome (session 65): 9 of 9 killed (1, 3 and 4 by the real daemon, 1 failing both real cases as the defect did; 2 by
# the unknown-answer planning test and root mode's actions; 5 by root mode's actions; 6-9 by the answer's parsing tests).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.NetworkManagerAutoconnectTests",
             "-class", "GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
B = "src/Agent.Commands/Network/Backends/NetworkManagerBackend.cs"
D = "src/Agent.Commands/Network/Detection/NetworkManagerDevices.cs"
MUTANTS = [
    (B, "device?.Autoconnect != true", "true", "expr",
     "the defect: every device without a connection disconnected, blocked for the boot where autoconnect was on"),
    (B, "device?.Autoconnect != true", "device?.Autoconnect == false", "expr",
     "not known taken for autoconnecting: a hand-disconnected device not disconnected again when the question failed"),
    (B, "device.State == NetworkManagerDevices.Unavailable ? null : Down(interfaceName) with { ThisBootOnly = true }", "Down(interfaceName) with { ThisBootOnly = true }", "expr",
     "ours taken down on a device without carrier too: ours blocked where its carrier's return would bring it"),
    (B, "device.State == NetworkManagerDevices.Unavailable ? null : Down(interfaceName) with { ThisBootOnly = true }", "null", "expr",
     "ours not taken down where the operator had: the repeated up leaves it active"),
    (B, "active is null ? null : await NetworkManagerDevices.ReadAsync(processes, timeout - asked.Elapsed, logger, cancellationToken).ConfigureAwait(false)", "null", "expr",
     "the device question never asked: every device without a connection disconnected"),
    (D, "fields[1].Split(' ', 2)[0]", "fields[1]", "expr",
     "the state read whole ('20 (unavailable)'): never unavailable, ours taken down on a device without carrier"),
    (D, "fields[1] switch { \"yes\" => true, \"no\" => false, _ => null }", "fields[1] == \"yes\"", "expr",
     "a word other than yes/no read as autoconnect off"),
    (D, "Keep();\n                    (device, state, autoconnect) = (fields[1], null, null);", "(device, state, autoconnect) = (fields[1], null, null);", "stmt",
     "only the last device of the answer kept"),
    (D, "return null;", "break;", "stmt",
     "a line not understood skipped: a field before any device or of another name trusted", "default:\n                    return null;"),
]
