# Mutants of session 31's review-shell: ShellBracketScan.Closing remembers what it found per text, so an expansion nested
# in a double-quoted ${X:-…} (looked for by QuoteSplits and again by the scan around it) costs one scan, not 2^depth.
# Run: scripts/mutants/mutate.py scripts/mutants/network_s31_reviewshell.py
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ShellSubstitutionSyntaxTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
# The survivor-free run takes ~40 s at load 30; the mutant makes one case run for 2^40 scans, killed by the timeout.
TIMEOUT = 150
B = "src/Agent.Commands/Network/Rendering/Common/ShellBracketScan.cs"
MUTANTS = [
    (B, "Found.GetValue(text, static _ => new())", "new()", "expr", "closing: nothing remembered (each nesting level doubles the scans)"),
]
