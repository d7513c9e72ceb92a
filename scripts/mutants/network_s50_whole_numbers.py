# Mutants of session 50's whole numbers: JsonFields.GetInteger takes a JSON number written with a fraction or an exponent
# when its value is whole (enabled 1.0, netmask 64.0 or 6.4e1), as the original agent's int() did, and refuses 0.5.
# Not mutable: the TryGetDouble(out var …) guard (mutate.py cannot wrap a declaration); not mutated: the 2^63 bound, whose
# removal changes nothing a test can see (.NET's double-to-long conversion saturates, and no field takes a number that large).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s50_whole_numbers.py
# Outcome (session 50): 3 of 3 killed (1 by the 0.5 and 64.5 rows, 2 and 3 by the whole-number rows).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetworkInputTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
JF = "src/Agent.Commands/Network/Parsing/JsonFields.cs"
MUTANTS = [
    (JF, "double.IsInteger(real)", "true", "expr", "whole numbers: a fraction taken, truncated (Python's int(0.5))"),
    (JF, "Math.Abs(real) < MaxWholeDouble", "false", "expr", "whole numbers: none taken but an integer's digits (the old code)"),
    (JF, "return (long)real;", "return 0;", "stmt", "whole numbers: every one read as zero"),
]
