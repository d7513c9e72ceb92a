# Mutants of session 37's review of the agentupdate xz watch (reviewupdate): XzBlockHeaderWatch now keeps the decoder's
# position itself (counted from every read it passes on) instead of asking the archive for it at every byte the range decoder
# reads, and each read calls Reach only when it reaches the next header; the index's end of the watch is long.MaxValue, so
# that test is one comparison. Mutated: the position not counted (bulk reads, byte reads), the guards that skip Reach, the
# end-of-file byte counted, and the old end marker (-1). Not mutated: Reach's loop and the archive put back, which
# update_s37_update13.py's 21 and 26 cover (retargeted at this code).
# Run: scripts/mutants/mutate.py scripts/mutants/update_s37_reviewupdate.py
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
