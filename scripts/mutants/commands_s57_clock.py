# Mutants of session 57's last-change day on a guest clock at or before the epoch: written empty (aging
# off, as chpasswd does), never 0 (shadow(5): change the password at the next login) or negative.
# Killed by PasswordClockTests (tests/Agent.Commands.Tests/Security/).
# Outcome (session 57): 3 of 3 killed (3 rerun as `days != 0` after its first form also wrote day 0: killed
# by the 1969-12-25 case alone).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.PasswordClockTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
F = "src/Agent.Commands/Security/ShadowFile.cs"
MUTANTS = [
    (F, "\"\"", "\"0\"", "expr", "day 0 or earlier written as 0",
     "days > 0 ? days.ToString(System.Globalization.CultureInfo.InvariantCulture) : \"\""),
    (F, "days > 0", "days >= 0", "expr", "day 0 written as 0 again"),
    (F, "days > 0", "days != 0", "expr", "a day before 1970 written as a negative number"),
]
