# Session 58: /etc/passwd read through links (RealPath) as glibc and pam_unix read it, a file behind a link
# whose root field needs the new hash refused before anything changes; a lock in root's passwd field that the
# new hash replaces logged as an unlock; the crash mark on disk before either login file's write begins;
# a failed /etc/passwd write after /etc/shadow's answered as documented.
# Run: scripts/mutants/mutate.py scripts/mutants/commands_s58_passwd.py
# Outcome (session 58): 11 of 11 killed (4, a FIFO behind the link read, by the timeout: the read waits on it
# for ever; 10, security_keys.py's stronger 15 that survived in session 57, by
# PasswordCrashTests.The_mark_is_on_disk_before_either_login_file_changes). Left out as equivalent: the walk's
# `!real.Complete` (where it stops is a link, never a regular file) and `updated is not null &&` before IsLock
# (no entry, x or ##root: never a lock).
# Session 68: mutant 9 retargeted at `replaced = replaced.Length == 0 ? current : replaced;` (the first field
# replaced, glibc's or musl's line's, reported); run again: see commands_s68_muslpasswd.py's outcome line.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.RootPasswdFieldTests", "-class", "*.PasswordCommandTests", "-class", "*.PasswordCrashTests", "-class", "*.PasswordFileLockTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 240
PF = "src/Agent.Commands/Security/PasswdFile.cs"
RS = "src/Agent.Commands/Security/RootPasswordSetter.cs"
MUTANTS = [
    (RS, "updated is not null", "true", "expr", "setter: every link at /etc/passwd refused, even one to a file whose root field is x", "updated is not null && real.Path != PasswdPath"),
    (RS, "real.Path != PasswdPath", "false", "expr", "setter: a link at /etc/passwd whose file needs the hash not refused (the write fails after /etc/shadow changed)"),
    (RS, "RealPath.Resolve(PasswdPath, system.FileSystem.ReadLink)", "new ResolvedPath(PasswdPath, true, [])", "expr", "setter: a link at /etc/passwd not read through (answer 0, the old field still checked)"),
    (RS, "!IsRegularFile(system, real.Path)", "system.FileSystem.GetStatus(real.Path) is null", "expr", "setter: a directory or FIFO behind the link read (a FIFO waited on under the lock)"),
    (RS, "wasLocked = updated is not null && IsLock(replaced);", "wasLocked = false;", "stmt", "setter: a lock in root's passwd field unlocked silently"),
    (RS, "passwdLocked", "false", "expr", "setter: the passwd field's lock dropped from the outcome", "outcome.WasLocked || passwdLocked"),
    (RS, "outcome.WasLocked", "false", "expr", "setter: the shadow entry's lock dropped once the passwd field is looked at", "WasLocked = outcome.WasLocked ||"),
    (RS, "field.StartsWith('!') || field.StartsWith('*')", "field.StartsWith('!')", "expr", "setter: a disabled (*) field not counted as a lock"),
    (PF, "replaced = replaced.Length == 0 ? current : replaced;", "", "stmt", "passwd: the field replaced not reported"),
    (RS, "beforeChange();", "_ = InstallLoginFile(system, ShadowPath, updated); beforeChange();", "stmt", "setter: /etc/shadow written before the crash mark (and again after it)", "beforeChange();\n        var unconfirmed = InstallLoginFile(system, ShadowPath, updated);"),
    (RS, "unconfirmed = InstallLoginFile(system, PasswdPath, passwd) ?? unconfirmed;", "try { unconfirmed = InstallLoginFile(system, PasswdPath, passwd) ?? unconfirmed; } catch (CommandException) { }", "stmt", "setter: a failed /etc/passwd write after /etc/shadow's answered 0"),
]
