# Mutants of session 34's review of binder10 (review-gen): GA0024 for a [JsonExtensionData] field the context leaves
# out of its contract (public without [JsonInclude] nor IncludeFields, internal without [JsonInclude]) or cannot set
# (readonly without [JsonInclude], even under IncludeFields), and for a property or field under
# [JsonIgnore(Condition = WhenReading)]: each never filled, the request's other members dropped (probed against .NET 10's
# source-generated context). A private [JsonInclude] one is SYSLIB1038's (the context throws), and a field a constructor
# parameter binds is GA0020's (ExtensionDataFaults.NeverFilledIn, NeverFilledBecause). The [JsonIgnore] half and the
# required or constructor-bound guard are generator_s34_binder10.py's 1-3.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s34_reviewgen.py
# Mutants 1 and 2 are the code before this review (fields, and WhenReading, passed over).
# Session 35 (binder11): mutant 1 retargeted (NeverFilledIn now takes implicitly declared backing fields too, for
# [field: JsonExtensionData], so its text lost `{ IsImplicitlyDeclared: false }`; the mutant still passes every field over).
# Session 35 (review-gen): the retargeted mutant 1 rerun alone: killed (the no-mutant run: 6 tests pass) by the field test,
# the readonly-field test and the backing-field test.
# Session 36 (binder12): mutant 1 rerun alone again: killed (the no-mutant run: 6 tests pass) by the same three tests.
# Session 34 (review-gen): all 8 killed (the no-mutant run: 5 tests pass); 1 and 2, the old code, by the new GA0024 tests
# (1 by both, 2 by the field/WhenReading one): the new tests fail on the old code. 3 and 4 by the field test, 5 by the get-only test's
# readonly [JsonInclude] field, 6 by the IncludeFields test, 7 by the GA0020 test's PlainFieldBound, 8 by both field tests.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.ExtensionDataDiagnosticTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
X = "src/Agent.Generators/Parsing/ExtensionDataFaults.cs"
MUTANTS = [
    (X, r'''member is not (IPropertySymbol or IFieldSymbol)''', r'''member is not IPropertySymbol''', "expr",
     "an extension data field never looked at (before the review): one the context leaves out dropped unreported"),
    (X, r'''JsonIgnoreConditions.Own(member, known)''', r'''(JsonIgnoreConditions.Own(member, known) == IgnoreCondition.WhenReading ? IgnoreCondition.None : JsonIgnoreConditions.Own(member, known))''', "expr",
     "a member ignored when reading, never filled, not reported (before the review)"),
    (X, r'''!SerializedMembers.Included(field, known)''', r'''true''', "expr",
     "a private [JsonInclude] field (SYSLIB1038's, the context throws) reported as never filled",
     r'''!SerializedMembers.FieldReachable(field, known) && !SerializedMembers.Included(field, known)'''),
    (X, r'''!SerializedMembers.FieldReachable(field, known)''', r'''false''', "expr",
     "a field out of the contract not reported"),
    (X, r'''!SerializedMembers.Included(field, known)''', r'''true''', "expr",
     "a readonly [JsonInclude] field, filled in place, reported",
     r'''field is { IsReadOnly: true } && !SerializedMembers.Included(field, known)'''),
    (X, r'''field is { IsReadOnly: true }''', r'''false''', "expr",
     "a readonly field without [JsonInclude] not reported"),
    (X, r'''ignored is IgnoreCondition.Always or IgnoreCondition.WhenReading || field is not null''', r'''ignored is IgnoreCondition.Always or IgnoreCondition.WhenReading''', "expr",
     "a field a constructor parameter binds (GA0020's) also reported as never filled"),
    (X, r'''member is IFieldSymbol ? "field" : "property"''', r'''"property"''', "expr",
     "a field named a property in the message"),
]
