# Mutants of PasswordAttempt, the marks that let a password request run again after a crash say
# the password may have changed: marks of other boots, the pair's encoding, the boot id's check.
# Run: scripts/mutants/mutate.py scripts/mutants/password_attempt.py
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*PasswordCrashTests", "-class", "*PasswordAttemptMarkTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 120
A = "src/Agent.Commands/Security/PasswordAttempt.cs"
MUTANTS = [
    (A, "line.StartsWith(boot + \" \", StringComparison.Ordinal)", "true", "expr",
     "marks of earlier boots are kept"),
    (A, "Kept - 1", "Kept", "expr",
     "one mark more than Kept is kept"),
    (A, "$\"{requestId.Length}:{requestId}\\n{value}\"", "$\"{requestId}{value}\"", "expr",
     "the request id and value are hashed without a length prefix (pairs can be confused)"),
    (A, "!boot.Any(char.IsWhiteSpace)", "true", "expr",
     "a boot id with white space is used as is (its marks never match again)"),
]
