# Mutants of session 50's xz dictionary limit: SharpCompress 0.50.9 refuses an LZMA2 dictionary over
# DictionarySizeLimits.Lzma2 (64 MiB, the largest xz's presets use) as an invalid format; XzBlockHeader refuses any valid
# header asking for more by name, with the size its property encodes, before the decoder reads it.
# The tests are XzHandBuiltStreamTests' streams built field by field (properties 28, 29, 37 to 40) and
# XzFiltersAndChecksTests' real xz files (-9e, dict=96MiB, dict=1536MiB), each checked against GNU tar and xz.
# Not mutated: Math.Min(…, int.MaxValue), the same as the library's limit alone while that is its default 64 MiB.
# Run: scripts/mutants/mutate.py scripts/mutants/update_s50_dictionary_limit.py
# Outcome (2026-12-05, on commit fd19407b): 6 mutants, 6 killed (baseline: the 83 tests of both classes, all passing).
# 1 by every refusal of properties 29 and 37 to 40 and both real files over the limit; 2 by property 28 and -9e; 3 by every
# property-40 row; 4 by properties 29, 37 and 39; 5 by properties 28 and 38; 6 by the property-40 rows.
TEST_PROJECT = "tests/Agent.Commands.Tests/Agent.Commands.Tests.csproj"
TEST_EXE = "tests/Agent.Commands.Tests/bin/Release/net10.0/GuestAgent.Commands.Tests"
TEST_ARGS = ["-class", "*XzHandBuiltStreamTests", "-class", "*XzFiltersAndChecksTests"]
SWITCH_NS = "GuestAgent.Commands.MutantSwitches"
SWITCH_DIR = "src/Agent.Commands"
TIMEOUT = 900
XB = "src/Agent.Commands/Update/XzBlockHeader.cs"
MUTANTS = [
    (XB, "throw new InvalidArchiveException(\n                $\"its xz stream needs a dictionary of {Describe(dictionary)} (LZMA2 property {property}), more than this agent's decoder allows ({Describe(DecoderDictionaryLimit)})\");", "", "stmt", "xz: a dictionary over the limit left to the decoder (called corrupt; the 0.50.9 upgrade without the fix)"),
    (XB, "dictionary > DecoderDictionaryLimit", "dictionary >= DecoderDictionaryLimit", "expr", "xz: a dictionary of exactly the limit (-9's 64 MiB) refused"),
    (XB, "property == LargestDictionaryProperty", "false", "expr", "xz: property 40 read as 4 GiB rather than 4 GiB - 1"),
    (XB, "(2L | (property & 1L))", "2L", "expr", "xz: an odd property's size read as the even one below it"),
    (XB, "(property / 2 + 11)", "(property / 2 + 12)", "expr", "xz: every size read twice as large"),
    (XB, "bytes % Mebibyte == 0", "true", "expr", "xz: a size that is no whole MiB described in MiB, rounded down"),
]
