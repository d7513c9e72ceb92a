# Mutants of session 34's agentupdate archive checks (update10): XzStreamIndex compares the sizes a block header declares
# (xz -T writes them) with its index record, and the records' uncompressed sizes with the bytes the stream decoded
# (ConcatenatedStream counts them per stream); a block header's CRC32, which SharpCompress checks where it finds the header,
# is still checked there to find each header where the records say;
# ConcatenatedStream answers SharpCompress's NotImplementedException (an xz filter it lacks: delta) as a clear refusal;
# GuardedTarStream refuses a tar ending inside a header or without its end-of-archive block. Mutants 1 and 12 are
# update_s33_reviewupdate.py's retargeted mutants 4 and 1 (same text). Mutants 2, 3, 4, 8 and 9 are the code before this change.
# Run: scripts/mutants/mutate.py scripts/mutants/update_s34_update10.py
# Outcome (2026-12-02): 14 mutants, 13 killed (baseline: the 144 tests of XzIndexTests, XzTrailingDataTests, TarCutAndFuzzTests
# and AgentUpdateCommandTests, all passing). 1-3 by the -T2 headers' changed sizes (2 and 6 also by every valid -T2 file: the
# next number misread, the CRC64 taken for 4 bytes); 4 by a record's uncompressed size -1; 7 and 12 by every valid two-stream
# file and the changed records; 8 by the xz --delta file; 9-11 by the cut tars and the "not a tar" refusal; 13 (run alone,
# added after the others) by the record whose unpadded size is 4 less (the walk ends before the index); 14 (run alone, baseline
# 145 tests) by the records moving block 2's start by four (its header looked for 4 bytes late parses, only its CRC32 fails). 5 SURVIVED, an
# equivalent mutant for every file it can be given short of a crafted one: without the guard, a record larger than what is
# left wraps `undecoded` below zero, and `undecoded != 0` refuses it anyway unless the records add up to exactly 2^64 more
# than the bytes decoded (two records of about 2^63, an index rebuilt around them); the guard stays for that case.
# Session 35 (update11): 1 and 8 retargeted at the code that replaced theirs (the header's size now returned; the message a
# constant), rerun as update_s35_update11.py's 16 and 17.
# Review (review-update, 2026-12-02): 5 is not equivalent: three records grown by 2^63 - 2^40, 2^63 - 2^40 and 2^41 (each
# below xz's 2^63; index and footer rebuilt) add up to exactly 2^64 more; XzIndexTests kills it (update_s34_reviewupdate.py's 1).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*XzIndexTests", "-class", "*XzTrailingDataTests", "-class", "*TarCutAndFuzzTests", "-class", "*AgentUpdateCommandTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 900
XI = "src/Agent.Commands/Update/XzStreamIndex.cs"
XT = "src/Agent.Commands/Update/ConcatenatedXzStream.cs"
CS = "src/Agent.Commands/Update/ConcatenatedStream.cs"
GT = "src/Agent.Commands/Update/GuardedTarStream.cs"
MUTANTS = [
    (XI, "CheckBlockHeader(archive, block, indexStart, unpadded, checkBytes, uncompressed)", "(archive.Position = block) >= 0 ? (archive.ReadByte() + 1) * 4 : 0", "expr", "xz: no block header checked against its index record"),
    (XI, "ReadNumber(header, ref position) != unpadded - checkBytes - (ulong)headerBytes", "false", "expr", "xz: a block header's declared compressed size not compared"),
    (XI, "ReadNumber(header, ref position) != uncompressed", "false", "expr", "xz: a block header's declared uncompressed size not compared"),
    (XI, "undecoded != 0", "false", "expr", "xz: the records' uncompressed sizes may add up to less than the bytes decoded"),
    (XI, "uncompressed > undecoded", "false", "expr", "xz: a record's uncompressed size may exceed what is left of the bytes decoded"),
    (XI, "4UL << ((type - 1) / 3)", "4UL", "expr", "xz: every check taken for 4 bytes"),
    (CS, "_streamBytes = 0;", "", "stmt", "streams: a later stream's decoded bytes counted from the first stream's"),
    (CS, "throw new InvalidArchiveException(UnsupportedFilter);", "throw;", "stmt", "xz: a filter SharpCompress lacks escapes as NotImplementedException (an internal error)"),
    (GT, "!_ended", "false", "expr", "tar: a tar ending inside a header or at one, before its end-of-archive block, taken as whole"),
    (GT, "_headerLength > 0", "false", "expr", "tar: a tar ending inside a header said to end at one"),
    (GT, "!_inspected", "false", "expr", "tar: a file holding no whole block said to be a cut tar, not an unreadable one"),
    (XT, "XzStreamIndex.Check(_archive, _start, StreamBytes);", "", "stmt", "xz: no stream's index or block headers checked (update_s33_reviewupdate.py's mutant 1, retargeted)"),
    (XI, "block != indexStart", "false", "expr", "xz: records whose padded sizes end before the index taken as walking the blocks"),
    (XI, "Crc32(header) != BinaryPrimitives.ReadUInt32LittleEndian(whole[^Crc32Bytes..])", "false", "expr", "xz: a block header looked for where the records say not checked by its CRC32"),
]
