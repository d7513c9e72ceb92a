# Mutants of session 36's netplan reading (helper "netplan12"): another netplan file's bytes decoded as libyaml decodes them
# (NetplanFileDecoding, UTF-16 after its mark, else UTF-8, one UTF-8 mark skipped; bytes that are no character and the control
# characters libyaml refuses, refused as netplan fails on them, with when it fails), read through IFileView.ReadBytes
# (NetplanFileReader), a mark at a line's start read as libyaml's column of indentation; an edit keeping a UTF-8 mark and refused for a
# UTF-16 file or a mark at a line's start (NetplanOtherFiles.Rewritten); a merged catch-all's refusal named after the file its match:
# comes from (NetplanAcrossFiles.MatchFrom).
# Not mutated: Utf8's replaceInvalidSequences: false (a named argument; the old code's lenient read is mutant 14), MatchFrom's macaddress key (a kept occurrence's macaddress never catches a configured interface: one that does
# makes the occurrence ours, taken out), InMemoryFileView/RenderedFileView.ReadBytes (UTF-8 of the text they hold: no other bytes to give) and FileSystemView's
# (the real bytes; every end-to-end case reads through it).
# The first two lines never hold "coding" and a colon: Python would take it for the file's encoding cookie (it read UTF-16).
# Run: scripts/mutants/mutate.py scripts/mutants/network_s36_netplan12.py
# Session 36 (netplan12): 24 mutants in two runs (1 3 5 7 9 12-15 17 18 20-23: build 430 s; 2 4 6 8 10 11 16 19 24: build 149 s;
# baseline 41 tests of NetplanEncoding/LineBreaks/AcrossFiles): 23 killed (1-11 failures each); 10 survived, equivalent: CheckPrintable
# reads the text after libyaml's line breaks are written as LF, so a NEL (like a CR) never reaches it. 13, 14, 15, 18, 20 and 21 are
# the code before the fixes: each fails the fix's new tests.
# Session 37 (net13): 12 and 13 retargeted (NetplanFileDecoding.CheckPrintable became Unprintable, which returns where the character is
# and lets the reader refuse it or, for a .yml netplan never reads, note it); the same two mutants are network_s37_net13.py's 7 and 8,
# rerun there.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*NetplanEncodingTests", "-class", "*NetplanLineBreaksTests", "-class", "*NetplanAcrossFilesTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
D = "src/Agent.Commands/Network/Detection/NetplanFileDecoding.cs"
R = "src/Agent.Commands/Network/Detection/NetplanFileReader.cs"
O = "src/Agent.Commands/Network/Rendering/NetplanOtherFiles.cs"
A = "src/Agent.Commands/Network/Rendering/NetplanAcrossFiles.cs"
MUTANTS = [
    # The encoding libyaml takes from the first bytes
    (D, "bytes is [0xFF, 0xFE, ..]", "false", "expr", "a UTF-16LE file read as UTF-8 (refused)"),
    (D, "bytes is [0xFE, 0xFF, ..]", "false", "expr", "a UTF-16BE file read as UTF-8 (refused)"),
    (D, "bytes is [0xEF, 0xBB, 0xBF, ..]", "false", "expr", "a UTF-8 mark kept as text (a mark at line 1's start: the edit refused)"),
    (D, "encoding == NetplanEncoding.Utf16BigEndian", "false", "expr", "a UTF-16BE file read as little-endian"),
    # Bytes that are no character
    (D, "read", "0", "expr", "the refusal's byte offset always 0", ": (null, read)"),
    (D, "mark + invalidAt", "invalidAt", "expr", "the offset counted from after the mark"),
    (D, "bytes.Length % 2 == 0", "true", "expr", "a UTF-16 file ending in half a character read (the byte dropped)"),
    # Characters libyaml refuses
    (D, "c is '\\t' or '\\n' or '\\r' or (>= ' ' and <= '~') or '\\u0085' or (>= '\\u00A0' and <= '\\uFFFD')", "c is '\\t' or '\\n' or '\\r' or (>= ' ' and <= '\\u007F') or '\\u0085' or (>= '\\u00A0' and <= '\\uFFFD')", "expr", "DEL allowed"),
    (D, "c is '\\t' or '\\n' or '\\r' or (>= ' ' and <= '~') or '\\u0085' or (>= '\\u00A0' and <= '\\uFFFD')", "c is '\\t' or '\\n' or '\\r' or (>= ' ' and <= '~') or '\\u0085' or (>= '\\u0080' and <= '\\uFFFF')", "expr", "C1 controls, U+FFFE and U+FFFF allowed"),
    (D, "c is '\\t' or '\\n' or '\\r' or (>= ' ' and <= '~') or '\\u0085' or (>= '\\u00A0' and <= '\\uFFFD')", "c is '\\t' or '\\n' or '\\r' or (>= ' ' and <= '~') or (>= '\\u00A0' and <= '\\uFFFD')", "expr", "NEL refused"),
    (D, "text.AsSpan(0, at).Count('\\n') + 1", "text.AsSpan(0, at).Count('\\n')", "expr", "the character's line counted from 0"),
    (R, "NetplanFileDecoding.Unprintable(text)", "NetplanFileDecoding.Unprintable(written)", "expr",
     "the line counted before libyaml's line breaks are read (a CR alone not counted)"),
    (R, "NetplanFileDecoding.Unprintable(text)", "null", "expr",
     "control characters read (the code before session 36)"),
    # Reading the bytes, and a mark at a line's start
    (R, "Of(files.ReadBytes(path), null, path, failsWhen)",
     "Of(files.ReadText(path) is { } t ? System.Text.Encoding.UTF8.GetBytes(t) : null, null, path, failsWhen)", "expr",
     "the file read through the lenient text view (the code before session 36: invalid bytes replaced with U+FFFD)"),
    (R, "LineStartMark().Replace(text, \" \")", "text", "expr",
     "a mark at a line's start read as text (the code before session 36: <BOM>   eth0: unseen)"),
    (R, "mark.Success ? text.AsSpan(0, mark.Index).Count('\\n') + 1 : null", "null", "expr",
     "a mark at a line's start edited over (written back as a space)"),
    # The edit
    (O, "NetplanFileReader.Read(current, path, FailsWhen(source))", "NetplanFileReader.Read(current, path)", "expr",
     "a file netplan reads only after the next boot said to fail already"),
    (O, "read.Encoding is NetplanEncoding.Utf16LittleEndian or NetplanEncoding.Utf16BigEndian", "false", "expr",
     "a UTF-16 file's edit written in UTF-8 (the code before session 36)"),
    (O, "read.MarkLine is not null", "false", "expr", "a mark at a line's start edited over"),
    (O, "read.Encoding == NetplanEncoding.Utf8WithMark ? \"\\uFEFF\" : string.Empty", "string.Empty", "expr",
     "a UTF-8 file's mark dropped by the edit (the code before session 36)"),
    # The file a merged catch-all's refusal is named after
    (A, "from[0]", "occurrences[0].Source.Path", "expr",
     "named after the first occurrence's file (the code before session 36)", "NetplanCatchAll.Check(from[0],"),
    (A, "from.Length > 1", "false", "expr", "a match merged from several files said to come from one"),
    (A, "Array.FindLastIndex(identities, i => i.MatchName is not null)", "Array.FindIndex(identities, i => i.MatchName is not null)", "expr",
     "a name replaced by a later occurrence taken from the earlier"),
    (A, "Array.FindLastIndex(identities, i => i.MatchDrivers is not null)", "-1", "expr", "a match: driver's file not named"),
]
