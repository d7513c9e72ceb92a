# Session 56: the shadow entry is the first root line glibc reads (ShadowEntryShape), not the first
# line starting with "root:". Run: scripts/mutants/mutate.py scripts/mutants/commands_s56_shadow_shape.py
# Outcome (session 56): 10 of 10 killed (7 once a ten-field line whose expiry is set was tested).
# Session 67 retargeted mutants 1, 5, 8, 9 and 10 at ShadowEntryShape's ReadingWithNewLastChange/NumberOf (the
# 32-bit rule, commands_s67_shadow32.py) and added GlibcShadowEntryTests to the run; all 10 run again: 10 of 10 killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*.ShadowFileTests", "-class", "*.PasswordCommandTests", "-class", "*.MasterPasswdTests", "-class", "*.GlibcShadowEntryTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
SF = "src/Agent.Commands/Security/ShadowFile.cs"
SH = "src/Agent.Commands/Security/ShadowEntryShape.cs"
MUTANTS = [
    (SF, "shadow ? ShadowEntryShape.ReadingWithNewLastChange(line) : ShadowLineReading.Read", "ShadowLineReading.Read", "expr", "shadow: the first root line edited whether glibc reads it or not"),
    (SF, "lastChangeDays is not null", "false", "expr", "shadow: the replace picks the line the hash was not made for"),
    (SF, "unreadable ? PasswordMessages.UnknownFormat : PasswordMessages.NoEntry", "PasswordMessages.NoEntry", "expr", "shadow: an unreadable root line reported as no root entry"),
    (SH, "count < 5", "count < 3", "expr", "shape: three or four fields read"),
    (SH, "IsNumber(numbers[4], count > 5)", "IsNumber(numbers[4], true)", "expr", "shape: an empty maximum age ending the line read"),
    (SH, "count == 6 && fields[5].AsSpan().Trim(WhiteSpace).IsEmpty", "count == 6", "expr", "shape: a sixth field with a number read as the old form"),
    (SH, "count is 8 or 9", "count >= 8", "expr", "shape: ten fields read"),
    (SH, "IsNumber(numbers[7], mayBeEmpty: count == 9)", "IsNumber(numbers[7], mayBeEmpty: true)", "expr", "shape: eight fields ending in an empty expiry read"),
    (SH, "digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9')", "false", "expr", "shape: any text read as a number"),
    (SH, "number == Number.Empty && mayBeEmpty", "number == Number.Empty", "expr", "shape: an empty number allowed at the end of the line"),
]
