# Mutants of session 31's review of update7's archive ends (review-update): the block sizes that a bzip2
# file's streams declare, which its decoder allocates however little each holds, capped in all at the
# cap on decoded bytes (ConcatenatedBzip2Stream.Open, and the cap SafeTarExtractor passes it); and garbage after a
# gzip member judged the same wherever GZipStream's reads end (PrefixThenBytes holds back a 0x1f ending one).
# Run: scripts/mutants/mutate.py scripts/mutants/update_s31_reviewupdate.py
# Outcome (2026-12-02): 8 mutants, all 8 killed. 1-6 (Bzip2TrailingDataTests: 100 empty streams after a tar.bz2, and
# the cap's boundary read through ConcatenatedBzip2Stream; mutant 1 is the code before this change); 7-8, run on
# their own (GzipTrailingDataTests: the 0x1f at offsets 8191 and 16383; a file ending in a lone 0x1f).
# Session 32 (update8): 6's context follows Decompress's new token argument; rerun: killed (baseline 67 tests passing).
# 7 and 8 keep their text: PrefixThenBytes's 0x1f hold-back stays in the branch where the file gave bytes.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*Bzip2TrailingDataTests", "-class", "*GzipTrailingDataTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
CB = "src/Agent.Commands/Update/ConcatenatedBzip2Stream.cs"
T = "src/Agent.Commands/Update/SafeTarExtractor.cs"
PT = "src/Agent.Commands/Update/PrefixThenBytes.cs"
MUTANTS = [
    (CB, "_blockBytes > _maxBlockBytes", "false", "expr", "bzip2 blocks: any number of streams decoded (100,000 empty ones allocate 500 GB)"),
    (CB, "_blockBytes > _maxBlockBytes", "_blockBytes >= _maxBlockBytes", "expr", "bzip2 blocks: streams declaring exactly the cap refused"),
    (CB, "(level - '0') * 100_000L", "100_000L", "expr", "bzip2 blocks: every stream charged BZh1's block, whatever it declares"),
    (CB, "(level - '0') * 100_000L", "level * 100_000L", "expr", "bzip2 blocks: a stream charged its level's character code, not its digit"),
    (CB, "archive.ReadExactly(head);", "", "stmt", "bzip2 blocks: the first stream charged a level never read"),
    (T, "maxBytes + HeaderAllowance", "maxBytes", "expr", "bzip2 blocks: the cap passed without the headers' allowance (the decoded cap's, less)",
     "ArchiveCompression.Decompress(archive, compression, maxBytes + HeaderAllowance, cancellationToken)"),
    (PT, "read > 1 && buffer[read - 1] == 0x1f", "false", "expr", "gzip garbage: a 0x1f ending the decoder's read taken as a member's start (garbage refused, 1 time in 8192)"),
    (PT, "read > 1", "read > 0", "expr", "gzip garbage: a lone 0x1f held back for ever, read as the file's end (a file ending in it taken as whole)"),
]
