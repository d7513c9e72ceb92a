# Mutants of session 41's JSON contract work (mutants 1-9 below; the others, added after, are described in the outcome
# lines). First, the narrowing of the options' converters: GA0020 and GA0021 look into every type but the one a
# JsonConverter<T> among the options' Converters names (UnreadableTypes.Visit; before, any converter of an object type
# silenced both whole), and GA0007 refuses a dictionary key whose converter (the options' first that reads it, else the
# key type's own [JsonConverter]) overrides neither ReadAsPropertyName nor WriteAsPropertyName (DictionaryKeys; probed
# on .NET 10: such a converter throws NotSupportedException on every key, an empty dictionary is read fine), unless a
# converter of the options reads the dictionary or a type holding it (UnsupportedTypes.Offender's 'converted').
# The retargeted mutants of the code this replaced are in generator_unreadable.py (34, 35, 36, 55), generator_schema.py
# (65, 68, 81), generator_ignore_conditions.py (15) and generator_s40_reqsetonly.py (9-11).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s41_contract.py
# Outcome (session 41, 2026-12-04): 9 mutants, 9 killed (the no-mutant run: 41 tests pass), each by
# UnsupportedTypeDiagnosticTests.Dictionaries_keyed_by_a_type_without_a_property_name_form_are_refused (the first two
# build attempts did not compile: a pattern and a call's start take no switch, and a pattern variable cannot be declared
# in both arms; mutants 3, 5 and 9 now replace whole expressions). The retargeted mutants elsewhere, run alone: all
# killed (generator_unreadable.py 34-37 and 55, generator_schema.py 65, 68 and 81, generator_ignore_conditions.py 15 once
# DefaultIgnoreAlwaysExecutionTests' sample lists a factory, generator_s40_reqsetonly.py 9-11).
# Mutant 10 (added after: ContractWalk's check, GA0024 and GA0026 not reported inside a type a JsonConverter<T> of the
# options names), run alone: killed by ExtensionDataDiagnosticTests' and SetOnlyCollectionDiagnosticTests' new cases.
# Mutants 11-15 (added after: the JSON contract of a value a converter writes its own way is any JSON, SchemaBuilder),
# run alone: 5 of 5 killed (ConverterSchemaExecutionTests; 14 by six tests, MemberSchemaExecutionTests' string enums too).
# Mutants 16-24 (added after: GA0020/GA0021 for [JsonNumberHandling] on a member that is no number, NumberHandlingFaults),
# run alone: 9 of 9 killed (ContractFaultDiagnosticTests' new test; 16 and 21 by ContractFaultExecutionTests too).
# Mutants 25-33 (added after: the schema of numbers under JsonNumberHandling, NumberHandlings), run alone: 9 of 9 killed
# (NumberHandlingSchemaExecutionTests). 22 and 23 followed IsNumberOrObject into NumberHandlings; run again: killed.
# Mutants 34-36 (added after: GA0020/GA0021 for [JsonUnmappedMemberHandling(Disallow)] beside extension data), run alone:
# 3 of 3 killed (ExtensionDataDiagnosticTests' new test; 34 by ContractFaultExecutionTests too).
# Mutants 37-42 (added after: GA0020/GA0021 for two members going by one name in JSON, JsonNameCollisions), run alone:
# 6 of 6 killed (ContractFaultDiagnosticTests' theory; 37 by ContractFaultExecutionTests too).
# Mutants 43-50 (added after: GA0020/GA0021 for the [JsonDerivedType]s the context refuses, PolymorphismFaults), run alone:
# 8 of 8 killed (PolymorphismFaultExecutionTests).
# Mutants 51-55 (added after: the request schema's propertyNames under JsonUnmappedMemberHandling.Disallow, UnmappedMembers),
# run alone: 5 of 5 killed (UnmappedMemberSchemaExecutionTests). At first not made mutants: the skips for names compared ignoring case and for
# a polymorphic type (no test held either); 56 and 57, added with the test that holds them, run alone: killed.
# After one reading of a type's own [JsonUnmappedMemberHandling] (UnmappedMembers.OwnDisallows, shared with the fault), 35, 52, 53
# and 56 retargeted; 35, 36, 51-54, 56 and 57 run again: 8 of 8 killed.
# Mutants 58-59 (added after: a polymorphic type's discriminator member in its schema, TypeDiscriminators; 49 followed the
# discriminator's name there), run alone with 49: 3 of 3 killed (PolymorphicSchemaExecutionTests; 49 by PolymorphismFaultExecutionTests).
# Session 42: the polymorphic schema became one shape per derived type (SchemaBuilder.Polymorphic); 51, 58 and 59
# retargeted there (58: the discriminator member's line; 59: WithoutKnownDiscriminator's test), run again: 3 of 3 killed.
# Final re-read: one reading of a symbol's own [JsonConverter] (UnreadableReasons.OwnConverter); 8 and 14 retargeted, run again: killed
# (and generator_schema.py's 68: killed).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.UnsupportedTypeDiagnosticTests", "-class", "*.UnreadableTypeReviewTests", "-class", "*.UnwritableResultDiagnosticTests",
             "-class", "*.OptionConverterExecutionTests", "-class", "*.DictionaryKeyExecutionTests", "-class", "*.DefaultIgnoreAlwaysExecutionTests",
             "-class", "*.SetOnlyCollectionDiagnosticTests", "-class", "*.ExtensionDataDiagnosticTests",
             "-class", "*.ConverterSchemaExecutionTests", "-class", "*.MemberSchemaExecutionTests", "-class", "*.ContractSchemaExecutionTests",
             "-class", "*.ContractFaultDiagnosticTests", "-class", "*.ContractFaultExecutionTests", "-class", "*.NumberHandlingSchemaExecutionTests",
             "-class", "*.PolymorphismFaultExecutionTests", "-class", "*.UnmappedMemberSchemaExecutionTests",
             "-class", "*.PolymorphicSchemaExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches.Contract41"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
U = "src/Agent.Generators/Parsing/UnsupportedTypes.cs"
DK = "src/Agent.Generators/Parsing/DictionaryKeys.cs"
OC = "src/Agent.Generators/Parsing/OptionConverters.cs"
CW = "src/Agent.Generators/Parsing/ContractWalk.cs"
SB = "src/Agent.Generators/Parsing/SchemaBuilder.cs"
NH = "src/Agent.Generators/Parsing/NumberHandlingFaults.cs"
UR = "src/Agent.Generators/Parsing/UnreadableReasons.cs"
NS = "src/Agent.Generators/Parsing/NumberHandlings.cs"
KT = "src/Agent.Generators/Parsing/KnownTypes.cs"
KTO = "src/Agent.Generators/Parsing/KnownTypes.ContextOptions.cs"
ED = "src/Agent.Generators/Parsing/ExtensionDataFaults.cs"
JN = "src/Agent.Generators/Parsing/JsonNameCollisions.cs"
PF = "src/Agent.Generators/Parsing/PolymorphismFaults.cs"
UM = "src/Agent.Generators/Parsing/UnmappedMembers.cs"
TD = "src/Agent.Generators/Parsing/TypeDiscriminators.cs"
SBP = "src/Agent.Generators/Parsing/SchemaBuilder.Polymorphic.cs"
MUTANTS = [
    (U, r'''Offender(TypeClassifier.UnwrapNullable(p), known, converted)''', r'''Offender(TypeClassifier.UnwrapNullable(p), known)''', "expr",
     "a dictionary inside a type a converter of the options reads judged: a false GA0007"),
    (U, r'''converted |= known.OptionConverters.MayRead(type);''', r'''converted = known.OptionConverters.MayRead(type);''', "stmt",
     "what a converter of the options reads forgotten below the next type: a false GA0007"),
    (U, r'''unsupported.Converter is not null''', r'''false''', "expr",
     "a key whose converter names no keys refused with the text for a key without a converter"),
    (DK, r'''false''', r'''true''', "expr",
     "a JsonConverter<T> taken to name keys without overriding ReadAsPropertyName or WriteAsPropertyName: GA0007 missed",
     r'''known.JsonConverterOfT))
            {
                return false;'''),
    (DK, r'''member is IMethodSymbol { IsOverride: true, Name: "ReadAsPropertyName" or "WriteAsPropertyName" }''', r'''member is IMethodSymbol { IsOverride: true, Name: "ReadAsPropertyName" }''', "expr",
     "only ReadAsPropertyName counted: a key whose converter overrides WriteAsPropertyName refused"),
    (DK, r'''true''', r'''false''', "expr",
     "a factory key converter taken to name no keys: a false GA0007",
     r'''        }

        return true;'''),
    (DK, r'''converter is not null && NamesProperties(converter, known)''', r'''converter is not null''', "expr",
     "any converter taken to name keys: GA0007 missed for one that does not"),
    (DK, r'''known.OptionConverters.Reading(key) ?? UnreadableReasons.OwnConverter(key, known)''', r'''UnreadableReasons.OwnConverter(key, known) ?? known.OptionConverters.Reading(key)''', "expr",
     "the key type's own converter before the options' one, which the context uses: GA0007 missed"),
    (OC, r'''_read.FirstOrDefault(read => Same(read.Type, type) || Same(read.Type, inner)).Converter''', r'''_read.LastOrDefault(read => Same(read.Type, type) || Same(read.Type, inner)).Converter''', "expr",
     "the options' last converter of a type taken for it, where the context uses the first"),
    # Added after: GA0024 and GA0026 not reported for the members of a type a JsonConverter<T> of the options names.
    (CW, r'''_known.OptionConverters.Reading(named) is null''', r'''true''', "expr",
     "a type a converter of the options reads whole looked into for GA0024 and GA0026: false warnings"),
    # Added after: the JSON contract of a value a converter writes its own way is any JSON ({}).
    (SB, r'''!ownValue && ConverterWrites(type, known)''', r'''false''', "expr",
     "a type a converter writes described by its members, which never reach the wire"),
    (SB, r'''depth == 0 && (primitive != PrimitiveKind.None || type.TypeKind == TypeKind.Enum || known.Is(type, known.JsonElement))''', r'''false''', "expr",
     "a parameter's simple value, which the binder reads itself, described as its type's converter's (any JSON)"),
    (SB, r'''ConverterWrites(member, known)''', r'''false''', "expr",
     "a member with a converter of its own described by its type", r'''ConverterWrites(member, known) ? "{}"'''),
    (SB, r'''!(UnreadableReasons.OwnConverter(symbol, known) is { } own && EnumSchema.IsStringConverter(own, null))''', r'''true''', "expr",
     "a string enum converter taken for one whose JSON is unknown: the enum's names not listed"),
    (SB, r'''symbol is ITypeSymbol type && known.OptionConverters.Reading(type) is not null''', r'''false''', "expr",
     "a type a JsonConverter<T> of the options names described by its members"),
    # Added after: GA0020/GA0021 for [JsonNumberHandling] on a member that is no number (NumberHandlingFaults).
    (UR, r'''NumberHandlingFaults.Prepared(type, member, known)''', r'''null''', "expr",
     "the fault not looked for: the type fails every read and write unwarned"),
    (NH, r'''SchemaBuilder.AlwaysIgnored(member, known)''', r'''false''', "expr",
     "a member always ignored, never prepared, reported"),
    (NH, r'''array.ElementType.SpecialType != SpecialType.System_Byte''', r'''true''', "expr",
     "a byte[] (one base64 string) taken for a collection of numbers: GA0020 missed"),
    (NH, r'''(SchemaBuilder.DictionaryValue(named) ?? SchemaBuilder.EnumerableItem(named)) is { } item''', r'''false''', "expr",
     "a list or dictionary of numbers reported"),
    (NH, r'''IsNumberOrObject(TypeClassifier.UnwrapNullable(item))''', r'''true''', "expr",
     "a list of lists taken for a collection of numbers: GA0020 missed"),
    (NH, r'''TypeClassifier.UnwrapNullable(type)''', r'''type''', "expr",
     "an int? reported", r'''type = TypeClassifier.UnwrapNullable(type)'''),
    (NS, r'''Names.IsNamed(named, "System.Half")''', r'''false''', "expr",
     "a Half reported"),
    (NS, r'''type.SpecialType == SpecialType.System_Object''', r'''false''', "expr",
     "an object member reported"),
    (NH, r'''named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable)''', r'''false''', "expr",
     "a non-generic collection (ArrayList) reported"),
    # Added after: the schema of numbers under JsonNumberHandling (NumberHandlings).
    (SB, r'''NumberHandlings.Apply(integer, primitive, numbers, direction)''', r'''integer''', "expr",
     "an integer's handling ignored: a number where the context writes a string"),
    (SB, r'''NumberHandlings.Apply(number, primitive, numbers, direction)''', r'''number''', "expr",
     "a float's handling ignored: no NaN where the context writes one"),
    (SB, r'''ownValue''', r'''false''', "expr",
     "a parameter's own number described with the context's handling, which the binder does not follow", r'''ownValue ? integer'''),
    (NS, r'''Own(member) ?? Own(owner) ?? known.NumberHandling''', r'''Own(member) ?? known.NumberHandling''', "expr",
     "the type's own [JsonNumberHandling] ignored"),
    (NS, r'''IsNumberOrObject(TypeClassifier.UnwrapNullable(item)) ? handling : known.NumberHandling''', r'''handling''', "expr",
     "a member's or type's handling taken down a list of lists"),
    (NS, r'''direction == JsonDirection.Read && (handling & AllowReadingFromString) != 0''', r'''false''', "expr",
     "AllowReadingFromString ignored: a string the context reads refused by the schema"),
    (NS, r'''direction == JsonDirection.Written && (handling & WriteAsString) != 0''', r'''false''', "expr",
     "WriteAsString ignored: a number where the context writes a string"),
    (NS, r'''(handling & AllowNamedFloatingPointLiterals) != 0''', r'''false''', "expr",
     "AllowNamedFloatingPointLiterals ignored: no NaN where the context writes one"),
    (KTO, r'''NumberHandling = numberHandling;''', r'''NumberHandling = 0;''', "stmt",
     "the options' NumberHandling not read"),
    # Added after: GA0020/GA0021 for [JsonUnmappedMemberHandling(Disallow)] beside extension data.
    (UR, r'''ExtensionDataFaults.DisallowedUnmapped(type, member)''', r'''null''', "expr",
     "the conflict not looked for: the type fails every read and write unwarned"),
    (UM, r'''handling == Disallow''', r'''true''', "expr",
     "Skip taken for Disallow: a false GA0020"),
    (ED, r'''!IsExtensionData(member)''', r'''false''', "expr",
     "any member of a Disallow type reported", r'''!IsExtensionData(member) || UnmappedMembers'''),
    # Added after: GA0020/GA0021 for two members going by one name in JSON (JsonNameCollisions).
    (UR, r'''JsonNameCollisions.Why(type, ContractMembers(type, known), known)''', r'''null''', "expr",
     "the collision not looked for: the type fails every read and write unwarned"),
    (JN, r'''SchemaBuilder.AlwaysIgnored(member, known)''', r'''false''', "expr",
     "an ignored member, which goes by no name, reported"),
    (JN, r'''ExtensionDataFaults.IsExtensionData(member)''', r'''false''', "expr",
     "extension data, which goes by no name, reported"),
    (JN, r'''known.NamesIgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal''', r'''StringComparer.Ordinal''', "expr",
     "names differing only in case not compared so where the options ignore case"),
    (KTO, r'''NamesIgnoreCase = ignoreCase;''', r'''NamesIgnoreCase = false;''', "stmt",
     "the options' PropertyNameCaseInsensitive not read"),
    (KTO, r'''NamesIgnoreCase = true;''', r'''NamesIgnoreCase = false;''', "stmt",
     "the Web defaults taken to compare names exactly"),
    # Added after: GA0020/GA0021 for the [JsonDerivedType]s the context refuses (PolymorphismFaults).
    (UR, r'''PolymorphismFaults.Why(type, known)''', r'''null''', "expr",
     "the derived types not looked at: the type fails every read and write unwarned"),
    (PF, r'''!types.Add(derivedType)''', r'''false''', "expr",
     "a derived type named twice not reported"),
    (PF, r'''!DerivesFrom(derivedType, type)''', r'''false''', "expr",
     "a derived type that does not derive not reported"),
    (PF, r'''!discriminators.Add(discriminator)''', r'''false''', "expr",
     "a discriminator given twice not reported"),
    (PF, r'''discriminators.Count == 0''', r'''false''', "expr",
     "a member named $type reported beside derived types without a discriminator", r'''discriminators.Count == 0 ? null'''),
    (PF, r'''SchemaBuilder.JsonName(member, known) == property''', r'''false''', "expr",
     "a member going by the discriminator's name not reported"),
    (TD, r'''"TypeDiscriminatorPropertyName"''', r'''"Unknown"''', "expr",
     "a renamed discriminator taken to be $type: a false GA0020"),
    (PF, r'''derived.AllInterfaces.Contains(type, SymbolEqualityComparer.Default)''', r'''false''', "expr",
     "a class deriving from an interface taken not to derive"),
    # Added after: the request schema's propertyNames under JsonUnmappedMemberHandling.Disallow (UnmappedMembers).
    (SB, r'''direction == JsonDirection.Read && UnmappedMembers.AllowedNames(type, known, discriminator?.Name) is { } names''', r'''false''', "expr",
     "the names the context takes not stated"),
    (UM, r'''OwnDisallows(type) ?? known.DisallowsUnmapped''', r'''known.DisallowsUnmapped''', "expr",
     "the type's own Skip not seen"),
    (UM, r'''known.DisallowsUnmapped''', r'''false''', "expr",
     "the options' Disallow not followed", r'''?? known.DisallowsUnmapped'''),
    (UM, r'''members.Any(ExtensionDataFaults.IsExtensionData)''', r'''false''', "expr",
     "names stated beside extension data, which takes the others"),
    (KTO, r'''DisallowsUnmapped = unmapped == 1;''', r'''DisallowsUnmapped = false;''', "stmt",
     "the options' UnmappedMemberHandling not read"),
    (UM, r'''known.NamesIgnoreCase''', r'''false''', "expr",
     "names listed where the context compares them ignoring case", r'''|| known.NamesIgnoreCase'''),
    (UM, r'''type.GetAttributes().Any(a => Names.IsNamed(a.AttributeClass, ContractFaults.JsonDerivedTypeAttribute)
                || Names.IsNamed(a.AttributeClass, ContractFaults.JsonPolymorphicAttribute))''', r'''false''', "expr",
     "names listed for a polymorphic type, without its discriminator"),
    # Added after: a polymorphic type's discriminator member in its schema (TypeDiscriminators).
    (SB, r'''properties.Add(Member(given.Name, leading));''', r''';''', "stmt",
     "the discriminator not described"),
    (SBP, r'''!TypeDiscriminators.IgnoresUnknown(type)''', r'''true''', "expr",
     "IgnoreUnrecognizedTypeDiscriminators not followed: a discriminator the context reads refused by the schema"),
]
