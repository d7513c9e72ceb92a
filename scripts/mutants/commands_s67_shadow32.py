# Session 67: a shadow number glibc 2.36 reads only when strtoul's value fits in 32 bits (-1, which strtoul makes
# 2^64 - 1, and 4294967296 make getspnam pass the line over; older glibc sources clamp them and read it). A root
# line with such a number before any line every glibc reads is ShadowLineReading.DependsOnGlibc and the file
# answers 'Unknown password file format' (ShadowEntryShape.ReadingWithNewLastChange/NumberOf, ShadowFile.TryFindEntry).
# Killed by GlibcShadowEntryTests (each file also read through the real getent with it bound over /etc/shadow)
# and ShadowFileTests. Run: scripts/mutants/mutate.py scripts/mutants/commands_s67_shadow32.py
# Outcome (session 67): 8 of 8 killed (run from a clone of the branch), all by GlibcShadowEntryTests.
# Session 70: the 32-bit arithmetic moved into ShadowEntryShape.IsWithin32Bits (shared with PasswdFile): mutant 6
# retargeted at NumberOf's mapping (a value beyond 64 bits taken as no number); rerun from a clone of the branch: killed (GlibcShadowEntryTests).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.GlibcShadowEntryTests", "-class", "*.ShadowFileTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
SF = "src/Agent.Commands/Security/ShadowFile.cs"
SH = "src/Agent.Commands/Security/ShadowEntryShape.cs"
MUTANTS = [
    (SH, "numbers.Contains(Number.Beyond32Bits) ? ShadowLineReading.DependsOnGlibc : ShadowLineReading.Read", "ShadowLineReading.Read", "expr",
     "a number beyond 32 bits read (session 56's rule): the hash written into a line glibc 2.36 passes over"),
    (SH, "numbers.Contains(Number.Beyond32Bits) ? ShadowLineReading.DependsOnGlibc : ShadowLineReading.Read",
     "numbers.Contains(Number.Beyond32Bits) ? ShadowLineReading.Unread : ShadowLineReading.Read", "expr",
     "such a line passed over as glibc 2.36 does: a later root line written, which older glibc never reads"),
    (SH, "(negative ? unchecked(0 - value) : value) <= uint.MaxValue", "value <= uint.MaxValue", "expr",
     "a minus sign ignored: -1 taken as 1"),
    (SH, "(negative ? unchecked(0 - value) : value) <= uint.MaxValue", "negative ? value == 0 : value <= uint.MaxValue", "expr",
     "only -0 of the negative numbers fits (strtoul makes -18446744073709551615 one)"),
    (SH, "(negative ? unchecked(0 - value) : value) <= uint.MaxValue", "(negative ? unchecked(0 - value) : value) <= int.MaxValue", "expr",
     "31 bits, not 32: 4294967295 taken as beyond"),
    (SH, "IsWithin32Bits(digits, negative) ? Number.Within32Bits : Number.Beyond32Bits",
     "IsWithin32Bits(digits, negative) ? Number.Within32Bits : !ulong.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _) ? Number.None : Number.Beyond32Bits", "expr",
     "a number beyond 64 bits (strtoul's ERANGE) taken as no number: the line passed over"),
    (SH, "3", "2", "expr",
     "the last-change day, which is replaced, judged too", "for (var i = 3; i < numbers.Length; i++)"),
    (SF, "unreadable = true;\n                    break;", "break;", "stmt",
     "a line only some glibc reads answered 'No root entry'"),
]
