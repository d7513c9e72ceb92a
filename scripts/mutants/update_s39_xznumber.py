# Mutants of session 39's xznumber change in agentupdate: one reader of xz's variable-length numbers (XzNumber.cs), as
# liblzma's lzma_vli_decode reads them, for the block headers (XzBlockHeader.cs) and the index (XzStreamIndex.cs), which
# before had a reader each, the index's taking a number whose last byte is zero after others.
# Run: scripts/mutants/mutate.py scripts/mutants/update_s39_xznumber.py
# Mutant 1 is the index's reader before the change (a needless last zero byte taken).
# Outcome (session 39, 2026-12-04): 6 mutants, 5 killed, 1 survived (the no-mutant run: 85 tests of the three classes pass).
# 1 is killed by XzHandBuiltStreamTests' block header whose compressed size ends in a zero byte only: in the index the same
# spelling is refused first by SharpCompress's own reading of the index (XzIndexTests' needless-zero test passes under it),
# so the index's half of the change is agreement, not a new refusal. 4 SURVIVED, equivalent: a number running to the end of
# its field throws IndexOutOfRangeException past the bound instead of returning false, and the decoder-fault catch of
# ConcatenatedStream answers it as the same "corrupt or cut short" (XzHandBuiltStreamTests' 0xC0 0x80 0x80 header).
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*XzIndexTests", "-class", "*XzRecordSizeTests", "-class", "*XzHandBuiltStreamTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches.XzNumberS39"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 900
N = "src/Agent.Commands/Update/XzNumber.cs"
MUTANTS = [
    (N, r'''next != 0 || count == 0''', r'''true''', "expr",
     "a number whose last byte is zero after others taken (the index's reader before session 39)"),
    (N, r'''next != 0 || count == 0''', r'''next != 0''', "expr",
     "the number zero itself (one zero byte) refused"),
    (N, r'''count < MaxBytes && position < bytes.Length''', r'''position < bytes.Length''', "expr",
     "a number of more than nine bytes read"),
    (N, r'''count < MaxBytes && position < bytes.Length''', r'''count < MaxBytes''', "expr",
     "a number cut short by the end of its field read past it"),
    (N, r'''next < 0x80''', r'''next <= 0x80''', "expr",
     "a byte with only the continuation bit set taken as the last"),
    (N, r'''(7 * count)''', r'''(8 * count)''', "expr",
     "eight bits a byte"),
]
