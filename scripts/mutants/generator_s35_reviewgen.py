# Mutants of session 35's review of binder11 (review-gen): under AllowDuplicateProperties = false (or the Strict
# preset), a JsonNode member inside a complex type given a repeated name refused as a binding error (the context's
# node converter throws an ArgumentException as it reads one: caught only when the value repeats a name as the
# nodes compare names, ValueReaderEmitter.WriteDeserialize's nodeRepeated), and a JsonElement parameter, raw or a
# property, refused when it repeats a name at any depth, compared exactly (ValueReaderEmitter.WriteJsonElement), as
# the context refuses one inside a JsonElement member (probed against .NET 10's source-generated context).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s35_reviewgen.py
# Mutants 1, 2 and 5 are the code before this review.
# Session 35, first run: all 5 killed by RepeatedPropertyExecutionTests (the no-mutant run: 23 tests pass); 1 by the node
# member tests, 2 by the JsonElement property and raw tests, 3 by the names-differing-in-case ones, 4 by the Web (case-insensitive)
# test, 5 by the raw tests. 1, 2 and 5 (the old code) show the new tests fail on it.
# Session 36 (binder12): mutant 1 retargeted (the catch is now written for every type holding a node under the option,
# walked or not); rerun alone: killed (the no-mutant run: 32 tests pass) by RepeatedPropertyExecutionTests, the node
# member tests and binder12's node-behind-a-setter tests among them.
# Session 36 (review-gen): mutant 4 retargeted (the catch now also asks for the dictionary's ParamName "key"); rerun
# alone: killed (the no-mutant run: 37 tests pass) by the case-insensitive node tests.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.RepeatedPropertyExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
V = "src/Agent.Generators/Emitting/ValueReaderEmitter.cs"
C = "src/Agent.Generators/Emitting/CommandEmitter.cs"
MUTANTS = [
    (V, r'''holdsNodes && refusesRepeatedNames ? failRepeated ?? fail : null''', r'''null''', "expr",
     "a node member's repeated name under the option: the node converter's ArgumentException uncaught, an internal error (before the review)"),
    (V, r'''refusesRepeatedNames ? failRepeated ?? fail : null''', r'''null''', "expr",
     "a JsonElement parameter keeps a repeated name under the option (before the review)",
     r'''WriteJsonElement(writer, local, local, failText, refusesRepeatedNames ? failRepeated ?? fail : null)'''),
    (V, r'''writer.OpenBlock($"if (!{CSharp.Commands}.JsonTextCheck.HasUniqueNames({element}, false))").WriteLine(failRepeated).CloseBlock();''',
     r'''writer.OpenBlock($"if (!{CSharp.Commands}.JsonTextCheck.HasUniqueNames({element}, true))").WriteLine(failRepeated).CloseBlock();''', "stmt",
     "a JsonElement's names compared ignoring case (the context compares them exactly)"),
    (V, r'''writer.OpenBlock($"catch (global::System.ArgumentException repeated) when (repeated.ParamName == \"key\" && !{CSharp.Commands}.JsonTextCheck.HasUniqueNames({source}, {ignoreCase}))")
                .WriteLine(nodeRepeated).CloseBlock();''',
     r'''writer.OpenBlock($"catch (global::System.ArgumentException repeated) when (repeated.ParamName == \"key\" && !{CSharp.Commands}.JsonTextCheck.HasUniqueNames({source}, false))")
                .WriteLine(nodeRepeated).CloseBlock();''', "stmt",
     "a node member's names compared exactly under PropertyNameCaseInsensitive (its JsonObject ignores case)"),
    (C, r'''refusesRepeatedNames''', r'''false''', "expr",
     "a raw JsonElement keeps a repeated name under the option (before the review)",
     r'''WriteRawRead(writer, command, parameter, local, jsonContext, refusesRepeatedNames);
        }

        writer.WriteLine();'''),
]
