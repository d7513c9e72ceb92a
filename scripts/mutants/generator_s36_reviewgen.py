# Mutants of session 36's review of binder12 (review-gen): under AllowDuplicateProperties = false, the node converter's
# ArgumentException at a repeated name is caught only as the dictionary behind JsonObject throws it, naming its
# parameter "key" (probed against .NET 10), and only when the value repeats a name (ValueReaderEmitter.WriteDeserialize):
# a constructor's or setter's own ArgumentException stays an internal error, even when the value repeats a name in a
# member the context skips (binder12 made that catch cover a node behind a member without a getter, where such a repeat
# used to be refused before the read).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s36_reviewgen.py
# Mutant 1 is the code before this review.
# Session 36, first run: all 3 killed by RepeatedPropertyExecutionTests (the no-mutant run: 37 tests pass): 1 by
# Leaves_an_argument_exception_of_the_type_itself_an_internal_error's skipped-repeat cases (so that test fails on the old
# code), 2 by its OrderedDictionary case, 3 by the node-repeat tests. generator_s35_reviewgen.py mutant 4, retargeted
# here, rerun alone: killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.RepeatedPropertyExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
V = "src/Agent.Generators/Emitting/ValueReaderEmitter.cs"
CATCH = r'''$"catch (global::System.ArgumentException repeated) when (repeated.ParamName == \"key\" && !{CSharp.Commands}.JsonTextCheck.HasUniqueNames({source}, {ignoreCase}))"'''
MUTANTS = [
    (V, CATCH, r'''$"catch (global::System.ArgumentException repeated) when (repeated is not null && !{CSharp.Commands}.JsonTextCheck.HasUniqueNames({source}, {ignoreCase}))"''', "expr",
     "a setter's ArgumentException answered as a repeated name when the value repeats one in a member the context skips (before this review; the exception still named, or the unused name fails the sample's build)"),
    (V, CATCH, r'''$"catch (global::System.ArgumentException repeated) when (repeated.ParamName == \"key\")"''', "expr",
     "a setter's OrderedDictionary refusing a key given twice answered as a repeated property name though the value repeats none"),
    (V, CATCH, r'''$"catch (global::System.ArgumentException repeated) when (repeated.ParamName == \"value\" && !{CSharp.Commands}.JsonTextCheck.HasUniqueNames({source}, {ignoreCase}))"''', "expr",
     "the node converter's ArgumentException not recognised: a repeat inside a node an internal error"),
]
