# Mutants of session 49's fix: a password file the system refuses to read (EACCES from an LSM, EIO) is
# answered "Couldn't read the password file: <reason>" (RootPasswordSetter.Read), before hashing and again
# under the lock; mutated, such a read escapes as an unexpected exception ("failed with an internal error").
# Run: scripts/mutants/mutate.py scripts/mutants/commands_s49_password_read.py
# The two reads' call sites are not mutated: their text is the same (mutate.py finds a text once per file),
# and a mutant holding their `out var` declarations does not compile; PasswordFileReadFailureTests fails
# each read in turn instead. Outcome (session 49): 1 of 1 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.PasswordFileReadFailureTests", "-class", "*.PasswordCommandTests", "-class", "*.MasterPasswdTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
RP = "src/Agent.Commands/Security/RootPasswordSetter.cs"
MUTANTS = [
    (RP, 'throw new CommandException($"{PasswordMessages.ReadFailed}: {IoFailureReason.Of(exception)}", exception);', "throw;", "stmt",
     "password read: a refused read rethrown as it came"),
]
