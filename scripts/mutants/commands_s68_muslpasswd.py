# Mutants of session 68's musl reading of /etc/passwd: MuslPasswdReading (the line musl's getpwnam takes as
# root's entry: the name from the line's first byte, a line's last byte dropped as its newline, the line ending
# at a NUL, a uid and a gid of digits only, seven fields or more) and PasswdFile's use of it (the other root
# line musl reads gets the hash unless it is x or *, busybox's two that send a login to the shadow file; the
# first field replaced is the one reported; a written glibc root line ending the file gets its newline).
# Killed by MuslPasswdFieldTests (each written file read back with a getpwnam built with musl-gcc and with
# glibc's getpwnam; the model against the real getpwnam) and RootPasswdFieldTests.
# Outcome (session 68): 10 of 10 killed (run from a clone of the branch). Mutants 7 and 8 target the lambda
# PasswdFile passes for musl's line (a collection expression could not be switched). The retargeted
# commands_s57_passwd_field.py 3 and 4 and commands_s58_passwd.py 9 run again: 3 of 3 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Security.MuslPasswdFieldTests", "-class", "GuestAgent.Commands.Tests.Security.RootPasswdFieldTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
R = "src/Agent.Commands/Security/MuslPasswdReading.cs"
P = "src/Agent.Commands/Security/PasswdFile.cs"
MUTANTS = [
    (R, "text.AsSpan(start, next - 1 - start)", "text.AsSpan(start, newline < 0 ? next - start : next - 1 - start)", "expr",
     "a last line without a newline read whole, where musl drops its last byte"),
    (R, "nul >= 0", "false", "expr",
     "a line read past a NUL byte, where musl's parser stops at it"),
    (R, "count is 2 or 3", "count is 2", "expr",
     "a gid that is not digits taken"),
    (R, "return count >= 7;", "return count >= 4;", "stmt",
     "a line of four to six fields taken as an entry"),
    (R, "line.StartsWith(prefix, StringComparison.Ordinal)", "line.TrimStart().StartsWith(prefix, StringComparison.Ordinal)", "expr",
     "blanks before the name skipped, as glibc skips them and musl does not"),
    (P, "musl >= 0 && musl != glibc", "false", "expr",
     "musl's other root line left with the old field"),
    (P, "muslField is Shadowed or BusyboxShadowed", "muslField is Shadowed", "expr",
     "a * on musl's line replaced, where busybox already checks the shadow entry"),
    (P, "muslField is Shadowed or BusyboxShadowed", "muslField is Shadowed or BusyboxShadowed or \"##root\"", "expr",
     "a ##root on musl's line left, which busybox checks as a hash no password matches"),
    (P, "text += \"\\n\";", "", "stmt",
     "a written root line ending the file left without the newline musl needs"),
    (P, "replaced = replaced.Length == 0 ? current : replaced;", "replaced = current;", "stmt",
     "the field reported replaced musl's line's, not glibc's entry's"),
]
