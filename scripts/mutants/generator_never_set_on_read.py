# Mutants of GA0020's [JsonInclude]-without-a-setter rule (ContractFaults.IncludedWithoutSetter) for the
# members the context never sets on a read: one under [JsonIgnore(Condition = WhenReading)] and an
# initialised [JsonExtensionData] dictionary (both checked working against the real context by
# IncludedWithoutSetterExecutionTests; reporting them was a false error). Session 18 (review); kept out
# of generator_unreadable.py so as not to collide with the mutants another helper added there.
# Outcome (session 18): 2 mutants, both killed by IncludedWithoutSetterExecutionTests.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_never_set_on_read.py
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*IncludedWithoutSetterExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
C = "src/Agent.Generators/Parsing/ContractFaults.cs"
MUTANTS = [
    (C, r'''Names.IsNamed(a.AttributeClass, JsonExtensionDataAttribute)''', r'''false''', "expr",
     "an initialised [JsonExtensionData] dictionary under [JsonInclude] is reported (a false GA0020)"),
    (C, r'''IsEnumMember(n.Value, "WhenReading")''', r'''false''', "expr",
     "a [JsonInclude] member under [JsonIgnore(Condition = WhenReading)] is reported (a false GA0020)"),
]
