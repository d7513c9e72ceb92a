# Mutants of session 33's check of an xz stream's index and block headers (review-update): XzStreamIndex,
# called by ConcatenatedXzStream at each stream's end, checks what xz checks and SharpCompress's XZStream does
# not (each block header's CRC32, the index's CRC32, the index's records walking the blocks). Mutant 1 is the
# code before this change.
# Run: scripts/mutants/mutate.py scripts/mutants/update_s33_reviewupdate.py
# Outcome (2026-12-02): 5 mutants, 4 killed (baseline: the 19 tests of XzIndexTests and XzTrailingDataTests, all passing).
# 1 (the old code) and 3 by the flipped index CRC32; 2 and 5 by every valid two-stream file. 4 (a block header's CRC32 not
# checked here) SURVIVED: SharpCompress 0.50.8 already refuses the tests' flipped block-header CRC32 itself, so the block
# header check is redundant for those cases (update9 saw a header flip extracted: which byte is not pinned down); left open.
# Session 34 (update10): SharpCompress checks every block header's CRC32 where it finds the header (every one-byte change of
# a real header keeping it was refused); the check here matters only where records moving a block's start (sum and index
# CRC32 kept) send the walk elsewhere. The check's text changed: mutant 4 retargeted in place at the call of
# CheckBlockHeader, rerun as update_s34_update10.py's mutant 1; the CRC32 comparison itself is that batch's mutant 14. Mutant 1's call gained the decoded bytes
# (session 34): retargeted in place, same meaning; its rerun is update_s34_update10.py's mutant 12.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*XzIndexTests", "-class", "*XzTrailingDataTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
XT = "src/Agent.Commands/Update/ConcatenatedXzStream.cs"
XI = "src/Agent.Commands/Update/XzStreamIndex.cs"
MUTANTS = [
    (XT, "XzStreamIndex.Check(_archive, _start, StreamBytes);", "", "stmt", "xz: no stream's index or block headers checked (the code before session 33)"),
    (XT, "_start = start;", "", "stmt", "xz: a later stream checked from the first stream's start"),
    (XI, "Crc32(records) != BinaryPrimitives.ReadUInt32LittleEndian(index.AsSpan(records.Length))", "false", "expr", "xz: the index's CRC32 not checked"),
    (XI, "CheckBlockHeader(archive, block, indexStart, unpadded, checkBytes, uncompressed);", "", "stmt", "xz: no block header checked against its index record (retargeted in session 34: see the header)"),
    (XI, "(long)((unpadded + 3) & ~3UL)", "(long)unpadded", "expr", "xz: the blocks walked without their padding"),
]
