# Mutants of session 36's agentupdate xz checks (update12): ConcatenatedXzStream refuses a first block whose LZMA2 dictionary
# is 2 GiB or more (properties 38 to 40, which xz reads and SharpCompress refuses as an invalid parameter), read past the sizes
# a block header may declare; XzStreamIndex compares the stream footer's flags with the header's (SharpCompress does not).
# The tests are XzHandBuiltStreamTests' streams built field by field (XzContainer), each checked against GNU tar and xz.
# The dictionary bounds (38, 40) are in a list pattern, which mutate.py cannot mutate: the rows 37, 38, 40 and 41 pin them.
# Run: scripts/mutants/mutate.py scripts/mutants/update_s36_update12.py
# Outcome (2026-12-02, on commit f3855987): 7 mutants, 7 killed (baseline: the 57 tests of XzHandBuiltStreamTests and
# XzFiltersAndChecksTests, all passing). 1 (the old code) and 2 by properties 38, 39, 40 and the headers declaring sizes; 3 by
# the header declaring the uncompressed size alone (its first byte 0x80); 4 by the header declaring the compressed size alone;
# 5 by the header whose declared sizes run into its CRC32 (an IndexOutOfRangeException); 6 (the old code) by the three footers;
# 7 by every intact stream.
# Session 37 (update13): the header is parsed whole by XzBlockHeader, for every block as the decoder reaches it: 1 retargeted
# in place at its refusal of the dictionary; 2-5 (the old skipping of the declared sizes) removed with their code, XzBlockHeader's
# reading of the numbers mutated in update_s37_update13.py instead. Numbers 6 and 7 below are now 2 and 3.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*XzHandBuiltStreamTests", "-class", "*XzFiltersAndChecksTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 900
XI = "src/Agent.Commands/Update/XzStreamIndex.cs"
XT = "src/Agent.Commands/Update/ConcatenatedXzStream.cs"
XB = "src/Agent.Commands/Update/XzBlockHeader.cs"
# Session 50: the dictionary mutant retargeted at the refusal of any dictionary over the decoder's limit (SharpCompress
# 0.50.9's 64 MiB; update_s50_dictionary_limit.py).
MUTANTS = [
    (XB, "throw new InvalidArchiveException(\n                $\"its xz stream needs a dictionary of {Describe(dictionary)} (LZMA2 property {property}), more than this agent's decoder allows ({Describe(DecoderDictionaryLimit)})\");", "", "stmt", "xz: a 2 GiB+ dictionary left to the decoder (called corrupt; the old code)"),
    (XI, "!footer.Slice(8, 2).SequenceEqual(flags)", "false", "expr", "xz: the footer's flags not compared with the header's (the old code)"),
    (XI, "CheckBytes(flags[1])", "CheckBytes(flags[0])", "expr", "xz: the check's size from the reserved flags byte"),
]
