# Mutants of session 33's agentupdate archive-stream failures (update9): a failed read of any archive
# stream (ForwardReadStream, the base of the guard, the gzip, bzip2 and xz decoders and PrefixThenBytes)
# fails again, with the same exception, on every later read; a read after Dispose throws; and a
# SharpCompress decoder's fault on malformed input (IndexOutOfRangeException, ArgumentOutOfRangeException)
# is answered as a corrupt stream. Mutants 1 and 2 are the code before this change (a stop or a refusal
# read again as a clean end); they took over update_s32_reviewupdate.py's mutant 4 (`_refusal = reason;`,
# whose code is gone), and update_and_injectfile.py 64 and update_s31_update7.py 7 were retargeted at them.
# Run: scripts/mutants/mutate.py scripts/mutants/update_s33_update9.py
# Outcome (2026-12-02): 9 mutants, all 9 killed (baseline: the 14 tests of ArchiveStreamFailureTests, all passing). 1 and 2
# (no sticky failure: the code before this change) by 7 tests (a stop, the block cap, a decoder's refused block, the guard's
# refused header, read again); 3 and 4 by the read after Dispose (bzip2, xz; GZipStream throws on its own); 5, 8 and 9 by
# every cut of a tar.xz (its stream header and footer cut: ArgumentOutOfRangeException, EndOfStreamException); 6 and 7 by
# the bit flips in a bzip2 block's tables (IndexOutOfRangeException, thrown while its first block decodes as it opens).
# Rerun (review-update, 2026-12-02): 5, its context changed by update10's NotImplementedException catch, killed again by the
# cut tar.xz (ArchiveStreamFailureTests, 14 tests).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*ArchiveStreamFailureTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
FR = "src/Agent.Commands/Update/ForwardReadStream.cs"
CS = "src/Agent.Commands/Update/ConcatenatedStream.cs"
CB = "src/Agent.Commands/Update/ConcatenatedBzip2Stream.cs"
MUTANTS = [
    (FR, "_failure?.Throw();", "", "stmt", "streams: a failed read not said again (a stop or a refusal read on as a clean end: the code before session 33)"),
    (FR, "_failure = ExceptionDispatchInfo.Capture(exception);", "", "stmt", "streams: a failed read not remembered"),
    (FR, "ObjectDisposedException.ThrowIf(_disposed, this);", "", "stmt", "streams: a read after Dispose let through (it read as the end)"),
    (FR, "_disposed = true;", "", "stmt", "streams: Dispose not remembered"),
    (CS, "IsDecoderFault(exception)", "false", "expr", "decoders: an xz or bzip2 decoder's fault while reading escapes as an unexpected failure",
     "catch (Exception exception) when (IsDecoderFault(exception))\n            {\n                throw Corrupt(exception);\n            }\n            catch (NotImplementedException)"),
    (CB, "IsDecoderFault(exception)", "false", "expr", "decoders: a bzip2 decoder's fault in its first block, decoded as it opens, escapes as an unexpected failure"),
    (CS, "exception is IndexOutOfRangeException or ArgumentException or EndOfStreamException or OverflowException or\n            (InvalidOperationException and not ObjectDisposedException)",
     "exception is ArgumentException or EndOfStreamException or OverflowException or\n            (InvalidOperationException and not ObjectDisposedException)", "expr", "decoders: a bzip2 decoder run past its tables escapes"),
    (CS, "exception is IndexOutOfRangeException or ArgumentException or EndOfStreamException or OverflowException or\n            (InvalidOperationException and not ObjectDisposedException)",
     "exception is IndexOutOfRangeException or EndOfStreamException or OverflowException or\n            (InvalidOperationException and not ObjectDisposedException)", "expr", "decoders: an xz stream header or footer cut short escapes"),
    (CS, "exception is IndexOutOfRangeException or ArgumentException or EndOfStreamException or OverflowException or\n            (InvalidOperationException and not ObjectDisposedException)",
     "exception is IndexOutOfRangeException or ArgumentException or OverflowException or\n            (InvalidOperationException and not ObjectDisposedException)", "expr", "decoders: an xz decoder reading past the file's end with a BinaryReader escapes"),
]
