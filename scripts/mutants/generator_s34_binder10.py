# Mutants of session 34's binder10 change in the generator: GA0020 for a [JsonExtensionData] member a constructor
# parameter binds even when it is [JsonIgnore]d (a property, or a [JsonInclude] field: the context throws as it prepares
# the type, probed against .NET 10's source-generated context), while an ignored init-only one, never set, is not
# GA0020 (ExtensionDataFaults.Prepared) but GA0024, never filled. The runtime half of the session (a derived
# collection's or dictionary's JsonValue items) is runtime_s34_binder10.py; the compiling rewrites of
# generator_s33_reviewgen.py 1 and generator_s32_binder8.py 10 are in those batches.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s34_binder10.py
# GA0024 for a [JsonIgnore]d one nothing binds and that is not required (never filled, probed: ExtensionDataFaults.NeverFilledIn).
# Mutants 1 and 5 are the code before session 34 (an ignored member passed over by each rule).
# Session 34, first run (then mutants 1-2 of this list's 4-5): both killed by
# GA0020_an_ignored_or_field_extension_data_member_a_constructor_binds (the no-mutant run: 3 tests pass), the old code
# included: the new test fails on the old code. Second run (all 5): all killed, each by 1 of the class's 3 tests (1 and
# 4 by the GA0024 test, 2, 3 and 5 by the new GA0020 one; the no-mutant run passing 3).
# Session 34, review-gen: mutants 1-3 retargeted after NeverFilledIn took fields and WhenReading (ExtensionDataFaults.
# NeverFilledBecause; generator_s34_reviewgen.py); rerun: all 3 killed, each by 1 test (the no-mutant run: 5 pass);
# 1 is still the code before session 34. generator_s33_binder9.py's 4 and 5 (and this batch's 5) only gained a context
# (their text now occurs twice); the code they mutate did not change, so they were not rerun.
# Not made a mutant: Prepared's required rule for an ignored member (any ignored required member is reported before
# it, by ContractFaults, so a guard there changes nothing).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.ExtensionDataDiagnosticTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
X = "src/Agent.Generators/Parsing/ExtensionDataFaults.cs"
MUTANTS = [
    (X, r'''JsonIgnoreConditions.Own(member, known)''', r'''(JsonIgnoreConditions.Own(member, known) == IgnoreCondition.Always ? IgnoreCondition.None : JsonIgnoreConditions.Own(member, known))''', "expr",
     "an ignored extension data property never filled not reported (before session 34)"),
    (X, r'''RequiredJsonMembers.IsRequired(member, type) || RequiredJsonMembers.BoundByConstructor(type).Contains(member.Name)''', r'''RequiredJsonMembers.BoundByConstructor(type).Contains(member.Name)''', "expr",
     "an ignored required extension data property also reported as never filled, beside its GA0020"),
    (X, r'''RequiredJsonMembers.IsRequired(member, type) || RequiredJsonMembers.BoundByConstructor(type).Contains(member.Name)''', r'''RequiredJsonMembers.IsRequired(member, type)''', "expr",
     "an ignored extension data property (or a field) a constructor binds also reported as never filled, beside its GA0020"),
    (X, r'''!SchemaBuilder.AlwaysIgnored(member, known)''', r'''true''', "expr",
     "an ignored init-only extension data property reported though the context never sets it"),
    (X, r'''RequiredJsonMembers.BoundByConstructor(type).Contains(member.Name)''', r'''!SchemaBuilder.AlwaysIgnored(member, known) && RequiredJsonMembers.BoundByConstructor(type).Contains(member.Name)''', "expr",
     "an ignored extension data member a constructor binds passed over (before session 34): the context throws unreported",
     r'''RequiredJsonMembers.BoundByConstructor(type).Contains(member.Name) ? "a parameter'''),
]
