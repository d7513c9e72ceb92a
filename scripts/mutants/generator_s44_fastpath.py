# Mutants of session 44's GA0029: a public field the JSON contract leaves out that breaks System.Text.Json's fast-path
# writer of a type a result writes (FastPathWrites), whether the context writes through the fast path at all
# (KnownTypes.ContextOptions), the field chosen from the colliding pair, where it is reported and how often.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s44_fastpath.py
# Outcome (session 44, 2026-12-04): 36 of 36 killed (FastPathFieldClashExecutionTests, FastPathFieldClashDiagnosticTests).
# Mutants 37-40 (added after: a DateTime's schema admits the form without an offset it is written in for Kind Unspecified),
# run alone: 4 of 4 killed (ContractSchemaExecutionTests, DictionaryKeySchemaExecutionTests).
# Review: the walk's state moved into one Walk object (two visited sets); 10-19 retargeted, run again: 10 of 10 killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.FastPathFieldClashExecutionTests", "-class", "*.FastPathFieldClashDiagnosticTests",
             "-class", "*.ContractSchemaExecutionTests", "-class", "*.DictionaryKeySchemaExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches.FastPath44"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
FPW = "src/Agent.Generators/Parsing/FastPathWrites.cs"
KTO = "src/Agent.Generators/Parsing/KnownTypes.ContextOptions.cs"
CIJ = "src/Agent.Generators/Parsing/CommandInspector.JsonContract.cs"
CIR = "src/Agent.Generators/Parsing/CommandInspector.Return.cs"
CA = "src/Agent.Generators/Diagnostics/CommandAnalyzer.cs"
UR = "src/Agent.Generators/Parsing/UnreadableReasons.cs"
JNC = "src/Agent.Generators/Parsing/JsonNameCollisions.cs"
SB = "src/Agent.Generators/Parsing/SchemaBuilder.cs"
SBC = "src/Agent.Generators/Parsing/SchemaBuilder.Collections.cs"
WK = "src/Agent.Generators/Parsing/WellKnownSchemas.cs"
MUTANTS = [
    # Whether the context writes through the fast path.
    (KTO, r'''!metadataOnly && !_listsConverters''', r'''!_listsConverters''', "expr",
     "a metadata-only generation mode taken to write through the fast path"),
    (KTO, r'''!metadataOnly && !_listsConverters''', r'''!metadataOnly''', "expr",
     "options listing a converter taken to write through the fast path"),
    (KTO, r'''References == ReferenceHandling.None''', r'''true''', "expr",
     "a reference handler taken to write through the fast path"),
    (KTO, r'''KeyNaming == JsonPropertyNaming.AsDeclared''', r'''true''', "expr",
     "a dictionary key policy taken to write through the fast path"),
    (KTO, r'''(NumberHandling & NumberHandlings.ChangesWrites) == 0''', r'''(NumberHandling & 2) == 0''', "expr",
     "named floating-point literals taken to write through the fast path"),
    (KTO, r'''metadataOnly |= MetadataOnly(contextAttribute);''', r'''''', "stmt",
     "a [JsonSerializable]'s metadata-only mode not read", r'''types.Add(listed);
                    metadataOnly |= MetadataOnly(contextAttribute);'''),
    (KTO, r'''metadataOnly |= MetadataOnly(contextAttribute);''', r'''''', "stmt",
     "the options' metadata-only mode not read", r'''ReadOptions(contextAttribute);
                    metadataOnly |= MetadataOnly(contextAttribute);'''),
    (KTO, r'''_listsConverters = argument.Value.Values.Length > 0;''', r'''''', "stmt",
     "the options' converters not noted"),
    (KTO, r'''argument.Value.Value is 1''', r'''argument.Value.Value is 2''', "expr",
     "Serialization taken for metadata only, Metadata for both"),
    # The walk over what a result writes.
    (FPW, r'''known.WritesThroughFastPath''', r'''true''', "expr",
     "every context taken to write through the fast path", r'''if (known.WritesThroughFastPath)'''),
    (FPW, r'''Visit(array.ElementType, throughBase: false);''', r'''''', "stmt",
     "an array's items not looked at"),
    (FPW, r'''!(throughBase ? _throughBase : _written).Add(named)''', r'''false''', "expr",
     "a type visited again and again (a recursive one never ends)"),
    (FPW, r'''UnreadableReasons.HasConverter(named, known)''', r'''false''', "expr",
     "a type written by a converter of its own judged by its members", r'''UnreadableTypes.IsLeaf(named, known) || UnreadableReasons.HasConverter(named, known)'''),
    (FPW, r'''Visit(item, throughBase: false);''', r'''''', "stmt",
     "a collection's items and a dictionary's values not looked at"),
    (FPW, r'''!throughBase''', r'''true''', "expr",
     "a derived type written through its polymorphic base taken to take its own fast path"),
    (FPW, r'''Visit(derived, throughBase: true);''', r'''''', "stmt",
     "a derived type's members not looked at"),
    (FPW, r'''!JsonIgnoreConditions.NotWritten(member, known)''', r'''true''', "expr",
     "a member never written taken to write its type"),
    (FPW, r'''!ReadOnlyMembers.NeverWritten(member, memberType, known)''', r'''true''', "expr",
     "a get-only member under IgnoreReadOnlyProperties taken to write its type"),
    (FPW, r'''!UnreadableReasons.HasConverter(member, known)''', r'''true''', "expr",
     "a member a converter writes taken to write its type through the fast path", r'''&& !UnreadableReasons.HasConverter(member, known))'''),
    # A type's own fast path.
    (FPW, r'''!HasFastPath(type, known)''', r'''false''', "expr",
     "every type taken to have a fast path"),
    (FPW, r'''JsonNameCollisions.First(UnreadableReasons.ContractMembers(type, known), known) is not null''', r'''false''', "expr",
     "a collision the metadata fails on too (GA0021's) warned of again"),
    (FPW, r'''!SerializedMembers.FieldReachable(field, known)''', r'''true''', "expr",
     "an included field taken for the one left out"),
    (FPW, r'''TypeDiscriminators.Derived(type).Count == 0''', r'''true''', "expr",
     "a polymorphic type taken to have a fast path"),
    (FPW, r'''((NumberHandlings.Own(type) ?? 0) & NumberHandlings.ChangesWrites) == 0''', r'''true''', "expr",
     "a type writing numbers as strings taken to have a fast path"),
    (FPW, r'''seen.Type.SpecialType == SpecialType.System_Object''', r'''false''', "expr",
     "a member typed object taken to leave the fast path"),
    (FPW, r'''ExtensionDataFaults.IsExtensionData(seen.Member)''', r'''false''', "expr",
     "extension data taken to leave the fast path"),
    (FPW, r'''NumberHandlings.Own(seen.Member) is not null''', r'''false''', "expr",
     "a member's [JsonNumberHandling] taken to leave the fast path"),
    (FPW, r'''UnreadableReasons.HasConverter(seen.Member, known)''', r'''false''', "expr",
     "a member's [JsonConverter] taken to leave the fast path"),
    (FPW, r'''SerializedMembers.Included(property, known)''', r'''false''', "expr",
     "an internal [JsonInclude] property out of the generator's sight"),
    (FPW, r'''SerializedMembers.Included(field, known)''', r'''false''', "expr",
     "an internal [JsonInclude] field out of the generator's sight"),
    (FPW, r'''property.GetMethod?.DeclaredAccessibility == Accessibility.Public || property.SetMethod?.DeclaredAccessibility == Accessibility.Public''', r'''true''', "expr",
     "an internal property taken to be in the generator's sight"),
    # The members counted, the pair found, where and how often it is reported.
    (UR, r'''(withPublicFields && field.DeclaredAccessibility == Accessibility.Public)''', r'''withPublicFields''', "expr",
     "internal and private fields counted by the fast path's layout"),
    (JNC, r'''return (first, member, name);''', r'''return (member, first, name);''', "stmt",
     "the colliding pair given the other way round"),
    (CIR, r'''problems.ReportEach((method, type, known), static s => FastPathFaults(s.method, s.type, s.known));''', r'''''', "stmt",
     "GA0029 never reported"),
    (CIJ, r'''fault.Field.Locations.FirstOrDefault(l => l.IsInSource) ?? ReturnTypeLocation(method)''', r'''fault.Field.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None''', "expr",
     "a field in another assembly reported nowhere"),
    (CA, r'''problem.Id is not (DiagnosticIds.SetOnlyCollectionNeverSet or DiagnosticIds.FastPathFieldClash)''', r'''problem.Id is not DiagnosticIds.SetOnlyCollectionNeverSet''', "expr",
     "GA0029 reported once per command whose result holds the type"),
    # Added after: a DateTime written without an offset (Kind Unspecified) admitted beside date-time.
    (SB, r'''Member("anyOf", WellKnownSchemas.DateTimeForms())''', r'''Member("format", String("date-time"))''', "expr",
     "a DateTime value stated as date-time alone, which its Unspecified form fails"),
    (SBC, r'''Member("anyOf", WellKnownSchemas.DateTimeForms())''', r'''Member("format", String("date-time"))''', "expr",
     "a DateTime key stated as date-time alone, which its Unspecified form fails"),
    (WK, r'''"^[0-9]{4}-" + MonthAndDay + "T" + TimeOfDayTrimmed + "$"''', r'''"^[0-9]{4}-" + MonthAndDay + "T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,7})?$"''', "expr",
     "a fraction with trailing zeros, never written, admitted"),
    (WK, r'''"^[0-9]{4}-" + MonthAndDay + "T" + TimeOfDayTrimmed + "$"''', r'''"^[0-9]{4}-[0-9]{2}-[0-9]{2}T" + TimeOfDayTrimmed + "$"''', "expr",
     "a month past 12 admitted"),
]
