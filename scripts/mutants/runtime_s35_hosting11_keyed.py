# Mutants of session 35's hosting11 change in the SDK's runtime for keyed services: a keyed entry with a
# default (RequiredService.HasDefault) missing only from a provider without keyed services, and its
# ToString(). Killed, if at all, by the generator's execution tests, which compile registries against
# this runtime. The generator's half is generator_s35_hosting11.py; the host's, runtime_s35_hosting11.py.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s35_hosting11_keyed.py
# Outcome (session 35, 2026-12-02): 4 mutants, 4 killed (the no-mutant run: 22 tests pass), each by an assertion of
# KeyedServiceActivatorAgreementTests' check-at-start test (4 also by KeyedServiceExecutionTests' listing).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.KeyedServiceActivatorAgreementTests", "-class", "*.KeyedServiceExecutionTests"]
SWITCH_NS = "GuestAgent.MutantSwitches.Hosting11"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
R = "src/Agent/Commands/RegistryServices.cs"
Q = "src/Agent/Commands/RequiredService.cs"
MUTANTS = [
    (R, r'''service.HasDefault ? keyed is not null : IsKeyedRegistered(service.ServiceType, key)''',
     r'''IsKeyedRegistered(service.ServiceType, key)''', "expr",
     "a defaulted keyed entry missing from a keyed provider that lacks its key (its default serves)"),
    (R, r'''keyed is not null''', r'''true''', "expr",
     "a defaulted keyed entry never missing, not even from a provider without keyed services",
     r'''service.HasDefault ? keyed is not null : IsKeyedRegistered'''),
    (Q, r'''HasDefault ? NoKeyedServices : null''', r'''null''', "expr",
     "a defaulted entry's text says its key is not registered (it is missing only for want of keyed services)"),
    (Q, r'''HasDefault = hasDefault;''', r'''''', "stmt",
     "the flag not kept"),
]
