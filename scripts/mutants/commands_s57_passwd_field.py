# Session 57: root's /etc/passwd field gets the new hash too when it is not x or ##root (pam_unix checks
# that field then, not /etc/shadow), in the first root line glibc's getpwnam reads (PasswdFile), after
# /etc/shadow and under the same lock. Run: scripts/mutants/mutate.py scripts/mutants/commands_s57_passwd_field.py
# Outcome (session 57): 18 of 18 killed (the stale-hash mutant once PasswordFileLockTests' entry-changed-meanwhile
# test had an /etc/passwd; the link mutant by A_link_at_etc_passwd_is_not_followed_and_only_the_shadow_file_changes).
# After the blank skip moved into ShadowEntryShape (session 57's review), mutant 2 run again: killed.
# Session 58: /etc/passwd is read through links now (a link behind which root's field needs the hash is
# refused), so mutant 18 (a link or directory at /etc/passwd read) was retargeted at the regular-file check
# of the path the links lead to, as a FIFO there read (commands_s58_passwd.py has the directory's); run
# again: killed (timeout, the read waiting on the FIFO).
# Session 68: mutants 3 and 4 retargeted at the glibc predicate PasswdFile.WithHash passes (glibcField ==),
# where musl's line came in (commands_s68_muslpasswd.py); run again: see that batch's outcome line.
# Session 70: PasswdFile's id check now shares ShadowEntryShape.IsWithin32Bits (strtoul's value modulo 2^64, so
# -18446744073709551615 is read as 1): mutants 11 to 13 retargeted there (11 at PasswdFile's call, 12 and 13 at
# the shared comparison); rerun from a clone of the branch: first all three survived (since session 68 musl's
# other root line gets the hash too, so glibc's reading an extra line went unseen); RootPasswdFieldTests'
# No_passwd_change rows (-1, 2^32, 9999999999 before root's x line) added; rerun: 3 of 3 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.RootPasswdFieldTests", "-class", "*.PasswordCommandTests", "-class", "*.PasswordFileLockTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
PF = "src/Agent.Commands/Security/PasswdFile.cs"
RS = "src/Agent.Commands/Security/RootPasswordSetter.cs"
SH = "src/Agent.Commands/Security/ShadowEntryShape.cs"
MUTANTS = [
    (PF, "IsReadable(text[name..lineEnd])", "true", "expr", "passwd: the first root line edited whether glibc reads it or not"),
    (PF, "ShadowEntryShape.SkipWhiteSpace(text, start, lineEnd)", "start", "expr", "passwd: blanks before the name not skipped, root's entry missed"),
    (PF, "glibcField == Shadowed", "false", "expr", "passwd: an x field overwritten"),
    (PF, "glibcField == \"##\" + user", "false", "expr", "passwd: a ##root field overwritten"),
    (PF, "fields.Length >= 4", "fields.Length >= 3", "expr", "passwd: a line ending before its gid read"),
    (PF, "IsId(fields[2])", "true", "expr", "passwd: any uid read"),
    (PF, "IsId(fields[3])", "true", "expr", "passwd: any gid read"),
    (PF, "field.AsSpan().TrimStart(ShadowEntryShape.WhiteSpace)", "field.AsSpan()", "expr", "passwd: blanks before a number refused"),
    (PF, "digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9')", "digits.IsEmpty", "expr", "passwd: any text read as a number"),
    (PF, "digits.Length > 0 && digits[0] == '-'", "false", "expr", "passwd: a negative id read as its absolute value"),
    (PF, "ShadowEntryShape.IsWithin32Bits(digits, negative)", "negative || ShadowEntryShape.IsWithin32Bits(digits, negative)", "expr", "passwd: any negative id read"),
    (SH, "(negative ? unchecked(0 - value) : value) <= uint.MaxValue", "(negative ? unchecked(0 - value) : value) <= 9999999999UL", "expr", "passwd: a ten-digit id above 32 bits read"),
    (SH, "(negative ? unchecked(0 - value) : value) <= uint.MaxValue", "(negative ? unchecked(0 - value) : value) <= 4294967296UL", "expr", "passwd: an id of 2^32 read"),
    (RS, "unconfirmed = InstallLoginFile(system, PasswdPath, passwd) ?? unconfirmed;", "_ = passwd;", "stmt", "setter: /etc/passwd never written"),
    (RS, "InstallLoginFile(system, PasswdPath, passwd) ?? unconfirmed", "InstallLoginFile(system, PasswdPath, passwd)", "expr", "setter: shadow's unconfirmed write forgotten once passwd's is confirmed"),
    (RS, "path != ShadowPath && path != PasswdPath", "path != ShadowPath", "expr", "setter: passwd's unconfirmed write swallowed as a staged file's"),
    (RS, "written = newHash;", "written = hash ?? \"\";", "stmt", "setter: passwd gets the hash made before the lock, not the one written (root's shadow entry changed meanwhile)"),
    (RS, "!IsRegularFile(system, real.Path)", "!system.FileSystem.FileExists(real.Path)", "expr", "setter: a FIFO at /etc/passwd (or behind its link) read"),
]
