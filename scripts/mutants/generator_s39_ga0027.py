# Mutants of session 39's GA0027 in the generator: a use of an AgentCommands lent by a referenced command library
# through InternalsVisibleTo (InheritedAggregate.cs: which library lends one, what its aggregate reaches;
# InheritedAggregateUses.cs: which uses are warned, and what the message names), and the settings reader's
# aggregate-inherited flag now taken from the same lookup (AssemblySettingsReader.cs).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s39_ga0027.py
# Mutant 1 is the code before the change (no warning).
# Outcome (session 39, 2026-12-04): 13 mutants, 13 killed (the no-mutant run: 17 tests pass), all by
# InheritedAggregateTests, 2 and 4 also by CrossAssemblyTests. A first run left two survivors, each killed by a test
# added for it: 3 (a library that is itself a friend lends no aggregate) and 8 (an aliased application aggregate).
# Not mutated: the name check before the symbol lookup (dropping it only costs lookups), and the lookup's order
# over several lenders (no test has two).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.InheritedAggregateTests", "-class", "*.CrossAssemblyTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches.Ga0027S39"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
L = "src/Agent.Generators/Parsing/InheritedAggregate.cs"
U = "src/Agent.Generators/Diagnostics/InheritedAggregateUses.cs"
S = "src/Agent.Generators/Parsing/AssemblySettingsReader.cs"
MUTANTS = [
    (U, r'''start.RegisterSyntaxNodeAction(uses.Analyze, SyntaxKind.IdentifierName);''', r'''''', "stmt",
     "no GA0027 (before session 39)"),
    (L, r'''assembly.GivesAccessTo(compilation.Assembly)''', r'''true''', "expr",
     "a library that grants no access taken as lending its aggregate"),
    (L, r'''assembly.GetTypeByMetadataName(GeneratedNames.AggregateMetadataName) is not null''', r'''true''', "expr",
     "a library without an aggregate taken as lending one"),
    (S, r'''InheritedAggregate.Lender(compilation) is not null''', r'''false''', "expr",
     "a friend generates an aggregate of its own, which clashes with the lent one"),
    (L, r'''reached.Add(lender.Identity.Name);''', r'''''', "stmt",
     "the lender's own commands counted as left out of its aggregate"),
    (L, r'''return referenced.Where(r => !reached.Contains(r.AssemblyName));''', r'''return [];''', "stmt",
     "a library the lender never referenced not counted as left out"),
    (L, r'''lender.Modules.SelectMany(m => m.ReferencedAssemblySymbols).Select(a => a.Identity.Name)''', r'''new string[0]''', "expr",
     "a library the lender references counted as left out"),
    (U, r'''!SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _lender)''', r'''false''', "expr",
     "another assembly's aggregate warned (an application's reached through an extern alias, as the daemon's tests reach the daemon's)"),
    (U, r'''type.ToDisplayString() != GeneratedNames.AggregateMetadataName''', r'''false''', "expr",
     "another type of the lender, used under the name AgentCommands, warned"),
    (U, r'''leftOut.Assemblies.Length > 0''', r'''true''', "expr",
     "a use warned where the lent aggregate leaves nothing out"),
    (U, r'''names.HasOwnCommands''', r'''false''', "expr",
     "the friend's own commands not counted as left out"),
    (U, r'''GeneratedNames.Namespace + "." + ownRegistry''', r'''ownRegistry''', "expr",
     "the friend's registry named without its namespace"),
    (U, r'''r.TypeName.Replace("global::", string.Empty)''', r'''r.TypeName''', "expr",
     "a referenced registry named with global::"),
]
