# Mutants of session 28's keyed2 changes in the generator's ConstructorInspector: a keyed int? asked
# for as int? (as ActivatorUtilities asks) and tested as int, and whether the registry's file can name
# IKeyedServiceProvider (the compilation's own declaration, an internal or extern-aliased second one
# not counted, two visible ones ambiguous). Reading each key once is covered by generator_s27_review.py 9.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s28_keyed2.py
# Not made mutants: the ambiguity message's text (its test compares it whole).
# Session 28: 7 mutants, run once with the classes below: all 7 killed (1-3 by KeyedNullableValueExecutionTests,
# 4-7 by KeyedServiceProviderLookupTests).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.KeyedNullableValueExecutionTests", "-class", "*.KeyedServiceProviderLookupTests",
             "-class", "*.KeyedServiceDiagnosticTests", "-class", "*.KeyedServiceExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
K = "src/Agent.Generators/Parsing/ConstructorInspector.cs"
MUTANTS = [
    # A keyed int?: asked for as int?, tested as int.
    (K, r'''nullableValue ? ServiceTypeName(parameter.Type, known) + "?" : ServiceTypeName(parameter.Type, known)''', r'''ServiceTypeName(parameter.Type, known)''', "expr",
     "a keyed int? asked for as int (the unkeyed rule; ActivatorUtilities asks for int?)"),
    (K, r'''parameter.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T''', r'''false''', "expr",
     "a keyed int? not told apart from other types"),
    (K, r'''nullableValue ? pattern ?? ServiceTypeName(parameter.Type, known) : pattern''', r'''pattern''', "expr",
     "a keyed int? tested as int? (no pattern can)"),
    # Whether global::...IKeyedServiceProvider names one type.
    (K, r'''declared.Any(t => SymbolEqualityComparer.Default.Equals(t.ContainingAssembly, compilation.Assembly))''', r'''false''', "expr",
     "the compilation's own declaration not preferred (counted with a referenced one as ambiguous)"),
    (K, r'''compilation.IsSymbolAccessibleWithin(t, compilation.Assembly)''', r'''true''', "expr",
     "an internal declaration in another assembly counted (a valid key refused as ambiguous)"),
    (K, r'''ExternAliases.Hidden(t, compilation) is null''', r'''true''', "expr",
     "a declaration referenced only under an extern alias counted (a valid key refused as ambiguous)"),
    (K, r'''visible.Count''', r'''System.Math.Min(visible.Count, 1)''', "expr",
     "two visible declarations accepted (CS0433 in the registry's file)"),
]
