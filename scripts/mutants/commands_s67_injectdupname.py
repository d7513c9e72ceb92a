# Mutants of session 67's first-line-per-name rule in HomeOwner (FirstForItsName): only the first /etc/passwd
# account line for a name owns its home, as glibc's getpwnam and so sshd read the file (a second bob line sharing his
# home made it "shared" and the key root's 0600, which sshd, logging bob in with the first line's uid, could not open);
# an account line for glibc has a name, a password field and numeric uid and gid (fewer than four fields, or a
# non-numeric uid or gid, is skipped and hides no later line); names compare ordinally (Bob is not bob).
# Killed by InjectFileHomeOwnerTests (Only_the_first_account_line_for_a_name_owns_its_home, each case checked with
# getent passwd) and InjectFileSshUseraddTests (the real useradd and sshd), with InjectFileOwnerTests run too.
# Outcome (session 67): 7 of 7 killed (run from a clone of the branch): 1 and 7 also by the real sshd login, 2 by every
# injection (the empty line after the file's last newline read for its uid throws), the others by their getent-checked case.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.InjectFileHomeOwnerTests", "-class", "*.InjectFileSshUseraddTests", "-class", "*.InjectFileOwnerTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
H = "src/Agent.Commands/Files/HomeOwner.cs"
MUTANTS = [
    (H, "!FirstForItsName(line, names)", "false", "expr",
     "the defect put back: a second line for a name counted as a second account, bob's home shared, his key root's 0600"),
    (H, "fields.Length < 4", "false", "expr", "a line of fewer than four fields (the empty one after the last newline) read for its uid: an exception, every injection failing"),
    (H, "!uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out _)", "false", "expr",
     "a line with a non-numeric uid, which glibc skips, hiding the account after it"),
    (H, "!uint.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out _)", "false", "expr",
     "a line with a non-numeric gid, which glibc skips, hiding the account after it"),
    (H, "names.Add(fields[0])", "names.Add(line)", "expr", "only an identical line taken as the same name's"),
    (H, "new HashSet<string>(StringComparer.Ordinal)", "new HashSet<string>(StringComparer.OrdinalIgnoreCase)", "expr",
     "Bob taken for bob, hiding bob's line"),
    (H, "line.Split(':', 5)", "line.Split(':', 4)", "expr", "the gid read with the rest of the line: no line ever the first for its name"),
]
