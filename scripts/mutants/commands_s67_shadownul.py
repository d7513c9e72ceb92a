# Session 67: glibc reads a shadow or passwd line only up to its first NUL byte (ShadowEntryShape.ReadEnd): a root
# line readable up to it is root's entry (ShadowFile.TryFindEntry, PasswdFile.WithHash), the hash written into
# that part and the bytes from the NUL to the newline kept. Killed by GlibcShadowEntryTests and
# RootPasswdFieldTests (each file read back through the real getent / getpwnam with it bound over /etc).
# Not mutated: ShadowFile's `shadow ?` condition (master.passwd keeps the original's whole-line reading; no test
# can tell FreeBSD's reader here). Run: scripts/mutants/mutate.py scripts/mutants/commands_s67_shadownul.py
# Outcome (session 67): 3 of 3 killed (run from a clone of the branch), by GlibcShadowEntryTests and RootPasswdFieldTests.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.GlibcShadowEntryTests", "-class", "*.RootPasswdFieldTests", "-class", "*.ShadowFileTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
SF = "src/Agent.Commands/Security/ShadowFile.cs"
SH = "src/Agent.Commands/Security/ShadowEntryShape.cs"
PF = "src/Agent.Commands/Security/PasswdFile.cs"
MUTANTS = [
    (SF, "shadow ? ShadowEntryShape.ReadEnd(text, start, nextLine - 1) : nextLine - 1", "nextLine - 1", "expr",
     "shadow: the line read past a NUL, a root line glibc reads passed over"),
    (PF, "ShadowEntryShape.ReadEnd(text, start, nextLine - 1)", "nextLine - 1", "expr",
     "passwd: the line read past a NUL, a root line glibc reads passed over"),
    (SH, "nul < 0 ? end : nul", "end", "expr",
     "no NUL ends a line, for either file"),
]
