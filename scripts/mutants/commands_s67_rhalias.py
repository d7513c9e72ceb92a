# Mutants of session 67's Red Hat alias fix: StaleInterfaceFiles judges an alias file (ifcfg-em1:1, ifcfg-eth9.100:1) by its
# device, whose files it goes and stays with (initscripts' ifup-aliases brings ifcfg-<DEVICE>:* up with the device, never
# alone): kept with a present device left alone, moved aside with a device that is ours or gone (a gone VLAN's alias
# too), and an alias whose own part is no plain name (eth9:2.bak, eth9:1~, eth9.100:1.old) left as a backup or leftover.
# Killed by StaleInterfaceFilesTests (a reset on a CentOS root with em1 present and not configured).
# Left out as equivalent: colon > 0 as colon >= 0 (an empty device is no plain name and no VLAN: kept either way).
# Outcome (session 67): 3 of 3 killed (run from a clone of main), each by StaleInterfaceFilesTests' alias reset.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Network.StaleInterfaceFilesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Network/Rendering/StaleInterfaceFiles.cs"
MUTANTS = [
    (F, "systemInterfaces.Contains(device)", "systemInterfaces.Contains(name[prefix.Length..])", "expr",
     "an alias judged by its own name (before session 67): em1:1 of a present em1 left alone moved aside"),
    (F, "VlanParent(device)", "VlanParent(name[prefix.Length..])", "expr",
     "a VLAN's alias judged by its own name: eth9.100:1 of a gone eth9 kept"),
    (F, "colon > 0 && IsPlainName(name[(colon + 1)..])", "colon > 0", "expr",
     "any alias part taken: eth9:2.bak and eth9:1~ moved aside, which are backups"),
]
