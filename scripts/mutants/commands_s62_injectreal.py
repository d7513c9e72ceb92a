# Mutants of session 62's home rule for injectfile (HomeOwner, called from FileInjector.Write): what is made
# inside a person's home in /etc/passwd is theirs where no directory on the way is a user's, so sshd can read
# a key for a user useradd gave no home (or one root made); system accounts, nobody, shared or odd homes and
# what is made above a home stay root's.
# Killed by InjectFileHomeOwnerTests and InjectFileSshUseraddTests (the real sshd), with InjectFileOwnerTests run too.
# Outcome (session 62): 13 of 14 killed; 7 survives, equivalent: the injected path is already absolute and normalised
# (InjectedPath.Validate), so a home with '', '.' or '..' components can never be a prefix of it (the check is redundant).
# Retargeted in session 67 (FileInjector now takes HomeOwner.Of's answer as 'person'; HomeOwner.Entry drops empty and '.'
# components instead of refusing them): 1 and 2 mutate the same choices in their new text; 7 now lets a '..' through
# (still equivalent, as above); 8 turns a trailing slash into one more component (the mutant's old meaning: such a home never matches). Rerun: 13 of 14
# killed, 7 survives as before.
# Retargeted again in session 67 (a line of six fields, no shell, is an account as glibc reads it: Entry takes six or
# seven): 6's old meaning, a line with a field missing read, is now the rule; it keeps its text and now lets a line of
# eight or more fields through (as commands_s67_injectshortline.py's 2). Rerun: killed.
# Session 70: HomeOwner compares the path and each home with their links followed: mutant 9 retargeted at
# realPath.StartsWith; rerun from a clone of the branch: killed (InjectFileHomeOwnerTests).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.InjectFileHomeOwnerTests", "-class", "*.InjectFileSshUseraddTests", "-class", "*.InjectFileOwnerTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
FI = "src/Agent.Commands/Files/FileInjector.cs"
H = "src/Agent.Commands/Files/HomeOwner.cs"
MUTANTS = [
    (FI, "person ?? options.NewFileOwner", "options.NewFileOwner", "expr",
     "the defect put back: a key made root's 0600 in a home useradd never made, which sshd cannot read as the user"),
    (FI, "options.InheritUserDirectoryOwner", "true", "expr",
     "InheritUserDirectoryOwner = false no longer turning the home rule off", "var person = options.InheritUserDirectoryOwner ?"),
    (H, "uid is < FirstUserId or > LastUserId", "uid is 0", "expr", "every account but root's counts: /usr/sbin made daemon's"),
    (H, "uid is < FirstUserId or > LastUserId", "uid is < FirstUserId", "expr", "nobody and uids above UID_MAX count"),
    (H, "uid is < FirstUserId or > LastUserId", "uid is > LastUserId", "expr", "uids below UID_MIN (999) count"),
    (H, "fields.Length is not (6 or 7)", "fields.Length < 6", "expr", "a line of eight or more fields (a shell sshd refuses) read as an account"),
    (H, "!segments.Contains(\"..\")", "true", "expr",
     "a home with '..' in it taken"),
    (H, "fields[5].Split('/')", "(fields[5].EndsWith('/') ? fields[5] + \"x\" : fields[5]).Split('/')", "expr",
     "a home written with a trailing slash never matches"),
    (H, "realPath.StartsWith(home + \"/\", StringComparison.Ordinal)", "realPath.StartsWith(home, StringComparison.Ordinal)", "expr",
     "/home/bo holding /home/bob/..."),
    (H, "home.Length > bestHome.Length", "home.Length < bestHome.Length", "expr", "the shallowest home decides: /srv/bob made /srv's user's"),
    (H, "home.Length == bestHome.Length && owner != best", "false", "expr", "a home two accounts share given to the first"),
    (H, "owner != best", "true", "expr", "one user listed twice with the same home taken as two accounts"),
    (H, "fileSystem.GetStatus(Parent(bestHome)) is not { Kind: FileKind.Directory }", "false", "expr",
     "without /home, /home itself made the user's"),
    (H, "slash == 0 ? \"/\" : home[..slash]", "home[..slash]", "expr", "a home right under / (its parent '') fails the injection"),
]
