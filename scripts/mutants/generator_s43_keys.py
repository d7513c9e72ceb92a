# Mutants of session 43's dictionary key names: a dictionary's propertyNames as the context writes its keys
# (SchemaBuilder.Collections' KeyNames), an enum's names under the options' DictionaryKeyPolicy in a result and as
# declared in a request (EnumSchema.KeyNames, KnownTypes.ContextOptions), the metadata names beside them.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s43_keys.py
# Outcome (session 43, 2026-12-04): 12 of 13 killed (DictionaryKeySchemaExecutionTests); 2 survived (the key type with a
# converter of its own was a struct, which no rule names anyway): with an enum key a converter of its own names, run
# again: killed. First placed, 4, 5 and 8 changed constants (no switch there) or a switch arm as a statement; now each
# changes a use.
# Mutants 14-18 (added after: TimeSpan, TimeOnly and Version patterns), run alone: 5 of 5 killed (WellKnownSchemasTests,
# DictionaryKeySchemaExecutionTests). generator_parts.py's 62, placed by its return since its text occurs in TextPattern
# too, run again: killed.
# Mutants 19-25 (added after: a string-enum converter's naming policy, StringEnumNaming, and the converters' order), with
# 10-12 retargeted (the key's naming now chosen beside the converter), run: 10 of 10 killed
# (StringEnumNamingSchemaExecutionTests, DictionaryKeySchemaExecutionTests). generator_schema.py's 15, 17 and 29,
# retargeted to the new code, run again: 3 of 3 killed.
# Review: StringEnumNaming.Of takes the converter's absence too (names as declared), where both callers had tested for it;
# 25 and generator_schema.py's 15 retargeted, 26 added: run, 3 of 3 killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.DictionaryKeySchemaExecutionTests", "-class", "*.StringEnumNamingSchemaExecutionTests", "-class", "*.WellKnownSchemasTests", "-class", "*.ContractSchemaExecutionTests",
             "-class", "*.ReferenceHandlerSchemaExecutionTests", "-class", "*.PolymorphicSchemaExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches.Keys43"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
SBC = "src/Agent.Generators/Parsing/SchemaBuilder.Collections.cs"
ES = "src/Agent.Generators/Parsing/EnumSchema.cs"
KTO = "src/Agent.Generators/Parsing/KnownTypes.ContextOptions.cs"
WK = "src/Agent.Generators/Parsing/WellKnownSchemas.cs"
SN = "src/Agent.Generators/Parsing/StringEnumNaming.cs"
MUTANTS = [
    (SBC, r'''properties.Count == 0''', r'''true''', "expr",
     "the metadata names ($id, the discriminator) not admitted beside the keys"),
    (SBC, r'''known.OptionConverters.MayRead(key) || ConverterWrites(key, known)''', r'''known.OptionConverters.MayRead(key)''', "expr",
     "a key type's own converter taken to write the default names"),
    (SBC, r'''Pattern(UnsignedInteger)''', r'''Pattern(SignedInteger)''', "expr",
     "an unsigned key admits a minus sign", r'''PrimitiveKind.UInt64:
                return Pattern(UnsignedInteger)'''),
    (SBC, r'''Pattern(SignedInteger)''', r'''Pattern("^-?[0-9]+$")''', "expr",
     "an integer key admits leading zeros and -0", r'''PrimitiveKind.Int64:
                return Pattern(SignedInteger)'''),
    (SBC, r'''Pattern(RealNumber)''', r'''Pattern("^-?(0|[1-9][0-9]*)([.][0-9]+)?([Ee][+-]?[0-9]+)?$")''', "expr",
     "a real key admits a lower-case exponent", r'''PrimitiveKind.Decimal:
                return Pattern(RealNumber)'''),
    (SBC, r'''return Object([Member("enum", Array([String("True"), String("False")]))]);''', r'''return Object([Member("enum", Array([String("true"), String("false")]))]);''', "stmt",
     "bool keys stated in lower case"),
    (SBC, r'''Object([Member("minLength", "1"), Member("maxLength", "1")])''', r'''Object([Member("minLength", "1")])''', "expr",
     "a char key of any length"),
    (SBC, r'''Pattern(RealNumber)''', r'''null''', "expr",
     "a Half key of any name", r'''"System.Half" => Pattern(RealNumber)'''),
    (ES, r'''IsFlags(type) || fields.Length == 0''', r'''fields.Length == 0''', "expr",
     "a flags enum's keys taken to be single names"),
    (ES, r'''direction == JsonDirection.Written && known.KeyNaming != JsonPropertyNaming.AsDeclared''', r'''known.KeyNaming != JsonPropertyNaming.AsDeclared''', "expr",
     "a request states the names under the key policy, which the context refuses"),
    (ES, r'''direction == JsonDirection.Written && known.KeyNaming != JsonPropertyNaming.AsDeclared''', r'''false''', "expr",
     "a result states the converter's names, not those written under the key policy"),
    (ES, r'''StatedName(f) ?? JsonPropertyNames.Convert(f.Name, policy)''', r'''JsonPropertyNames.Convert(f.Name, policy)''', "expr",
     "[JsonStringEnumMemberName] passed over for keys", r'''fields.Select(f => StatedName(f) ?? JsonPropertyNames.Convert(f.Name, policy))'''),
    (KTO, r'''KeyNaming = Naming(keyPolicy);''', r'''KeyNaming = JsonPropertyNaming.AsDeclared;''', "stmt",
     "the options' DictionaryKeyPolicy not read"),
    # Added after: TimeSpan, TimeOnly and Version with the pattern of the form the context writes.
    (WK, r'''"^-?([1-9][0-9]*[.])?" + TimeOfDay + "$"''', r'''"^-?([0-9]+[.])?" + TimeOfDay + "$"''', "expr",
     "a TimeSpan's days admit leading zeros"),
    (WK, r'''"^(0|[1-9][0-9]*)([.](0|[1-9][0-9]*)){1,3}$"''', r'''"^[0-9]+([.][0-9]+){1,3}$"''', "expr",
     "a Version's parts admit leading zeros"),
    (WK, r'''"^" + TimeOfDay + "$"''', r'''"^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?([.][0-9]+)?$"''', "expr",
     "a TimeOnly admits the loose forms the context reads (one-digit hours, no seconds, a short fraction)"),
    (SBC, r'''WellKnownSchemas.TextPattern(key) is { } pattern ? Pattern(pattern) : null''', r'''null''', "expr",
     "a TimeSpan, TimeOnly or Version key of any name"),
    (WK, r'''type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString()''', r'''type.ToDisplayString()''', "expr",
     "a nullable-annotated Version not recognised (the schema build throws)", r'''TextPattern(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString()'''),
    # Added after: the naming policy a converter deriving from JsonStringEnumConverter passes to its base (StringEnumNaming),
    # and System.Text.Json's order of converters for a value and a key.
    (SN, r'''Policy(PolicyArgument(initializer.ArgumentList), known)''', r'''JsonPropertyNaming.AsDeclared''', "expr",
     "a converter's naming policy passed over (its names taken as declared)"),
    (SN, r'''a.NameColon?.Name.Identifier.ValueText == "namingPolicy"''', r'''false''', "expr",
     "a named namingPolicy argument passed over (the first positional one taken)"),
    (SN, r'''return null;''', r'''return JsonPropertyNaming.AsDeclared;''', "stmt",
     "a policy of the converter's own taken as no policy", r'''!Names.IsNamed(property.ContainingType, NamingPolicy))
        {
            return null;'''),
    (SN, r'''continue;''', r'''return null;''', "stmt",
     "a converter deriving from another through an implicit constructor not followed", r'''if (constructor.IsImplicitlyDeclared)
            {
                continue;'''),
    (ES, r'''propertyConverter ?? StringConverter(type, known)''', r'''StringConverter(type, known) ?? propertyConverter''', "expr",
     "the options' or the enum's converter taken before the property's own"),
    (ES, r'''known.StringEnumConverters.FirstOrDefault(c => c.Enum is null || SymbolEqualityComparer.Default.Equals(c.Enum, type)).Converter
        ?? StringConverterOn(type, type)''', r'''StringConverterOn(type, type) ?? known.StringEnumConverters.FirstOrDefault(c => c.Enum is null || SymbolEqualityComparer.Default.Equals(c.Enum, type)).Converter''', "expr",
     "the enum's own converter taken before the options'"),
    (ES, r'''StringEnumNaming.Of(converter, known)''', r'''JsonPropertyNaming.AsDeclared''', "expr",
     "a key's names taken as declared whatever its converter's policy", r''': StringEnumNaming.Of(converter, known)'''),
    (SN, r'''return JsonPropertyNaming.AsDeclared;''', r'''return null;''', "stmt",
     "an enum no converter names taken to have names not known (any string)", r'''if (converter is null)
        {
            return JsonPropertyNaming.AsDeclared;'''),
]
