# Mutants of session 37's gen13 change in the generator: under the context's default options (repeated names taken), a type
# holding a node the binder cannot walk to after the read (behind a member without a getter) has only the places its context
# reads into nodes checked before the read (JsonTextCheck.HasUniqueNodeNames, with the context's metadata of the type), no
# longer its whole value's names, which refused a repeat the context keeps or skips (its own member given twice, an unknown
# member, a JsonElement) (ValueReaderEmitter.WriteElementFirst). A node parameter itself keeps the whole check.
# The runtime half is runtime_s37_gen13.py.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s37_gen13.py
# Mutant 1 is the code before this change.
# Session 37 (gen13), first run: all 4 killed (the no-mutant run: 116 tests pass): 1, 2 and 4 by RepeatedNameDifferentialTests
# and RepeatedPropertyExecutionTests (1 by HeldJsonExecutionTests' member given twice too), 3 by RepeatedPropertyExecutionTests'
# element repeat met before the node's (which also kills generator_s36_binder12.py's mutant 8, the same text, now that the check
# before the read no longer takes in the element). 1 (the old code) shows the new tests fail on it.
# Mutant 4 (the hidden node's message), added after: rerun alone, killed by RepeatedPropertyExecutionTests (116 tests pass without it).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.RepeatedPropertyExecutionTests", "-class", "*.RepeatedNameDifferentialTests", "-class", "*.HeldJsonExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
V = "src/Agent.Generators/Emitting/ValueReaderEmitter.cs"
MUTANTS = [
    (V, r'''$"if (!{CSharp.Commands}.JsonTextCheck.HasUniqueNodeNames({element}, {jsonContext}.Default.GetTypeInfo(typeof({type.NonNullableFullName}))!))"''',
     r'''$"if (!{CSharp.Commands}.JsonTextCheck.HasUniqueNames({element}, {jsonContext}.Default.Options.PropertyNameCaseInsensitive))"''', "expr",
     "the whole value's names checked (before this change: stricter than the context)"),
    (V, r'''holdsNodes && !walk && !refusesRepeatedNames''', r'''false''', "expr",
     "a node the binder cannot walk to not checked (the command would throw reading it)"),
    (V, r'''holdsNodes && !walk && !refusesRepeatedNames''', r'''holdsNodes && !walk''', "expr",
     "under the option too, the nodes checked before the read (the context's own refusal met first is pre-empted)"),
    (V, r'''failRepeated ?? fail''', r'''fail''', "expr",
     "a repeat a node behind a member without a getter would hold answered as the plain wrong type",
     r'''                .WriteLine(failRepeated ?? fail).CloseBlock();
        }

        writer.WriteLine();'''),
    (V, r'''type.Node == JsonNodeKind.Node''', r'''false''', "expr",
     "a node parameter's names not checked", r'''if (type.Node == JsonNodeKind.Node)
        {
            // A JsonObject throws'''),
]
