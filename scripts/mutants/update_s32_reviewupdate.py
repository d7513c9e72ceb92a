# Mutants of session 32's review of update8's agentupdate archive changes (review-update): a stop heard
# while the extractor reads a stream's rest after the tar reader refused it is a stop (SafeTarExtractor
# reads on in the catch, not in its filter, which swallowed what it threw), and two parts of the new
# ConcatenatedStream base that no batch covered (an empty read, the sticky refusal).
# Run: scripts/mutants/mutate.py scripts/mutants/update_s32_reviewupdate.py
# Outcome (2026-12-02): 4 mutants, all 4 killed (baseline: 66 tests of the three classes, all passing). 1 is the
# code before this review: killed by A_stop_while_reading_on_after_the_tar_reader_refused_is_a_stop_not_a_refusal.
# 3 by An_empty_read_inside_a_stream_reads_nothing_and_skips_nothing (no test read nothing from these streams before).
# Session 33 (update9): 4 (`_refusal = reason;`) removed with its code: ForwardReadStream now says any failed read
# again, mutated in update_s33_update9.py (1 and 2).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*Bzip2TrailingDataTests", "-class", "*XzTrailingDataTests", "-class", "*SafeTarExtractorTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
CS = "src/Agent.Commands/Update/ConcatenatedStream.cs"
T = "src/Agent.Commands/Update/SafeTarExtractor.cs"
MUTANTS = [
    (T, "IsTarRefusal(exception)", "IsTarRefusal(exception) && ArchiveCompression.FailsItsChecks(decompressed!, maxBytes + HeaderAllowance, cancellationToken)", "expr",
     "tar: the stream's rest read in the filter again (the code before this review: a stop there answered as an unreadable tar)",
     "ArchiveCompression.ChecksAtItsEnd(compression) && IsTarRefusal(exception))"),
    (T, "throw;", "throw Unsafe($\"the {compression} stream is corrupt or cut short\");", "stmt",
     "tar: a tar refusal in a stream that passes its checks named the compression's fault"),
    (CS, "read > 0 || buffer.IsEmpty", "read > 0", "expr", "streams: an empty read taken as the end of the stream being read (its rest skipped)"),
]
