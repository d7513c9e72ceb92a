# Mutants of session 28's keyed services in the SDK's runtime: FindMissingServices for a keyed entry
# (asked of an IServiceProviderIsKeyedService, else the IKeyedServiceProvider; none from a provider
# without keyed services), the texts of MissingServiceException and RequiredService with a key, and
# BindingErrors.MissingKeyedService's two cases. Killed, if at all, by the generator's execution
# tests, which compile registries against this runtime. The generator's half is generator_s28_keyed.py.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s28_keyed.py
# Not made mutants: the cache of keyed answers (an equivalent mutant: only fewer calls).
# Session 28: 8 mutants, run once with the classes below (after the tests of no keyed factory run at
# the check and of a keyed provider without IServiceProviderIsKeyedService were added): all 8 killed,
# by KeyedServiceExecutionTests.
# Session 35 (hosting11): mutant 7 retargeted at ToString's new call (a fourth argument for HasDefault entries);
# rerun (2026-12-02): killed by KeyedServiceExecutionTests (2 tests).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.KeyedServiceExecutionTests", "-class", "*.RequiredServicesAcrossAssembliesTests",
             "-class", "*.RequiredServicesExecutionTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
C = "src/Agent/Commands/"
S = C + "RegistryServices.cs"
B = C + "BindingErrors.cs"
X = C + "MissingServiceException.cs"
Q = C + "RequiredService.cs"
MUTANTS = [
    (S, "IsKeyedRegistered(service.ServiceType, key)", "IsRegistered(service.ServiceType)", "expr",
     "services: a keyed entry checked as the unkeyed service"),
    (S, "keyed is null", "false", "expr",
     "services: a provider without keyed services asked for them (and failing)"),
    (S, "isKeyedService?.IsKeyedService(type, key) ?? type.IsInstanceOfType(keyed.GetKeyedService(type, key))", "type.IsInstanceOfType(keyed.GetKeyedService(type, key))", "expr",
     "services: checking a keyed entry runs its factory"),
    (S, "isKeyedService?.IsKeyedService(type, key) ?? type.IsInstanceOfType(keyed.GetKeyedService(type, key))", "isKeyedService?.IsKeyedService(type, key) ?? false", "expr",
     "services: a keyed provider that cannot say IsKeyedService has none"),
    (B, "services is IKeyedServiceProvider", "true", "expr",
     "errors: a provider without keyed services said to lack only the key"),
    (X, "serviceKey is null", "true", "expr",
     "errors: the key left out of the message"),
    (Q, "MissingServiceException.Describe(CommandClass, Service, ServiceKeyText, HasDefault ? NoKeyedServices : null)", "MissingServiceException.Describe(CommandClass, Service, null, HasDefault ? NoKeyedServices : null)", "expr",
     "required service: its text without the key"),
    (Q, "ServiceKey = serviceKey;", "", "stmt",
     "required service: the key not kept (the entry checked as unkeyed)"),
]
