# Mutants of session 36's hosting12 change in the generator: GA0025, a [ServiceKey] parameter on the constructor the
# registry calls for an instance command's class (ServiceKeyParameters.cs): reported at the attribute, once per class
# (at its first instance command), only for the constructor the registry calls. The runtime's half of the session is
# runtime_s36_hosting12.py.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s36_hosting12.py
# Mutant 4 is the code before session 36 (no warning); its text follows review-host's change (the keys passed on).
# Outcome (session 36, 2026-12-02): 6 mutants, 6 killed (the no-mutant run: 9 tests pass), each by an assertion of
# ServiceKeyParameterDiagnosticTests: 1-5 by the reported-once test (spans or message), 6 by the none-where-never-called test.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.ServiceKeyParameterDiagnosticTests", "-class", "*.KeyedServiceActivatorAgreementTests",
             "-class", "*.HelpLinkTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches.Hosting12"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
S = "src/Agent.Generators/Parsing/ServiceKeyParameters.cs"
C = "src/Agent.Generators/Parsing/ConstructorInspector.cs"
MUTANTS = [
    (S, r'''!SymbolEqualityComparer.Default.Equals(first, method)''', r'''false''', "expr",
     "reported once per command of the class, not once per class"),
    (S, r'''!m.IsStatic''', r'''true''', "expr",
     "a static command first in the class keeps the warning from ever being reported"),
    (S, r'''Names.IsNamed(attribute.AttributeClass, ServiceKeyAttribute)''',
     r'''Names.IsNamed(attribute.AttributeClass, "Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute")''', "expr",
     "another attribute taken for [ServiceKey]"),
    (C, r'''problems.ReportEach((method, Constructor: constructor!, keys, location), static s => ServiceKeyParameters.Diagnose(s.method, s.Constructor, s.keys!.Select(k => k.Key).ToList(), s.location));''', r'''''', "stmt",
     "no GA0025 (before session 36)"),
    (S, r'''attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation()''', r'''null''', "expr",
     "reported at the parameter, not at the attribute"),
    (S, r'''constructor.Parameters''', r'''type.InstanceConstructors.SelectMany(c => c.Parameters)''', "expr",
     "a constructor the registry never calls looked at"),
]
