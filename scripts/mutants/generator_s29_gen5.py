# Mutants of session 29's gen5 changes in the generator: in the return-type checks (CommandInspector.Return.cs)
# a [return: NotNull] Task?/Task<T>? served as Task/Task<T>, and the registry's helper that awaits it
# taking the task without its '?'; in TypeClassifier/KnownTypes, a struct Pt covered by a listed Pt?. The code-fix half of gen5 is in generator_s29_gen5_codefixes.py.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s29_gen5.py
# Not made a mutant: AwaitedReturnType's ReturnsNotNull condition (without it an unmarked Task? loses its
# '?' too, but that command is refused, so no file shows it: equivalent).
# Session 29: 3 mutants, run once with the classes below: all 3 killed, each by
# NotNullTaskExecutionTests.A_task_marked_not_null_draws_no_diagnostic_and_is_awaited_for_its_result
# (mutant 1 is the code before session 29, so that test fails on it). Mutants 4 and 5, run after: both killed
# by ListedNullableStructExecutionTests (mutant 4 is the code before session 29).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.NotNullTaskExecutionTests", "-class", "*.ReturnFormExecutionTests",
             "-class", "*.ListedNullableStructExecutionTests", "-class", "*.NullableStructExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
R = "src/Agent.Generators/Parsing/CommandInspector.Return.cs"
T = "src/Agent.Generators/Parsing/TypeClassifier.cs"
K = "src/Agent.Generators/Parsing/KnownTypes.cs"
MUTANTS = [
    (R, r'''!ReturnsNotNull(method)''', r'''true''', "expr",
     "a [return: NotNull] Task? refused with GA0008 (before session 29)"),
    (R, r'''"System.Diagnostics.CodeAnalysis.NotNullAttribute"''', r'''"System.Diagnostics.CodeAnalysis.NotNull"''', "expr",
     "NotNull looked for without its Attribute suffix"),
    (R, r'''method.ReturnType.WithNullableAnnotation(NullableAnnotation.NotAnnotated)''', r'''method.ReturnType''', "expr",
     "the awaiting helper takes the declared Task? (CS8602 in the generated file)"),
    # A struct covered by its listed nullable form (mutants 4 and 5, added after the first run).
    (T, r'''known.ContextCoversNullableOf(type)''', r'''false''', "expr",
     "a struct whose Pt? is listed still draws GA0009 (before session 29)"),
    (K, r'''Compilation.GetSpecialType(SpecialType.System_Nullable_T).Construct(valueType)''', r'''valueType''', "expr",
     "the struct itself looked for instead of its nullable form"),
]
