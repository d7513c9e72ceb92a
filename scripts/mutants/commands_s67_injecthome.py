# Mutants of session 67's injectfile owner rules (FileInjector.Write, StrandedRootFile, HomeOwner.Entry): an existing
# root-owned file in a person's home that the person cannot read (no read bit for others, nor for their primary group),
# in a directory that is root's or theirs, becomes theirs when injected again (what an injection made before the account
# existed: sshd, reading as the user, could not open the key), its .bak~ staying root's; a root file they can read, a
# file in another user's directory or another user's file keeps its owner; and a home in /etc/passwd written with empty
# or '.' components (/home//bob/, /home/./bob, as useradd keeps them) is the home it names, a relative one none.
# Killed by InjectFileHomeOwnerTests and InjectFileSshUseraddTests (the real useradd and sshd), with InjectFileOwnerTests
# run too.
# Outcome (session 67): 12 of 12 killed (run from a clone of the branch).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.InjectFileHomeOwnerTests", "-class", "*.InjectFileSshUseraddTests", "-class", "*.InjectFileOwnerTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
FI = "src/Agent.Commands/Files/FileInjector.cs"
S = "src/Agent.Commands/Files/StrandedRootFile.cs"
H = "src/Agent.Commands/Files/HomeOwner.cs"
MUTANTS = [
    (FI, "person is { } owner ? StrandedRootFile.ClaimFor(system.FileSystem, path, owner) : null", "null", "expr",
     "the defect put back: the root 0600 key an injection left before the user existed kept by a second injection, sshd unable to open it"),
    (S, "existing.Owner.UserId == 0", "true", "expr", "another user's unreadable file in the home given to its person"),
    (S, "!Readable(existing, person)", "true", "expr", "a root file the person can read (an administrator's 0644 key file) given to them"),
    (S, "(file.Mode & UnixFileMode.OtherRead) != 0", "false", "expr", "a root 0604/0644 file taken as unreadable"),
    (S, "file.Owner.GroupId == person.GroupId", "true", "expr", "a root:root 0640 file taken as readable through a group not theirs"),
    (S, "(file.Mode & UnixFileMode.GroupRead) != 0", "true", "expr", "a root 0600 file of their group taken as readable"),
    (S, "parent.Owner.UserId == 0", "false", "expr", "a file in a root-owned directory (all an early injection made) kept root's"),
    (S, "parent.Owner.UserId == person.UserId", "false", "expr", "a file in the person's own .ssh kept root's"),
    (S, "path[..Math.Max(path.LastIndexOf('/'), 1)]", "path", "expr", "the file's own status taken for its directory's: never claimed"),
    (H, "fields[5].Split('/').Where(segment => segment is not (\"\" or \".\")).ToArray()",
     "fields[5].Trim('/').Split('/').Where(segment => segment != \".\").ToArray()", "expr",
     "empty components kept, as before: /home//bob/ not matched, the key root's 0600"),
    (H, "segment is not (\"\" or \".\")", "segment is not \"\"", "expr", "a home /home/./bob not matched: the key root's 0600"),
    (H, "fields[5].StartsWith('/')", "true", "expr", "a relative home (home/rel) taken as /home/rel"),
]
