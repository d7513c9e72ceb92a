# Mutants of the generator's handling of JsonIgnoreCondition (JsonIgnoreConditions, and where the schema
# builder, GA0020's walk and the contract faults ask it): a request schema lists what the context reads
# (not WhenReading, but a member a constructor parameter binds), a result schema what it writes (not
# WhenWriting, its own or the options' DefaultIgnoreCondition), a result's required only what is written
# whatever its value; GA0020 does not walk into a member never read; [JsonRequired] with WhenReading and
# WhenWritingNull on a non-nullable value type fail as the context prepares the type (GA0020, GA0021).
# All checked against the real context by IgnoreConditionSchemaExecutionTests and
# IgnoreConditionFaultExecutionTests. Session 19 (gen-ignore).
# Outcome (session 19): 10 mutants, all 10 killed (1-7 by IgnoreConditionSchemaExecutionTests, 6 and 8-10 by
# IgnoreConditionFaultExecutionTests). 11-12 added after that run, for C# required members with
# [JsonIgnore] or WhenReading (ContractFaults.RequiredKeywordIgnored): run alone, both killed by
# IgnoreConditionFaultExecutionTests. Total: 12 of 12 killed.
# Session 19 (gen-readonly): 1, 8 and 11 retargeted at the code as it now reads (the schema's and the walk's
# ignore checks take the type read, as WhenReading no longer stops Populate; 11 asks the constructor the
# context uses); run again: 3 of 3 killed. generator_readonly_required.py covers what changed.
# Session 19 (final read): 12 retargeted (the condition is read once into `ignored`); run again: killed.
# Session 20 (gen-left): 13-15 added for the options' DefaultIgnoreCondition = Always, which the context
# cannot be created with (ContextOptionFaults, DefaultIgnoreAlwaysExecutionTests): run, 3 of 3 killed.
# Session 20 (final read): 7 and 13 retargeted (KnownTypes reads the condition once); run again: both killed.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_ignore_conditions.py
# Session 41: 15 retargeted (UnreadableTypes.Judged leaves what a converter may read to the walk; the mutant lets a factory silence the
# Always fault); killed once DefaultIgnoreAlwaysExecutionTests' sample lists a factory beside its JsonConverter<T>.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*IgnoreConditionSchemaExecutionTests", "-class", "*IgnoreConditionFaultExecutionTests",
             "-class", "*ContractSchemaExecutionTests", "-class", "*IncludedWithoutSetterExecutionTests",
             "-class", "*DefaultIgnoreAlwaysExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
S = "src/Agent.Generators/Parsing/SchemaBuilder.cs"
I = "src/Agent.Generators/Parsing/JsonIgnoreConditions.cs"
K = "src/Agent.Generators/Parsing/KnownTypes.cs"
KO = "src/Agent.Generators/Parsing/KnownTypes.ContextOptions.cs"
U = "src/Agent.Generators/Parsing/UnreadableTypes.cs"
C = "src/Agent.Generators/Parsing/ContractFaults.cs"
CO = "src/Agent.Generators/Parsing/ContextOptionFaults.cs"
MUTANTS = [
    (S, r'''IgnoredThisWay(member, memberType, type, known, direction, boundByConstructor)''', r'''false''', "expr",
     "a WhenReading member is listed in a request schema, a WhenWriting one in a result schema"),
    (S, r'''direction == JsonDirection.Read || JsonIgnoreConditions.AlwaysWritten(member, memberType, known)''', r'''true''', "expr",
     "a result schema requires a member an ignore condition may leave out (the old behaviour)"),
    (I, r'''Own(member, known) == IgnoreCondition.WhenReading && !boundByConstructor.Contains(member.Name)''',
     r'''Own(member, known) == IgnoreCondition.WhenReading''', "expr",
     "a WhenReading member a constructor parameter binds (and reads) is left out of the request schema"),
    (I, r'''Own(member, known) is var own && own != IgnoreCondition.None ? own : known.DefaultIgnoreCondition''',
     r'''Own(member, known)''', "expr",
     "the options' DefaultIgnoreCondition is not applied to a result schema"),
    (I, r'''type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T''', r'''true''', "expr",
     "an int? counts as never null: WhenWritingNull on it is reported, and required in a result"),
    (I, r'''f.HasConstantValue && Equals(f.ConstantValue, value.Value)''', r'''f.HasConstantValue''', "expr",
     "every condition is read as the enum's first member (Never)"),
    (KO, r'''DefaultIgnoreCondition = condition is IgnoreCondition.WhenWritingNull or IgnoreCondition.WhenWritingDefault or IgnoreCondition.WhenWriting
                    ? condition
                    : IgnoreCondition.None;''', r'''DefaultIgnoreCondition = IgnoreCondition.None;''', "stmt",
     "the options' DefaultIgnoreCondition is not read"),
    (U, r'''writing || JsonIgnoreConditions.NotRead(member, named, known, boundByConstructor)''', r'''writing''', "expr",
     "GA0020 walks into a member never read (a false error for a type only such a member holds)"),
    (C, r'''JsonIgnoreConditions.Own(member, known) == IgnoreCondition.WhenReading''', r'''false''', "expr",
     "[JsonRequired] with WhenReading is not reported"),
    (C, r'''JsonIgnoreConditions.NullConditionOnValueType(member, memberType, known)''', r'''false''', "expr",
     "WhenWritingNull on a non-nullable value type is not reported"),
    (C, r'''RequiredJsonMembers.RequiredMembersSet(type)''', r'''false''', "expr",
     "a C# required member ignored when reading is reported in a type with a [SetsRequiredMembers] constructor (a false error)"),
    (C, r'''ignored is not (IgnoreCondition.Always or IgnoreCondition.WhenReading)''', r'''true''', "expr",
     "a C# required member with [JsonIgnore] or WhenReading is not reported"),
    # Session 20 (gen-left): the options' DefaultIgnoreCondition = Always, which the context cannot be created with.
    (KO, r'''DefaultIgnoreAlways = condition == IgnoreCondition.Always;''', r'''DefaultIgnoreAlways = false;''', "stmt",
     "the options' DefaultIgnoreCondition = Always is not read: nothing reported"),
    (CO, r'''known.JsonContext?.ToDisplayString(Names.InMessage) ?? "the context"''', r'''"the context"''', "expr",
     "the message does not name the context"),
    (U, r'''ContextOptionFaults.Why(known) ?? walk()''', r'''known.OptionConverters.AnyType ? null : (ContextOptionFaults.Why(known) ?? walk())''', "expr",
     "a converter in the options that may read any type silences the refused Always (a missed error)"),
]
