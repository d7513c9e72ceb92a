# Mutants of session 29's differential test of the generated binder against System.Text.Json
# (tests/Agent.Generators.Tests/Differential/): the fix it led to (a date string escaping an unpaired
# surrogate refused as the wrong type, as a GUID one already was, instead of escaping the binder as an
# internal error) and a difference from System.Text.Json lost for one type only.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s29_gendiff.py
# Not made mutants: the other emitted reads, covered by generator_binding.py.
# Session 29: 4 mutants, run with the classes below: all 4 killed (1-2 by EscapedSurrogateDateExecutionTests
# and BinderDifferentialTests, 3 by BindingExecutionTests and BinderDifferentialTests, 4 by both of those too).
# Run again with BinderDifferentialTests alone: all 4 killed. generator_binding.py run with that class alone:
# 15 mutants, 12 killed (every value-reading one, after the test held its expected differences per command and
# compared an unsigned [Flags] enum); survived 2, 3 and 12, object rules it does not compare (an unknown
# property, a non-empty string as the object, a missing required property).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.BinderDifferentialTests", "-class", "*.EscapedSurrogateDateExecutionTests", "-class", "*.BindingExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
V = "src/Agent.Generators/Emitting/ValueReaderEmitter.cs"
MUTANTS = [
    (V, r'''type.Primitive == PrimitiveKind.DateTime''', r'''false''', "expr",
     "DateTime: an escaped unpaired surrogate throws out of the binder (internal error)",
     "type.Primitive == PrimitiveKind.DateTime\n            ||"),
    (V, r'''type.Primitive == PrimitiveKind.DateTimeOffset''', r'''false''', "expr",
     "DateTimeOffset: an escaped unpaired surrogate throws out of the binder (internal error)"),
    (V, r'''type.Primitive == PrimitiveKind.Guid''', r'''false''', "expr",
     "Guid: an escaped unpaired surrogate throws out of the binder (internal error)"),
    (V, r'''type.Primitive is PrimitiveKind.Single or PrimitiveKind.Double''', r'''type.Primitive == PrimitiveKind.Double''', "expr",
     "float: an out-of-range number read as infinity (double still refused)"),
]
