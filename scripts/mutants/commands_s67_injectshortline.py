# Mutants of session 67's reading of an /etc/passwd line's field count in HomeOwner (Entry): a line of six fields
# (no shell, bob:x:1001:1001::/home/bob) is an account, as glibc's getpwnam reads it (an empty shell, which sshd takes
# as /bin/sh and logs in), so its home is its user's (only seven fields counted before: the key was root's 0600, and sshd
# logged "Could not open user 'bob' authorized keys ...: Permission denied"); one of five has no home for glibc (the
# fifth field is the comment); one of eight or more has the rest as its shell (/bin/sh:extra), which sshd refuses.
# Killed by InjectFileHomeOwnerTests (A_line_of_six_fields_without_a_shell_owns_its_home_and_one_of_five_or_eight_does_not,
# each case checked with getent passwd and pwd.getpwnam, eight fields with the real sshd) and InjectFileSshUseraddTests
# (the real useradd and sshd, StrictModes on), with InjectFileOwnerTests run too.
# Outcome (session 67): 3 of 3 killed (run from a clone of the branch): 1 also by the real sshd login, 2 and 3 by their getent-checked case.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.InjectFileHomeOwnerTests", "-class", "*.InjectFileSshUseraddTests", "-class", "*.InjectFileOwnerTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
H = "src/Agent.Commands/Files/HomeOwner.cs"
MUTANTS = [
    (H, "fields.Length is not (6 or 7)", "fields.Length != 7", "expr",
     "the defect put back: a line of six fields (no shell) no account, bob's key root's 0600"),
    (H, "fields.Length is not (6 or 7)", "fields.Length < 6", "expr",
     "a line of eight fields (its shell /bin/sh:extra, which sshd refuses) taken as an account"),
    (H, "fields.Length is not (6 or 7)", "fields.Length is not (5 or 6 or 7)", "expr",
     "a line of five fields read for a home glibc does not give it: an exception, the injection failing"),
]
