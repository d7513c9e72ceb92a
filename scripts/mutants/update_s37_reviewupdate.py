# Mutants of session 37's review of the agentupdate xz watch (reviewupdate): XzBlockHeaderWatch now keeps the decoder's
# position itself (counted from every read it passes on) instead of asking the archive for it at every byte the range decoder
# reads, and each read calls Reach only when it reaches the next header; the index's end of the watch is long.MaxValue, so
# that test is one comparison. Mutated: the position not counted (bulk reads, byte reads), the guards that skip Reach, the
# end-of-file byte counted, and the old end marker (-1). Not mutated: Reach's loop and the archive put back, which
# update_s37_update13.py's 21 and 26 cover (retargeted at this code).
# Run: scripts/mutants/mutate.py scripts/mutants/update_s37_reviewupdate.py
# Session 37 (reviewupdate), 2026-12-03, on commit 0b50b348: 6 mutants, 3 killed (1, 2 and 6, by every intact file of several
# blocks and the later blocks' headers), 3 survived (baseline: the 96 tests of the four classes, all passing). 3 and 4 each
# survived because SharpCompress reaches headers with reads of both kinds, so either kind alone still finds every header,
# one read late and before the decoder acts on it; the new XzBlockHeaderWatchTests.Any_read_that_reaches_a_header_has_it_judged_first
# (a read of the whole file, or of a byte at a time, straight through the watch) kills both (rerun on 1317a815, baseline 100
# passing). 5 SURVIVED, equivalent: the end of the file is only read on a file cut short (the decoder reads up to its footer
# and no further); counted as a byte, it makes the watch look for its next header past the end and refuse it as cut short
# ("the file ends inside an xz block header"), where the decoder refuses the same file as corrupt: the same "corrupt or cut
# short" either way.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*XzHandBuiltStreamTests", "-class", "*XzBlockHeaderWatchTests", "-class", "*XzFiltersAndChecksTests", "-class", "*XzRecordSizeTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 900
XW = "src/Agent.Commands/Update/XzBlockHeaderWatch.cs"
MUTANTS = [
    (XW, "_position += read;", "", "stmt", "xz: what a read hands the decoder not counted (headers looked for too early)"),
    (XW, "_position++;", "", "stmt", "xz: a byte the range decoder reads not counted"),
    (XW, "_next < _position + buffer.Length", "false", "expr", "xz: a read of many bytes never reaches a header"),
    (XW, "_next <= _position", "false", "expr", "xz: a read of one byte never reaches a header"),
    (XW, "read >= 0", "true", "expr", "xz: the end of the file counted as a byte read"),
    (XW, "size == 0 ? long.MaxValue : throw CutShort()", "size == 0 ? -1 : throw CutShort()", "expr", "xz: the index's end of the watch marked -1, as before (every read then reaches it)"),
]
