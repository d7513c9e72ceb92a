# Mutants of session 58's networkd [Match] for a name of digits only (by MACAddress=, as networkd refuses
# Name=123 and ignores the file). Killed by NetworkdDaemonTests (the real systemd-networkd; needs root).
# Outcome (session 58): 1 of 2 killed; 2 survives as equivalent in effect (matching eth0 by its MAC works as well).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-method", "*Networkd_applies_every_address_route_and_server_of_our_files"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Network/Rendering/NetworkdRenderer.cs"
MUTANTS = [
    (F, "nic.Name.All(char.IsAsciiDigit)", "false", "expr", "a name of digits matched by Name= again (networkd ignores the file)"),
    (F, "nic.Name.All(char.IsAsciiDigit)", "nic.Name.Any(char.IsAsciiDigit)", "expr", "every name with a digit matched by MAC (eth0 too)"),
]
