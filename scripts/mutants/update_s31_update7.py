# Mutants of session 31's agentupdate archive ends (update7): what follows a bzip2 stream
# (ConcatenatedBzip2Stream: further streams decoded, bytes that do not begin `BZh1`-`BZh9` ignored, a
# file ending inside those four bytes refused) and a gzip file cut short refused whatever the host's
# System.IO.Compression.UseStrictValidation (CheckedGzipStream, PrefixThenBytes). The mutants of the
# same code that replace session 25's (GzipTrailingData's, SharpCompress's concatenated bzip2 mode) stay
# in update_and_injectfile.py (26-29, 50-59), retargeted there to keep its numbering.
# Run: scripts/mutants/mutate.py scripts/mutants/update_s31_update7.py
# Outcome (2026-12-02): 12 mutants, all 12 killed (Bzip2TrailingDataTests, GzipTrailingDataTests; 7 by the tar cut by
# a file ending inside a second stream's magic, 9 and 11 by CheckedGzipStream read a byte at a time with empty reads).
# Session 32 (update8): 7 moved with the sticky refusal into ConcatenatedStream (the base of the bzip2 and xz decoders);
# 12 (`_position > length` to `>=`) became equivalent once PrefixThenBytes lost its length (reaching the file's end now
# hands out our bytes in the same read), so it was retargeted at that end's test (an empty read taken as the file's end).
# Session 33 (update9): 7 retargeted in place at ForwardReadStream, which now remembers any failed read of every archive
# stream (ConcatenatedStream's `_refusal` is gone); update_s33_update9.py 2 is the same text. Rerun (baseline 111 tests,
# all passing): killed, as before, by the tar cut by a file ending inside a second stream's magic.
# Run 7 and 12: both killed (baseline 110 tests passing).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*Bzip2TrailingDataTests", "-class", "*GzipTrailingDataTests", "-class", "*GnuTarArchiveTests",
             "-class", "*SafeTarExtractorTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
CB = "src/Agent.Commands/Update/ConcatenatedBzip2Stream.cs"
CG = "src/Agent.Commands/Update/CheckedGzipStream.cs"
PT = "src/Agent.Commands/Update/PrefixThenBytes.cs"
FR = "src/Agent.Commands/Update/ForwardReadStream.cs"
CS = "src/Agent.Commands/Update/ConcatenatedStream.cs"
MUTANTS = [
    (CB, "head.Length >= 4 ? true : null", "true", "expr", "bzip2 end: a file ending inside a stream's magic (B, BZh) taken as a stream's start"),
    (CB, "head[index] is >= (byte)'1' and <= (byte)'9'", "true", "expr", "bzip2 end: BZh0 and BZhx taken as a stream (garbage refused)"),
    (CB, "head[index] == MagicWithoutLevel[index]", "true", "expr", "bzip2 end: any three bytes and a digit taken as a stream's magic"),
    (CB, "length == 0", "false", "expr", "bzip2 end: the file's end after a stream taken as a cut magic number"),
    (CB, "return null;", "throw new InvalidDataException(\"garbage\");", "stmt", "bzip2 end: bytes that begin no stream refused (trailing garbage, which bzip2 ignores)",
     "case false:\n                return null;"),
    (CB, "_archive.Position = start;", "", "stmt", "bzip2 end: the next stream read from after its magic number"),
    (FR, "_failure = ExceptionDispatchInfo.Capture(exception);", "", "stmt", "bzip2 end: a refused tail read again as the end (a tar cut by it named the tar's fault; since session 33 ForwardReadStream remembers any failed read)"),
    (CB, "false", "true", "expr", "bzip2 end: SharpCompress's concatenated mode, which reads any bytes after a stream as another", "decompressConcatenated: false"),
    (CG, "buffer.IsEmpty", "false", "expr", "gzip end: an empty read taken as the decoder's end"),
    (CG, "Math.Min(buffer.Length, ChunkBytes)", "ChunkBytes", "expr", "gzip end: more decoded than the caller's buffer holds"),
    (CG, "Math.Min(buffer.Length, _held - _released)", "_held - _released", "expr", "gzip end: the held bytes released past a short buffer"),
    (PT, "read > 0 || buffer.IsEmpty", "read > 0", "expr", "gzip end: an empty read taken as the file's end (the rest of the file skipped for our member)"),
]
