# Mutants of three rules of the generator's JSON contracts, each proven against the real .NET 10
# context first: a C# required member is required unless the constructor the context creates the
# type with is [SetsRequiredMembers] (RequiredJsonMembers.CreatingConstructor/RequiredMembersSet; a
# struct's own parameterless constructor does not count), in schemas, GA0020/GA0021's required
# member with [JsonIgnore] and ObjectCreation; the options' IgnoreReadOnlyProperties/Fields
# (ReadOnlyMembers: what a result schema leaves out, the preferred Populate not applied to a
# read-only property, Populate on one reported); and WhenReading on a property populated in place,
# which the context reads all the same (JsonIgnoreConditions.NotRead, PopulatedInPlace).
# Checked by SetsRequiredMembersExecutionTests, ReadOnlyMemberExecutionTests and
# PopulatedWhenReadingExecutionTests. Session 19 (gen-readonly).
# Outcome (session 19): 15 mutants, all 15 killed (1-3 by SetsRequiredMembersExecutionTests, 4-12 by
# ReadOnlyMemberExecutionTests, 10 and 13-15 by PopulatedWhenReadingExecutionTests).
# Session 20 (gen-left): 14 and 15 retargeted (PopulatedInPlace.Assignable, SupportFor); 16-26 added for a
# JSON null sent for a populated property without a setter the context can call (the request schema
# admits none: PopulatedNullExecutionTests) and Populate on fields (a read-only one under
# IgnoreReadOnlyFields reported, populated ones read: ReadOnlyFieldPopulateExecutionTests, and cases in
# IncludedWithoutSetterExecutionTests and PopulatedWhenReadingExecutionTests). Run 14-26: 13 of 13 killed.
# 27 added (Populate on a field whose type cannot be populated, UnreadableReasons.RefusedField) and 22
# retargeted: run, both killed.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_readonly_required.py
# Session 20 (review): NeverCreated and RefusesNull take a field too (a populated field's null and never-created
# value, proven by PopulatedFieldNullExecutionTests); 16-17 retargeted, 28-29 added: all four killed.
# Session 21 (generator-gaps): 15 retargeted (PopulatedInPlace.Support: the reporting path asks PreparedSupport now),
# 22 and 27 moved to PopulatedFieldFaults. 22 and 27 killed; 15 survived the classes (only the schema shows it) and was
# killed once PopulatedStructFieldExecutionTests (added to the classes) pinned a struct property under WhenReading
# the type asks to populate: 3 of 3 killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*SetsRequiredMembersExecutionTests", "-class", "*ReadOnlyMemberExecutionTests",
             "-class", "*PopulatedWhenReadingExecutionTests", "-class", "*IgnoreConditionSchemaExecutionTests",
             "-class", "*IgnoreConditionFaultExecutionTests", "-class", "*PopulatedNullExecutionTests",
             "-class", "*ReadOnlyFieldPopulateExecutionTests", "-class", "*IncludedWithoutSetterExecutionTests",
             "-class", "*PopulatedFieldNullExecutionTests", "-class", "*PopulatedStructFieldExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
R = "src/Agent.Generators/Parsing/RequiredJsonMembers.cs"
C = "src/Agent.Generators/Parsing/ContractFaults.cs"
M = "src/Agent.Generators/Parsing/ReadOnlyMembers.cs"
K = "src/Agent.Generators/Parsing/KnownTypes.cs"
KO = "src/Agent.Generators/Parsing/KnownTypes.ContextOptions.cs"
P = "src/Agent.Generators/Parsing/PopulatedInPlace.cs"
I = "src/Agent.Generators/Parsing/JsonIgnoreConditions.cs"
U = "src/Agent.Generators/Parsing/UnreadableReasons.cs"
SM = "src/Agent.Generators/Parsing/SerializedMembers.cs"
F = "src/Agent.Generators/Parsing/PopulatedFieldFaults.cs"
MUTANTS = [
    (R, r'''!RequiredMembersSet(owner)''', r'''true''', "expr",
     "a C# required member is required in a schema though the constructor the context uses sets it"),
    (R, r'''type.IsValueType || type.IsAbstract''', r'''type.IsAbstract''', "expr",
     "a struct's own [SetsRequiredMembers] parameterless constructor counts"),
    (C, r'''RequiredJsonMembers.RequiredMembersSet(type)''', r'''type.InstanceConstructors.Any(RequiredMembers.SetsRequiredMembers)''', "expr",
     "any [SetsRequiredMembers] constructor spares a required member with [JsonIgnore] (the old rule: a missed error)"),
    (M, r'''known.IgnoreReadOnlyProperties && property.SetMethod is null''', r'''known.IgnoreReadOnlyProperties''', "expr",
     "a property with a private set accessor is left out of a result schema (the fast path writes it)"),
    (M, r'''!SerializedMembers.Included(member, known)''', r'''true''', "expr",
     "a [JsonInclude] read-only member is left out of a result schema (the metadata path writes it)"),
    (M, r'''JsonIgnoreConditions.Own(member, known) == IgnoreCondition.None''', r'''true''', "expr",
     "a read-only member with an ignore condition of its own is left out of a result schema (the metadata path writes it)"),
    (M, r'''!IsCollection(type)''', r'''true''', "expr",
     "a read-only collection is left out of a result schema (the metadata path writes it)"),
    (M, r'''known.IgnoreReadOnlyFields && field.IsReadOnly''', r'''false''', "expr",
     "IgnoreReadOnlyFields is not applied: a readonly field is listed in a result schema"),
    (KO, r'''IgnoreReadOnlyProperties = true;''', r'''_ = 0;''', "stmt",
     "the options' IgnoreReadOnlyProperties is not read"),
    (M, r'''JsonIgnoreConditions.Own(property, known) != IgnoreCondition.WhenReading''', r'''true''', "expr",
     "WhenReading does not drop the setter: Populate on a settable property under it is not reported"),
    (M, r'''!known.IgnoreReadOnlyProperties || HasRuntimeSetter(property, known)''', r'''true''', "expr",
     "Populate on a read-only property under IgnoreReadOnlyProperties is not reported"),
    (P, r'''known.IgnoreReadOnlyProperties && !ReadOnlyMembers.HasRuntimeSetter(property, known)''', r'''false''', "expr",
     "a read-only property is populated (and listed in a request schema) when the type prefers Populate under IgnoreReadOnlyProperties"),
    (I, r'''!(member is IPropertySymbol property && PopulatedInPlace.Is(property, owner, known))''', r'''true''', "expr",
     "a property populated in place under WhenReading is left out of the request schema and GA0020's walk"),
    (P, r'''ReadOnlyMembers.HasRuntimeSetter(property, known) && SerializedMembers.SetterReachable(property, known)''',
     r'''SerializedMembers.SetterReachable(property, known)''', "expr",
     "a nullable value populated under WhenReading counts as created (a false error for its constructor)"),
    (P, r'''SerializedMembers.SetterReachable(property, known) && JsonIgnoreConditions.Own(property, known) != IgnoreCondition.WhenReading''',
     r'''SerializedMembers.SetterReachable(property, known)''', "expr",
     "WhenReading does not take a struct property's setter: one the type asks to populate counts as read (the request schema lists it)"),
    # Session 20 (gen-left): null for a populated property without a setter, Populate on fields.
    (P, r'''IsMember(member, owner, known) && !Assignable(member, known)''', r'''false''', "expr",
     "a populated property without a setter the context can call admits null in the request schema"),
    (P, r'''!Assignable(member, known)''', r'''true''', "expr",
     "a settable populated property refuses null in the request schema (the context takes it)"),
    (M, r'''JsonIgnoreConditions.Own(field, known) != IgnoreCondition.WhenReading''', r'''true''', "expr",
     "WhenReading does not drop a field's setter: Populate on such a field under IgnoreReadOnlyFields is not reported"),
    (M, r'''!field.IsReadOnly || SerializedMembers.Included(field, known)''', r'''!field.IsReadOnly''', "expr",
     "a readonly [JsonInclude] field counts as read-only: Populate on it reported (a false error), the type's Populate not applied"),
    (M, r'''!known.IgnoreReadOnlyFields''', r'''false''', "expr",
     "Populate on a field without a setter is reported without IgnoreReadOnlyFields (a false error)"),
    (M, r'''condition == IgnoreCondition.Always''', r'''false''', "expr",
     "a [JsonIgnore]d readonly field marked Populate is reported (a false error)"),
    (F, r'''ReadOnlyMembers.PopulatedReadOnlyField(field, owner, known)''', r'''null''', "expr",
     "Populate on a read-only field under IgnoreReadOnlyFields is not reported"),
    (P, r'''known.IgnoreReadOnlyFields && !ReadOnlyMembers.HeldSetter(field, known)''', r'''false''', "expr",
     "the type's Populate is applied to a readonly field under IgnoreReadOnlyFields: listed in the request schema"),
    (SM, r'''PopulatedInPlace.FieldIs(field, owner, known)''', r'''false''', "expr",
     "a field populated in place is left out of the request schema"),
    (C, r'''included is IFieldSymbol field && PopulatedInPlace.FieldIs(field, owner, known)''', r'''false''', "expr",
     "a populated readonly [JsonInclude] field is reported as never settable (a false GA0020)"),
    (I, r'''!(member is IFieldSymbol field && PopulatedInPlace.FieldIs(field, owner, known))''', r'''true''', "expr",
     "a field populated in place under WhenReading is left out of the request schema"),
    (F, r'''PopulatedInPlace.SupportFor(field, field.Type, settable: true, known) != PopulateSupport.Refused''', r'''true''', "expr",
     "Populate on a field whose type cannot be populated (an array, a string) is not reported"),
    # Session 20 (review): a field populated in place refuses null, and its value is never created, as a property's.
    (P, r'''FieldIs(field, owner, known)''', r'''false''', "expr",
     "a populated field is taken as created, and admits null without a setter"),
    (P, r'''!field.IsReadOnly && JsonIgnoreConditions.Own(field, known) != IgnoreCondition.WhenReading''', r'''JsonIgnoreConditions.Own(field, known) != IgnoreCondition.WhenReading''', "expr",
     "a readonly populated field counts as assignable: its schema admits null"),
]
