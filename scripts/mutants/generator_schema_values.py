# Mutants of the analyzer's checks of a valid stated request schema (session 14): GA0019's value
# rules (SchemaValueRules, SchemaTypeNames, JsonNumber), GA0018's exclusions (StringExclusion) and
# the walk that finds the schemas to check (StatedSchemaChecks, SchemaVocabulary): a valid schema
# warned about, an invalid value let through, a warning at the wrong value or with the wrong advice.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_schema_values.py
# Session 14: 26 mutants, 24 killed by the tests as written. Survivors: 15 (a case-sensitive match
# of a type name) was redundant code, since the nearness is measured on the lowercased name: the
# check is gone and 15 now mutates that lowercasing; 20 (no clamp on the exponent) passed because
# the wrapped exponents of the tests kept their sign: JsonNumberTests has 1e10000000000000000000
# (10^19 wraps negative) since. Both rerun and killed (see the .results file).
# Session 14 (fix-gen, after review2): 15 follows the one nearness rule (SchemaVocabulary.Closest);
# 27-35 are new: embedded resources of another draft, the '#'-suffixed 2020-12 URI, the draft 3/4
# boolean hints and the 64-character cap on quoted author text (SchemaDialectWarningTests).
# Rerun (15, 27-35): all 10 killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*SchemaDialectWarningTests", "-class", "*SchemaValueWarningTests", "-class", "*RequestSchemaWarningTests", "-class", "*JsonNumberTests", "-class", "*SchemaVocabularyTests", "-class", "*RealSourcesDiagnosticTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
C = "src/Agent.Generators/Parsing/StatedSchemaChecks.cs"
K = "src/Agent.Generators/Parsing/SchemaVocabulary.cs"
V = "src/Agent.Generators/Parsing/SchemaValueRules.cs"
T = "src/Agent.Generators/Parsing/SchemaTypeNames.cs"
N = "src/Agent.Generators/Parsing/JsonNumber.cs"
E = "src/Agent.Generators/Parsing/StringExclusion.cs"
S = "src/Agent.Generators/Parsing/StatedSchema.cs"
MUTANTS = [
    (C, r'''member.Value.Kind == JsonOutlineKind.Array''', r'''false''', "expr",
     "schemas listed where one belongs (array-form items) are not looked inside"),
    (K, r'''value = KeywordValue.Any;''', r'''value = KeywordValue.Schema;''', "stmt",
     "an unknown keyword's value is looked inside as a schema"),
    (C, r'''member.Name.StartsWith(SchemaVocabulary.ExtensionPrefix, System.StringComparison.Ordinal)''', r'''false''', "expr",
     "an x- annotation is checked as a keyword"),
    (C, r'''foreach (var entry in member.Value.Members)
                    {
                        Walk(entry.Value, unknown, invalid);
                    }''', r'''_ = member;''', "stmt",
     "the schemas under properties and $defs are not looked inside"),
    (V, r'''$": write [{JsonText.String(value.Text!)}]"''', r'''string.Empty''', "expr",
     "required: \"name\" gets no advice to write [\"name\"]"),
    (V, r'''value.Kind is JsonOutlineKind.Object or JsonOutlineKind.Boolean''', r'''value.Kind is JsonOutlineKind.Object''', "expr",
     "true and false are not taken as schemas"),
    (V, r'''value.Kind != JsonOutlineKind.Array || value.Items.Count == 0''', r'''value.Kind != JsonOutlineKind.Array''', "expr",
     "an empty allOf/anyOf/oneOf/prefixItems is allowed"),
    (V, r'''fits(value.Text!)''', r'''true''', "expr",
     "a quoted number that would not do is told to lose its quotes"),
    (V, r'''(IsAsciiLetter(name[0]) || name[0] == '_')''', r'''true''', "expr",
     "an anchor may start with a digit"),
    (V, r'''value.Kind != JsonOutlineKind.Boolean''', r'''value.Kind == JsonOutlineKind.String''', "expr",
     "a number where a boolean belongs is let through"),
    (V, r'''keyword == "items"''', r'''true''', "expr",
     "the prefixItems advice is given for any keyword, not only items"),
    (V, r'''!seen.Add(item.Text!)''', r'''false''', "expr",
     "a name listed twice in required is let through"),
    (T, r'''!seen.Add(item.Text!)''', r'''false''', "expr",
     "a type named twice is let through"),
    (T, r'''type.Items.Count == 0''', r'''false''', "expr",
     "an empty type array is let through"),
    (T, r'''SchemaVocabulary.Closest(name.ToLowerInvariant(), All)''', r'''SchemaVocabulary.Closest(name, All)''', "expr",
     "a type name in capitals is not recognised"),
    (T, r'''type.Items.Select(i => i.Text).Distinct(StringComparer.Ordinal).Count() == type.Items.Count''', r'''true''', "expr",
     "a type with a name twice is read by GA0018 as well-formed"),
    (N, r'''whole && (zero || !negative)''', r'''whole && !negative''', "expr",
     "-0 is not a non-negative integer"),
    (N, r"p.index < point || p.d == '0'", r'''p.index < point''', "expr",
     "a zero fraction (1.0) is not an integer"),
    (N, r'''written.StartsWith("-", System.StringComparison.Ordinal) ? -1 : 1''', r'''1''', "expr",
     "a negative exponent is read as positive"),
    (N, r'''System.Math.Min(ExponentLimit, (exponent * 10) + (digit - '0'))''', r'''(exponent * 10) + (digit - '0')''', "expr",
     "an exponent beyond a long overflows"),
    (E, r'''!names.Contains("string")''', r'''true''', "expr",
     "a type with string is said to admit no string"),
    (E, r'''value.Items.All(i => i.Kind != JsonOutlineKind.String)''', r'''value.Items.Any(i => i.Kind != JsonOutlineKind.String)''', "expr",
     "an enum with a string and a number is said to admit no string"),
    (E, r'''value.Kind != JsonOutlineKind.String''', r'''true''', "expr",
     "a string const is said to admit no string"),
    (E, r'''member with { Reason = "in an 'allOf' member, " + member.Reason }''', r'''member''', "expr",
     "an allOf member's exclusion is worded as the schema's own"),
    (E, r'''value.Items.Count > 0''', r'''true''', "expr",
     "an empty anyOf is GA0018's as well as GA0019's"),
    (E, r'''value.Items.All(i => Of(i) is not null)''', r'''value.Items.Any(i => Of(i) is not null)''', "expr",
     "one branch of anyOf without strings is taken for all"),
    (C, r'''OfAnotherDraft(schema)''', r'''false''', "expr",
     "an embedded resource of another draft is checked as 2020-12"),
    (S, r'''uri is SchemaBuilder.Dialect or DialectWithFragment''', r'''uri is SchemaBuilder.Dialect''', "expr",
     "a subschema's 2020-12 URI with the empty fragment is taken for another draft"),
    (S, r'''dialect.Value != String(DialectWithFragment)''', r'''true''', "expr",
     "the 2020-12 URI with the empty fragment is GA0015"),
    (V, r'''DraftFourExclusiveHint(keyword, value.Text == "true", schema)''', r'''DraftFourExclusiveHint(keyword, true, schema)''', "expr",
     "a false exclusiveMaximum is told to become the bound"),
    (V, r'''sibling is { Kind: JsonOutlineKind.Number } ? Shown(sibling.Text!) : "N"''', r'''"N"''', "expr",
     "a true exclusiveMinimum's hint does not use the sibling minimum"),
    (V, r'''DraftThreeRequiredHint(value.Text == "true")''', r'''DraftThreeRequiredHint(true)''', "expr",
     "draft 3's required: false is told to list the name"),
    (V, r'''text.Length <= MaxShown''', r'''true''', "expr",
     "long author text is quoted whole"),
    (V, r'''char.IsHighSurrogate(text[MaxShown - 1]) ? MaxShown - 1 : MaxShown''', r'''MaxShown''', "expr",
     "a long name is cut inside a surrogate pair"),
    (C, r'''SchemaValueRules.Shown(member.Name)''', r'''member.Name''', "expr",
     "GA0017 quotes a long name whole"),
]
