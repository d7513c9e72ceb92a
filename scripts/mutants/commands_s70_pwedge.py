# Mutants of session 70's password-path fixes: root's /etc/passwd entry is the first line glibc's getpwnam
# reads, its uid and gid read as strtoul reads them (a "-" value negated modulo 2^64, so
# -18446744073709551615 is uid 1; within 32 bits), the arithmetic shared with the shadow reader
# (ShadowEntryShape.IsWithin32Bits); and the tcb scheme: anything at /etc/tcb/root/shadow (a file, a link, a
# directory), which musl's getspnam reads instead of /etc/shadow, is refused before anything changes, while
# another user's tcb directory or /etc/tcb/root not a directory is not. Killed by RootPasswdFieldTests (each
# passwd shape read back through glibc's getpwnam), GlibcShadowEntryTests (getent shadow) and TcbShadowTests
# (musl's getspnam with the test's /etc bound over /etc). And injectfile's HomeOwner: the injected path and each
# passwd home compared with their links followed (Silverblue and CoreOS route /home through a root-made link to
# var/home), killed by InjectFileHomeOwnerTests.
# Outcome (session 70): 8 of 8 killed (run from clones of the branch): 1 by RootPasswdFieldTests' 20-digit negative
# ids (read through glibc's getpwnam), 2 and 3 by GlibcShadowEntryTests (-1, beyond 64 bits), 4 to 6 by
# TcbShadowTests, 7 and 8 by InjectFileHomeOwnerTests' /home -> var/home cases.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "GuestAgent.Commands.Tests.Security.RootPasswdFieldTests", "-class", "GuestAgent.Commands.Tests.Security.GlibcShadowEntryTests",
             "-class", "GuestAgent.Commands.Tests.Security.TcbShadowTests", "-class", "GuestAgent.Commands.Tests.Files.InjectFileHomeOwnerTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitchesS70Pwedge"
SWITCH_DIR = "src/Agent.Commands"
P = "src/Agent.Commands/Security/PasswdFile.cs"
E = "src/Agent.Commands/Security/ShadowEntryShape.cs"
R = "src/Agent.Commands/Security/RootPasswordSetter.cs"
H = "src/Agent.Commands/Files/HomeOwner.cs"
MUTANTS = [
    (P, "ShadowEntryShape.IsWithin32Bits(digits, negative)",
     "negative ? digits.TrimStart('0').IsEmpty : ShadowEntryShape.IsWithin32Bits(digits, false)", "expr",
     "before session 70: only -0 a negative id glibc reads, so a -18446744073709551615 root line passed over"),
    (E, "(negative ? unchecked(0 - value) : value) <= uint.MaxValue", "value <= uint.MaxValue", "expr",
     "a minus ignored: -1 read as 1, within 32 bits"),
    (E, "return false;", "return true;", "stmt",
     "a value beyond 64 bits (strtoul's ULONG_MAX) taken as within 32 bits",
     "out var value))\n        {\n            return false;"),
    (R, "Read(() => system.FileSystem.GetStatus(TcbRootShadowPath)) is not null", "false", "expr",
     "the tcb file never looked at: /etc/shadow written, answer 0, musl's logins keep the tcb hash"),
    (R, "Read(() => system.FileSystem.GetStatus(TcbRootShadowPath)) is not null",
     "Read(() => system.FileSystem.GetStatus(TcbRootShadowPath)) is { Kind: FileKind.File }", "expr",
     "only a regular tcb file refused: a link or directory there, which leaves musl no entry, not"),
    (R, "system.FileSystem.GetStatus(TcbRootShadowPath)", "system.FileSystem.GetStatus(\"/etc/tcb/root\")", "expr",
     "the tcb directory looked at, not the file: /etc/tcb/root a plain file (ENOTDIR, musl reads /etc/shadow) refused",
     "system.FileSystem.GetStatus(TcbRootShadowPath)) is not null"),
    (H, "Real(fileSystem, path)", "path", "expr",
     "the injected path compared as the host wrote it: /home/core/... on an OSTree system not core's /var/home/core"),
    (H, "Real(fileSystem, written)", "written", "expr",
     "each home compared as passwd writes it: /home/bob not the /var/home/bob the key goes to, its parent a link"),
]
