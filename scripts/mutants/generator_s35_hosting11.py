# Mutants of session 35's hosting11 changes in the generator: a [FromKeyedServices] parameter with a default
# listed among the required services with hasDefault (one entry per type and key, flagged only when every
# parameter under it has a default), an unbound generic typeof key written, not refused, and a compilation's own
# IKeyedServiceProvider (a polyfill) refused with GA0010.
# The runtime's half is runtime_s35_hosting11_keyed.py.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s35_hosting11.py
# Mutants 1, 4 and 6 are the code before session 35.
# Outcome (session 35, 2026-12-02): 6 mutants, 6 killed (the no-mutant run: 43 tests pass), each by an assertion:
# 1 and 3 by KeyedServiceActivatorAgreementTests' check-at-start test (1 also by the snapshot and the listing test),
# 2 by the mixed-default test, 4 and 5 by the unbound-key execution test and KeyedServiceDiagnosticTests' accepted
# forms, 6 by KeyedServiceProviderLookupTests' own-declaration theory.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.KeyedServiceActivatorAgreementTests", "-class", "*.KeyedServiceExecutionTests",
             "-class", "*.KeyedServiceDiagnosticTests", "-class", "*.CommandSnapshotTests",
             "-class", "*.KeyedServiceProviderLookupTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
P = "src/Agent.Generators/Model/RegistryPlanner.cs"
E = "src/Agent.Generators/Emitting/RegistryEmitter.cs"
K = "src/Agent.Generators/Parsing/ServiceKeys.cs"
MUTANTS = [
    (P, r'''(a.Fallback is null || a.Key is not null)''', r'''a.Fallback is null''', "expr",
     "a defaulted keyed parameter not listed (before session 35: the check at start silent on a provider without keyed services)"),
    (P, r'''g.All(a => a.Fallback is not null)''', r'''g.Any(a => a.Fallback is not null)''', "expr",
     "a key one parameter needs without a default flagged as defaulted"),
    (E, r'''(service.HasDefault ? ", hasDefault: true" : string.Empty)''', r'''string.Empty''', "expr",
     "the flag not written into the registry"),
    (K, r'''!named.IsUnboundGenericType && named.TypeArguments.Any(Unnameable)''', r'''named.IsUnboundGenericType || named.TypeArguments.Any(Unnameable)''', "expr",
     "an unbound generic typeof key refused with GA0010 (before session 35)"),
    (K, r'''!named.IsUnboundGenericType && named.TypeArguments.Any(Unnameable)''', r'''named.TypeArguments.Any(Unnameable)''', "expr",
     "an unbound generic type's placeholder arguments taken for types it cannot name"),
]
C = "src/Agent.Generators/Parsing/ConstructorInspector.cs"
MUTANTS += [
    (C, r'''return $"this compilation declares {KeyedServiceProvider} itself, which the registry's file would name in place of the one providers implement (a polyfill, say: C# prefers its own, CS0436); remove the declaration and reference Microsoft.Extensions.DependencyInjection.Abstractions 8.0 or later";''',
     r'''return null;''', "stmt",
     "the compilation's own declaration accepted, the registry naming an interface no provider implements (before session 35)"),
]
