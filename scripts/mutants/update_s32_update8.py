# Mutants of session 32's agentupdate archive changes (update8): a stop heard between the streams of a
# bzip2 or xz file (ConcatenatedStream, the base that both decoders now share, checks the extraction's
# token before it opens each later stream: a file of empty bzip2 streams decodes to nothing, so no read
# returned while they lasted). The base's other mutants stay where their text was before it moved
# (update_and_injectfile.py 26, 62 and 64; update_s31_update7.py 7), retargeted there.
# Run: scripts/mutants/mutate.py scripts/mutants/update_s32_update8.py
# Outcome (2026-12-02): 4 mutants, all 4 killed (baseline: 47 tests of the two classes, all passing). 1 is the code
# before this change: killed by both new tests (a stop between empty bzip2 streams, and between xz streams).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*Bzip2TrailingDataTests", "-class", "*XzTrailingDataTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 600
CS = "src/Agent.Commands/Update/ConcatenatedStream.cs"
AC = "src/Agent.Commands/Update/ArchiveCompression.cs"
T = "src/Agent.Commands/Update/SafeTarExtractor.cs"
MUTANTS = [
    (CS, "cancellationToken.ThrowIfCancellationRequested();", "", "stmt", "streams: a stop not heard between streams (the code before session 32)"),
    (AC, "cancellationToken", "CancellationToken.None", "expr", "streams: the bzip2 decoder not given the extraction's token",
     "new ConcatenatedBzip2Stream(archive, maxBytes, cancellationToken)"),
    (AC, "cancellationToken", "CancellationToken.None", "expr", "streams: the xz decoder not given the extraction's token",
     "new ConcatenatedXzStream(archive, cancellationToken)"),
    (T, "cancellationToken", "CancellationToken.None", "expr", "streams: the extractor gives the decoders no token",
     "ArchiveCompression.Decompress(archive, compression, maxBytes + HeaderAllowance, cancellationToken)"),
]
