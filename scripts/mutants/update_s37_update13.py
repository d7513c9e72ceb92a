# Mutants of session 37's agentupdate xz block header checks (update13): XzBlockHeaderWatch sits between the archive and
# SharpCompress's XZStream and follows each stream's framing (block header sizes, LZMA2 chunk headers through
# Lzma2Chunks.Next, block padding, check) so that every block header is checked where the decoder's read first reaches it;
# XzBlockHeader judges a header whole as xz does (CRC32, reserved flags, numbers, compressed size, reserved filter ids,
# properties, padding) before giving a filter chain's or a 2 GiB+ dictionary's reason; ConcatenatedXzStream.Open watches a
# stream whose header is valid. Mutants 1-6 are update_s35_update11.py's 6, 7, 11, 12, 13 and 19 and update_s36_update12.py's
# 1, retargeted there at this code (the old code's behaviour: no later block's dictionary, chain or header checked).
# Not mutated: the watch's bounds that only change when a header is read, not whether (`>=`/`<` against the read's end: a
# header resolved one read early or late is checked all the same), the stream start in the padding's rounding (every stream
# starts at a multiple of four: streams and their padding are), and the cut-short checks (a file ending inside a header fails
# the decoder too, as "corrupt or cut short"); mutants that loop for ever (a chunk or the index never moved past) are left out.
# Run: scripts/mutants/mutate.py scripts/mutants/update_s37_update13.py
# Session 37 (update13), 2026-12-03, on commit a2838fa4: 28 mutants, 27 killed, 1 equivalent survivor (baseline: the 95 tests of
# XzHandBuiltStreamTests, XzBlockHeaderWatchTests, XzFiltersAndChecksTests and XzRecordSizeTests, all passing). 1 and 2 by the
# stored 64 KiB chunks and every intact file; 3 and 15 by the x86/powerpc/... files and the later block's chain; 4 and 21 by
# the invalid first-block headers and the later blocks' dictionaries; 5 by the third block's header with a stale CRC32 and
# the chain with a stale CRC32; 6 by the later blocks' and later stream's 4 GiB dictionaries; 7, 8, 9, 12, 14, 17 and 19 by
# their rows of A_block_header_xz_refuses_is_refused_as_corrupt (reserved flags, a compressed size of zero, of 2^63 - 1,
# the id 2^62, padding, a size ending 0x81 0x00, a 10-byte size); 10 and 11 by every intact -T2 file (headers declaring their sizes); 18 by the x86 chain (its empty properties' size, 0x00);
# 20 by the compressed size of 2^63 - 1 (read as 127) and the id 2^62; 22-26 by every intact file of several blocks (the next
# header looked for elsewhere fails its CRC32); 27 by the invalid first-block headers and the later block's chain; 28 by the
# stream flags 0x01 0x02. 16 survived the first run and was killed by the new
# A_lone_unknown_filter_whose_property_is_40_is_not_taken_for_a_dictionary (rerun alone on 5ff48bd6, baseline 96 passing).
# 13 SURVIVED, equivalent: without the check, properties past the fields make `fields.Slice` throw ArgumentOutOfRangeException
# inside the decoder's read, which ConcatenatedStream answers as a decoder's fault, "corrupt or cut short", the same refusal;
# the check stays so that the refusal does not rest on that mapping.
# Retargeted by session 37's review (update_s37_reviewupdate.py): 21 and 26 now name the watch's code after it kept the
# decoder's position itself (Reach's loop condition, and the archive put back at that position); same meaning. Rerun on
# 1317a815 (baseline 100 passing): both killed.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*XzHandBuiltStreamTests", "-class", "*XzBlockHeaderWatchTests", "-class", "*XzFiltersAndChecksTests", "-class", "*XzRecordSizeTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 900
LC = "src/Agent.Commands/Update/Lzma2Chunks.cs"
XT = "src/Agent.Commands/Update/ConcatenatedXzStream.cs"
XB = "src/Agent.Commands/Update/XzBlockHeader.cs"
XW = "src/Agent.Commands/Update/XzBlockHeaderWatch.cs"
XN = "src/Agent.Commands/Update/XzNumber.cs"
# Mutants 17-20 (the numbers) retargeted in session 39 at XzNumber.cs, the one reader since (not re-run here;
# update_s39_xznumber.py re-ran their kind).
# Session 50: the dictionary mutant retargeted at the refusal of any dictionary over the decoder's limit (SharpCompress
# 0.50.9's 64 MiB; update_s50_dictionary_limit.py).
MUTANTS = [
    (LC, "(false, headerBytes + (long)size, size)", "(false, (long)headerBytes, size)", "expr", "xz: a stored chunk's data not skipped (update_s35_update11.py's 6)"),
    (LC, "(false, headerBytes + (long)size, size)", "(false, headerBytes + (long)size, 0UL)", "expr", "xz: a stored chunk's bytes not counted (update_s35_update11.py's 7)"),
    (XB, "throw new InvalidArchiveException(ConcatenatedStream.UnsupportedFilter);", "", "stmt", "xz: a block's filter chain not refused (update_s35_update11.py's 11)"),
    (XW, "XzBlockHeader.Check(header, checkBytes);", "", "stmt", "xz: no block header checked as the decoder reaches it (update_s35_update11.py's 13)"),
    (XB, "XzStreamIndex.Crc32(fields) != BinaryPrimitives.ReadUInt32LittleEndian(header[^Crc32Bytes..])", "false", "expr", "xz: a block header's fields trusted without its CRC32 (update_s35_update11.py's 19)"),
    (XB, "throw new InvalidArchiveException(\n                $\"its xz stream needs a dictionary of {Describe(dictionary)} (LZMA2 property {property}), more than this agent's decoder allows ({Describe(DecoderDictionaryLimit)})\");", "", "stmt", "xz: a 2 GiB+ dictionary left to the decoder (update_s36_update12.py's 1)"),
    (XB, "(flags & ReservedFlags) != 0", "false", "expr", "xz: a header with reserved flags trusted"),
    (XB, "compressed == 0", "false", "expr", "xz: a compressed size of zero trusted"),
    (XB, "compressed > MaxUnpaddedSize - (ulong)header.Length - checkBytes", "false", "expr", "xz: a compressed size past xz's bound trusted"),
    (XB, "(flags & CompressedSizePresent) != 0", "false", "expr", "xz: a declared compressed size read as the filter"),
    (XB, "(flags & UncompressedSizePresent) != 0", "false", "expr", "xz: a declared uncompressed size read as the filter"),
    (XB, "id >= FirstReservedFilterId", "false", "expr", "xz: a reserved filter id trusted"),
    (XB, "size > (ulong)(fields.Length - position)", "false", "expr", "xz: a filter's properties past the fields not refused first"),
    (XB, "fields[position..].ContainsAnyExcept((byte)0)", "false", "expr", "xz: header padding not zero trusted"),
    (XB, "filters > 1", "false", "expr", "xz: no filter chain refused"),
    (XB, "id == Lzma2FilterId", "true", "expr", "xz: any lone filter's property taken for a dictionary"),
    (XN, "next != 0 || count == 0", "true", "expr", "xz: a number whose last byte is zero read"),
    (XN, "count == 0", "false", "expr", "xz: a one-byte number of zero refused"),
    (XN, "count < MaxBytes", "true", "expr", "xz: a number of more than nine bytes read"),
    (XN, "(ulong)(next & 0x7F) << (7 * count)", "(ulong)(next & 0x7F)", "expr", "xz: a number's bytes not shifted into place"),
    (XW, "_next < _position + count", "false", "expr", "xz: no header ever reached"),
    (XW, "(_next + 1 - start + 3) & ~3L", "_next + 1 - start", "expr", "xz: a block's padding not skipped"),
    (XW, "(long)checkBytes", "0L", "expr", "xz: a block's check not skipped", ") + (long)checkBytes"),
    (XW, "_inBlock = true;", "", "stmt", "xz: a block's first chunk read as another block header"),
    (XW, "_inBlock = false;", "", "stmt", "xz: the next block header read as a chunk"),
    (XW, "archive.Position = _position;", "", "stmt", "xz: the archive left after the header read for the check"),
    (XT, "new XzBlockHeaderWatch(archive, start, XzStreamIndex.CheckBytes(check))", "archive", "expr", "xz: no block header watched (the first block's no longer read apart)"),
    (XT, "header[6] != 0", "false", "expr", "xz: a stream header with a reserved first flags byte read for its check type"),
]
