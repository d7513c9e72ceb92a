# Mutants of session 35's agentupdate archive checks (update11): Lzma2Chunks walks each xz block's LZMA2 chunk headers so
# that XzStreamIndex compares each index record's unpadded and uncompressed sizes exactly with its own block's (the padding
# to four bytes hid a record one to three bytes off, and only the records' sum of uncompressed sizes was compared);
# ConcatenatedXzStream refuses a stream whose header names a check type xz reserves, and a first block needing a filter before
# LZMA2, before anything is decoded (SharpCompress's branch filters decode wrongly), and XzStreamIndex every later block's;
# GuardedTarStream's `_ended` pinned by a tar read through the guard to its last byte (review-update's mutant 2, there
# equivalent). Mutants 16 and 17 are update_s34_update10.py's mutants 1 and 8, retargeted at the code that replaced theirs.
# Run: scripts/mutants/mutate.py scripts/mutants/update_s35_update11.py
# Rerun by review-update (2026-12-02) after commit 23d884e7 rewrote Open's reads: 13, 14, 15 and 19 killed (baseline 87 passing;
# 13 by the x86 file with a CRC64, 14 by the seven reserved types, 15 and 19 by the stream and block headers with a stale CRC32).
# Outcome (2026-12-02): 19 mutants, 18 killed (baseline: the 87 tests of XzRecordSizeTests, XzFiltersAndChecksTests,
# XzIndexTests and TarFieldGuardTests, all passing). 1 by the records one byte longer; 2-7, 10 and 12 by the intact files
# (single- and multi-threaded, one block or four; 12 by the -T2 filter theory too); 9 by the traded uncompressed sizes; 11 by
# the later block's chain; 13 by the x86 file with a CRC64 (its check fails first: "corrupt"); 14 by the reserved types; 15
# and 19 by the headers with a stale CRC32; 16 by XzIndexTests' -T2 headers declaring other sizes; 17 by the lone unknown
# filter id 0x22; 18 by the tar read through the guard to its last byte. 8 SURVIVED, equivalent: a chunk header reaching past
# the record's end moves the walk past it too, so the loop ends and refuses anyway, and the bytes read past the end stay in
# the file (the index and the footer follow); the check stays to say where the walk may read.
# Session 37 (update13): the block headers are checked whole as the decoder reaches each (XzBlockHeader, XzBlockHeaderWatch)
# and Lzma2Chunks.Next reads one chunk header for the walk and the watch: 6 and 7 retargeted in place at Next's stored chunk,
# 8 removed with its code (the walk reads a chunk header reaching past the record's end, shown equivalent below), 11 and 12 at
# XzBlockHeader's chain refusal, 13 at the watch's check of every header (the first block's is no longer read apart), 15 at
# Open's stream header, 19 at XzBlockHeader's CRC32; rerun as update_s37_update13.py's mutants (see there). Numbers below
# after 8 are the old ones (one less now).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*XzRecordSizeTests", "-class", "*XzFiltersAndChecksTests", "-class", "*XzIndexTests", "-class", "*TarFieldGuardTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 900
LC = "src/Agent.Commands/Update/Lzma2Chunks.cs"
XI = "src/Agent.Commands/Update/XzStreamIndex.cs"
XT = "src/Agent.Commands/Update/ConcatenatedXzStream.cs"
CS = "src/Agent.Commands/Update/ConcatenatedStream.cs"
GT = "src/Agent.Commands/Update/GuardedTarStream.cs"
XB = "src/Agent.Commands/Update/XzBlockHeader.cs"
XW = "src/Agent.Commands/Update/XzBlockHeaderWatch.cs"
MUTANTS = [
    (LC, "position + 1 == end", "true", "expr", "xz: chunks ending before the record's end taken as the block's"),
    (LC, "control >= WithProperties", "false", "expr", "xz: a chunk's properties byte not counted"),
    (LC, "control >= FirstCompressed", "false", "expr", "xz: a compressed chunk without properties read as stored", "control >= FirstCompressed ? 5"),
    (LC, "(ulong)(control & 0x1F) << 16", "0UL", "expr", "xz: a compressed chunk's unpacked size without the control byte's upper bits"),
    (LC, "(header[3] << 8) + header[4] + 1", "(header[3] << 8) + header[4]", "expr", "xz: a compressed chunk's packed size taken one short"),
    (LC, "(false, headerBytes + (long)size, size)", "(false, (long)headerBytes, size)", "expr", "xz: a stored chunk's data not skipped"),
    (LC, "(false, headerBytes + (long)size, size)", "(false, headerBytes + (long)size, 0UL)", "expr", "xz: a stored chunk's bytes not counted"),
    (XI, "Lzma2Chunks.Walk(archive, block + headerBytes, block + (long)(unpadded - checkBytes)) != uncompressed", "false", "expr", "xz: a block's unpacked bytes not compared with its record (only the records' sum)"),
    (XI, "block + (long)(unpadded - checkBytes)", "block + (long)unpadded", "expr", "xz: the check taken for compressed data"),
    (XB, "throw new InvalidArchiveException(ConcatenatedStream.UnsupportedFilter);", "", "stmt", "xz: a later block's filter chain not refused"),
    (XB, "filters > 1", "false", "expr", "xz: no block's filter chain refused"),
    (XW, "XzBlockHeader.Check(header, checkBytes);", "", "stmt", "xz: the first block's filter chain left to the decoder"),
    (XT, "throw new InvalidArchiveException($\"its xz stream uses an integrity check of a type xz reserves ({check}), which this agent cannot verify\");", "", "stmt", "xz: a reserved check type left to the decoder (called corrupt)"),
    (XT, "!HasItsCrc32(header[6..])", "false", "expr", "xz: a stream header's flags trusted without its CRC32"),
    (XI, "CheckBlockHeader(archive, block, indexStart, unpadded, checkBytes, uncompressed)", "(archive.Position = block) >= 0 ? (archive.ReadByte() + 1) * 4 : 0", "expr", "xz: no block header checked against its index record (update_s34_update10.py's mutant 1)"),
    (CS, "throw new InvalidArchiveException(UnsupportedFilter);", "throw;", "stmt", "xz: a filter SharpCompress lacks escapes as NotImplementedException (update_s34_update10.py's mutant 8)"),
    (GT, "_ended = true;", "", "stmt", "tar: an end-of-archive block not remembered (update_s34_reviewupdate.py's mutant 2)"),
    (XB, "XzStreamIndex.Crc32(fields) != BinaryPrimitives.ReadUInt32LittleEndian(header[^Crc32Bytes..])", "false", "expr", "xz: the first block header's flags trusted without its CRC32"),
]
