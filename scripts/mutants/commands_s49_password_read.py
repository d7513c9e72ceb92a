# Mutants of session 49's fix: a password file the system refuses to read (EACCES from an LSM, EIO) is
# answered "Couldn't read the password file: <reason>" (RootPasswordSetter.Read), before hashing and again
# under the lock; mutated, such a read escapes as an unexpected exception ("failed with an internal error").
# Run: scripts/mutants/mutate.py scripts/mutants/commands_s49_password_read.py
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.PasswordFileReadFailureTests", "-class", "*.PasswordCommandTests", "-class", "*.MasterPasswdTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 300
RP = "src/Agent.Commands/Security/RootPasswordSetter.cs"
MUTANTS = [
    (RP, 'ShadowFile.TryGetHash(Read(() => system.FileSystem.ReadAllBytes(ShadowPath)), "root", out var field)',
     'ShadowFile.TryGetHash(system.FileSystem.ReadAllBytes(ShadowPath), "root", out var field)', "expr",
     "password read: the read before hashing unguarded"),
    (RP, "NewContents(Read(() => system.FileSystem.ReadAllBytes(ShadowPath)), password, days, hashedFor, hash, out var outcome, cancellationToken)",
     "NewContents(system.FileSystem.ReadAllBytes(ShadowPath), password, days, hashedFor, hash, out var outcome, cancellationToken)", "expr",
     "password read: the read under the lock unguarded"),
    (RP, 'throw new CommandException($"{PasswordMessages.ReadFailed}: {IoFailureReason.Of(exception)}", exception);', "throw;", "stmt",
     "password read: a refused read rethrown as it came"),
]
