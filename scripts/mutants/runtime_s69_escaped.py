# Mutants of session 69's EscapedText (src/Agent/System/EscapedText.cs), the one way a message shows bytes that
# may not be text, behind DirectoryNames.Shown (DeleteTree's and the undecodable-name reads' errors), MessageText's
# escapes (resetnetwork's refusals) and ArgumentEncoding (the daemon's refusal of a non-UTF-8 argument): which
# bytes ForAnswer keeps (printable ASCII but ' " \ %), which characters ForLog keeps beyond ASCII (not a control,
# format, separator, private-use or unassigned one, nor U+FFFD), each byte of an invalid sequence escaped.
# Killed by EscapedTextTests (each form's kept and escaped bytes, no two byte strings shown alike, the response
# writer leaving an answer's form unchanged) and DeleteTreeTests (a UTF-8 name DeleteTree cannot remove, shown
# so no other name reads the same, through strace's injected EACCES).
# Outcome (session 69): 10 of 10 killed (run from a clone of the branch), all by EscapedTextTests; DeleteTreeTests'
# UTF-8 name fails with several (4 and 6 at least) too.
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "GuestAgent.Tests.Platform.EscapedTextTests", "-class", "GuestAgent.Tests.Platform.DeleteTreeTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
E = "src/Agent/System/EscapedText.cs"
KEPT = "b is >= (byte)' ' and <= (byte)'~' and not (byte)'\\'' and not (byte)'\"' and not (byte)'\\\\' and not (byte)'%'"
CATEGORIES = ("Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format\n"
              "            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator\n"
              "            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate)")
MUTANTS = [
    (E, KEPT, KEPT.replace(" and not (byte)'%'", ""), "expr",
     "% kept: caf%E9 typed reads as the Latin-1 caf\\xE9"),
    (E, KEPT, KEPT.replace(" and not (byte)'\\\\'", ""), "expr",
     "a backslash kept: the response writer turns it into /, and the journal's \\x1B reads as a name's four characters"),
    (E, KEPT, KEPT.replace("<= (byte)'~'", "<= (byte)0x7F"), "expr",
     "DEL kept raw"),
    (E, "rune.Value >= 0x80 && IsKeptBeyondAscii(rune)", "IsKeptBeyondAscii(rune)", "expr",
     "ASCII judged by category too: % and quotes kept, a space escaped"),
    (E, "rune.Value != 0xFFFD", "true", "expr",
     "U+FFFD kept, reading as a lost byte"),
    (E, CATEGORIES, CATEGORIES.replace(" or UnicodeCategory.Format", ""), "expr",
     "format characters kept: a bidirectional override or a zero-width space reaching the log raw"),
    (E, CATEGORIES, CATEGORIES.replace("or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned ", ""), "expr",
     "private-use and unassigned code points kept"),
    (E, CATEGORIES, CATEGORIES.replace(" or UnicodeCategory.SpaceSeparator", ""), "expr",
     "a no-break space kept, reading as a space"),
    (E, "bytes[..consumed]", "bytes[..1]", "expr",
     "only a sequence's first byte escaped, the rest of it dropped"),
    (E, "Encoding.UTF8.GetBytes(text)", "Encoding.Latin1.GetBytes(text)", "expr",
     "a string's characters escaped as Latin-1 bytes: é as %E9, which names the Latin-1 file"),
]
