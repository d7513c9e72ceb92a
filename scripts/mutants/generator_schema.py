# Mutants of the generator code that writes the JSON contracts: the schemas of requests and results
# (SchemaBuilder, EnumSchema), the names on the wire (JsonPropertyNames, KnownTypes' reading of the
# context's options), the defaults (DefaultValues) and the required members (RequiredJsonMembers):
# a wrong keyword or type for a C# type, null not admitted, a default written wrong, a required
# member missed, a naming policy applied wrong, an enum value missing.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_schema.py
# Session 13: 29 mutants (1-29) on the code as it was, with the classes below but
# ContractSchemaExecutionTests (which did not exist): 14 killed, 15 survived. The survivors:
# - 8 (dictionary keys of any type) was no defect but a real bug the other way round: a
#   Dictionary<int, string> (or enum/Guid keys) was described as an array of {Key, Value} objects,
#   while System.Text.Json writes an object {"1":"one"}. Fixed in SchemaBuilder.DictionaryValue;
#   mutant 8 now brings the bug back. Writing the test for 9-11 found two more: a property hidden
#   by a derived class's `new` one was listed twice (duplicate keys in the schema object), and
#   [JsonIgnore(Condition = WhenWritingNull)] (any Condition but Always) left out a property that
#   is written; both fixed, mutants 30 and 31 bring them back.
# - 3, 6, 9, 10, 11, 15, 16, 20, 21, 23, 24, 25 were test gaps, all killed since by
#   ContractSchemaExecutionTests (floats as numbers, the nesting limit, static/ignored/inherited/
#   hidden properties against the names written, a [Flags] enum written as strings, a byte enum's
#   bounds, defaults the binder would refuse, a float default, constructor parameters matched
#   ignoring case, [JsonConstructor]); verified by re-running 3 6 8-11 15 16 20 21 23-25 27 30 31
#   with only that class: all killed but 18 and 27.
# - 18 is equivalent for programs that run: a JsonStringEnumConverter<Other> on an enum or property
#   of another enum type is refused by System.Text.Json when the context is used (the converter
#   cannot convert the type), so no working contract depends on it (proven by a test since: see
#   session 14 below).
# - 27 is equivalent: Roslyn lists a struct's implicit parameterless constructor among its
#   instance constructors, so the class rule (a public parameterless one means no constructor
#   binding) already yields none for a struct; the test's `pair` case shows the context does the same.
# Session 14: the texts of 9, 10, 12 and 30 had gone stale when session 13 moved the member
# rule into SerializedMembers (property -> member), and 24's occurred twice; brought up to date
# (9 now `!property.IsStatic` there, 24 the one comparer RequiredJsonMembers shares) and re-run:
# all killed. 32-38 are new, for this session's fix: a result schema lists what the context
# writes and a request schema what it reads, accessor by accessor (a property with a private
# setter was listed in requests, one with a private getter in results), plus the value-tuple
# refusal's reason under IncludeFields. 32 brings the old rule back; all of 32-38 killed, by
# AccessorContractExecutionTests, ContractSchemaExecutionTests' read-only field case and
# UnsupportedTypeDiagnosticTests. 18 stays equivalent, now proven:
# ContractSchemaExecutionTests.The_context_refuses_a_string_enum_converter_for_another_enum_both_ways
# shows the real context throws when such a property is written and when it is read.
# Session 14 (populate): 39-48 are new, for properties without a setter the context calls that it
# still reads because JsonObjectCreationHandling.Populate applies (PopulatedInPlace; 39 brings the
# gap back); 36's text follows the code (the constructor check now sits beside the populate one).
# Ran 36, 37, 39-48: all killed, 39-48 by PopulatedContractExecutionTests.
# Session 17: 25, 32, 33, 39, 40, 41 and 43 had gone stale (RequiredJsonMembers'
# [JsonConstructor] lookup, SerializedMembers' owner parameter, PopulatedInPlace's one Source
# switch); retargeted and re-run: all killed but 40, now equivalent for contracts that work. The
# options' Populate already stops at a parameterized constructor in Source; what 40 lets through is
# Populate asked on the property or its type in a type read through a parameterized constructor,
# which the real context refuses outright (GA0020 reports it), so no working schema shows it.
# Session 19 (gen-readonly): 12 retargeted (IsRequired takes the type described, for [SetsRequiredMembers]); 25 and 26
# now match once (RequiredJsonMembers gained CreatingConstructor and PublicConstructors); run 12 25 26: 3 of 3 killed.
# Session 19 (final read): AlwaysIgnored now asks JsonIgnoreConditions.Own; 31 retargeted to
# "any condition leaves the member out"; run again: killed.
# Session 20 (gen-left): 43 retargeted (PopulatedInPlace.SupportFor takes the member); run again: killed.
# Session 21 (generated-defaults): 49-63 are new, for the C# text of defaults (DefaultValues.NullSource:
# null where the type admits it, default for a struct, default! only for a reference that admits no
# null; EnumSource: a member by name, else the number cast) and the enum readers' members that cannot
# be named ([Obsolete(error: true)], [Experimental]: a real bug, they did not compile). First run: 14
# killed, 53 (an oblivious reference's default written default!) survived: a test gap, the checked
# text 'p_legacy = null;' was also the raw binding's JSON-null read; the sample's command now binds
# an object and the declaration is checked, rerun 51-53: all killed. Killed by
# DefaultSourceExecutionTests (the defaults sent nowhere: values and text), UnnameableMemberExecutionTests
# (60-62), DefaultValueExecutionTests (50: Guid = null does not compile) and the snapshots; 63 (the
# readers assign every member's number) changes only the text, so only CommandSnapshotTests kill it.
# Session 22 (gensig): 64 added (GA0007/GA0008 for a multi-dimensional array): run, killed by UnsupportedTypeDiagnosticTests.
# Session 22 (gensig): 65-72 added (DictionaryKeys: the key types with a property-name form): run, all killed (UnsupportedTypeDiagnosticTests).
# Session 22 (gensig): 73-74 added (Type and other reflection objects refused): run, both killed (UnsupportedTypeDiagnosticTests).
# Session 23 (gen): 69 retargeted (object keys are now refused); 81 added for the refusal's own message. Run 69 81: both killed (UnsupportedTypeDiagnosticTests).
# Session 25 (gen): 19, 21 and 80 retargeted (DefaultValues.Json takes the bound type; the [Flags]
# number is written signed; NullByDefault moved to BoundTypes); 82-92 added (a null default only
# where the bound type admits null, a signed [Flags] number, lone surrogates, [AllowNull] and
# [DisallowNull] in commands and constructors): run 19 21 80 82-92, 14 of 14 killed (DefaultEdgeTortureTests,
# DisallowNullTortureTests, ShapeTortureTests, DefaultValueExecutionTests, OptionalAttributeExecutionTests,
# ContractSchemaExecutionTests; 86, a surrogate pair read as two halves, only by ShapeTortureTests).
# Session 22 (genopt): 75-80 added ([Optional] without [DefaultParameterValue] takes default(T)): run, all killed (OptionalAttributeExecutionTests).
# Session 41: 65 (UnsupportedTypes.Offender's 'converted'), 68 (the key type's own converter looked for) and 81 (the tuple's key) retargeted
# at DictionaryKeys as it now reads (a key converter counts only if it names keys; generator_s41_contract.py). Run: 3 of 3 killed.
# Session 43: 15, 17 and 29 retargeted at EnumSchema and the options' StringEnumConverters as they now read (the converter
# that writes an enum found in System.Text.Json's order, with its naming policy). Run: 3 of 3 killed.
# Session 53: 1, 2 and 7 retargeted at SchemaBuilder as it now reads (null admitted through AdmitsNull, the enum
# schema told the direction; generator_s53_schema.py). Run 1 2 7: all killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*MemberSchemaExecutionTests", "-class", "*JsonNamingExecutionTests", "-class", "*JsonPropertyNamesTests",
             "-class", "*DefaultValueExecutionTests", "-class", "*FlagsEnumExecutionTests", "-class", "*ComplexMemberErrorExecutionTests",
             "-class", "*CommandSnapshotTests", "-class", "*ContractSchemaExecutionTests",
             "-class", "*AccessorContractExecutionTests", "-class", "*UnsupportedTypeDiagnosticTests",
             "-class", "*PopulatedContractExecutionTests", "-class", "*DefaultSourceExecutionTests", "-class", "*UnnameableMemberExecutionTests",
             "-class", "*OptionalAttributeExecutionTests", "-class", "*DefaultEdgeTortureTests", "-class", "*DisallowNullTortureTests",
             "-class", "*ShapeTortureTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
S = "src/Agent.Generators/Parsing/SchemaBuilder.cs"
E = "src/Agent.Generators/Parsing/EnumSchema.cs"
D = "src/Agent.Generators/Parsing/DefaultValues.cs"
R = "src/Agent.Generators/Parsing/RequiredJsonMembers.cs"
N = "src/Agent.Generators/Parsing/JsonPropertyNaming.cs"
K = "src/Agent.Generators/Parsing/KnownTypes.cs"
KO = "src/Agent.Generators/Parsing/KnownTypes.ContextOptions.cs"
M = "src/Agent.Generators/Parsing/SerializedMembers.cs"
P = "src/Agent.Generators/Parsing/PopulatedInPlace.cs"
U = "src/Agent.Generators/Parsing/UnsupportedTypes.cs"
DK = "src/Agent.Generators/Parsing/DictionaryKeys.cs"
G = "src/Agent.Generators/Parsing/EnumSource.cs"
BT = "src/Agent.Generators/Parsing/BoundTypes.cs"
MUTANTS = [
    (S, r'''type.NullableAnnotation == NullableAnnotation.Annotated''',
     r'''false''', "expr",
     "a nullable reference type (string?) does not admit null", r'''&& (type.NullableAnnotation == NullableAnnotation.Annotated'''),
    (S, r'''!ReferenceEquals(inner, type) || AdmitsNull(type, direction, depth)''',
     r'''AdmitsNull(type, direction, depth)''', "expr",
     "a Nullable<T> (int?) does not admit null"),
    (S, r'''Member("type", String("number"))''', r'''Member("type", String("integer"))''', "expr",
     "a floating-point type is described as an integer"),
    (S, r'''String("uuid")''', r'''String("guid")''', "expr",
     "a Guid's format is not the JSON Schema 'uuid'"),
    (S, r'''String("date-time")''', r'''String("date")''', "expr",
     "a DateTime's format is 'date' (no time)"),
    (S, r'''depth >= MaxDepth''', r'''depth > MaxDepth''', "expr",
     "nested objects are described one level deeper than the limit"),
    (S, r'''depth == 0 ? EnumSchema.ByMemberName(type, direction) : EnumSchema.ThroughContext(type, known, stringEnum)''',
     r'''EnumSchema.ThroughContext(type, known, stringEnum)''', "expr",
     "an enum the binder reads itself is described as the JSON context would write it"),
    (S, r'''DictionaryValue(named)''', r'''named.TypeArguments.Length == 2 && named.TypeArguments[0].SpecialType != SpecialType.System_String ? null : DictionaryValue(named)''', "expr",
     "a dictionary keyed by other than strings is described as an array of Key/Value objects (the bug this batch found)"),
    (M, r'''!property.IsStatic''', r'''true''', "expr",
     "static properties are listed"),
    (S, r'''AlwaysIgnored(member, known)''', r'''false''', "expr",
     "[JsonIgnore] properties are listed"),
    (S, r'''current is not null && current.SpecialType != SpecialType.System_Object''', r'''ReferenceEquals(current, type)''', "expr",
     "inherited properties are left out"),
    (S, r'''RequiredJsonMembers.IsRequired(member, type) || fromConstructor.Contains(member.Name)''', r'''RequiredJsonMembers.IsRequired(member, type)''', "expr",
     "members bound to required constructor parameters are not listed as required"),
    (S, r'''bound.Where(p => !p.IsOptional)''', r'''bound''', "expr",
     "optional parameters are listed as required"),
    (S, r'''Root("{\"type\":\"string\",\"const\":\"\"}")''', r'''Root("{\"type\":\"string\"}")''', "expr",
     "a void command's result may be any string"),
    (E, r'''IsFlags(type)''', r'''false''', "expr",
     "a [Flags] enum written as strings by the context is described by its member names alone", r'''if (IsFlags(type) || StringEnumNaming.Of(converter, known) is not { } policy)
        {
            return Object([Member("type", String("string"))]);'''),
    (E, r'''TypeClassifier.Range(TypeClassifier.PrimitiveOf(underlying, known))''', r'''null''', "expr",
     "an enum written as its number has no bounds from its underlying type"),
    (E, r'''c.Enum is null || SymbolEqualityComparer.Default.Equals(c.Enum, type)''', r'''c.Enum is null''', "expr",
     "a string-enum converter for one enum in the context's options is ignored"),
    (E, r'''return enumType is null || SymbolEqualityComparer.Default.Equals(current.TypeArguments[0], enumType);''', r'''return true;''', "stmt",
     "JsonStringEnumConverter<Other> counts for any enum"),
    (D, r'''!ReferenceEquals(type, bound)''', r'''false''', "expr",
     "int? = null has no JSON default"),
    (D, r'''if (!EnumSchema.IsFlags(type))
        {
            return null;
        }''', r'''_ = 0;''', "stmt",
     "a plain enum's default that is no member is written as a combination of members"),
    (D, r'''(bits & ~mask) != 0''', r'''false''', "expr",
     "a [Flags] default with bits no member has is written as its number"),
    (D, r'''chosen.OrderBy(m => TypeClassifier.Bits(m.ConstantValue!))''', r'''chosen.OrderBy(m => 0)''', "expr",
     "a [Flags] combination is written largest member first"),
    (D, r'''f.ToString("R", CultureInfo.InvariantCulture) + "F"''', r'''f.ToString("R", CultureInfo.InvariantCulture)''', "expr",
     "a float default is written into C# without its F suffix"),
    (R, r'''StringComparer.OrdinalIgnoreCase''', r'''StringComparer.Ordinal''', "expr",
     "a constructor parameter matches its property only in the same case"),
    (R, "MarkedConstructor(type)", "(IMethodSymbol?)null", "expr",
     "[JsonConstructor] is ignored"),
    (R, r'''c.DeclaredAccessibility == Accessibility.Public''', r'''true''', "expr",
     "non-public constructors (a record's copy constructor) count"),
    (R, r'''if (type.IsValueType)
        {
            return null;
        }''', r'''_ = 0;''', "stmt",
     "a struct's only constructor is taken though System.Text.Json uses its parameterless one"),
    (N, r'''previous is Previous.LowerOrDigit or Previous.Space''', r'''previous is Previous.LowerOrDigit''', "expr",
     "snake/kebab case: a space does not start a new word"),
    (KO, r'''stringEnums.Add((FindEnumArgument(type), type));''', r'''stringEnums.Add((null, type));''', "stmt",
     "a string-enum converter for one enum makes every enum a string"),
    (S, r'''!seen.Add(member.Name)''', r'''false''', "expr",
     "a property hidden by a derived class's `new` one is listed too (the bug this batch found)"),
    (S, r'''JsonIgnoreConditions.Own(member, known) == IgnoreCondition.Always''', r'''JsonIgnoreConditions.Own(member, known) != IgnoreCondition.None''', "expr",
     "[JsonIgnore(Condition = WhenWritingNull)] leaves the property out (the bug this batch found)"),
    (M, r'''(direction == JsonDirection.Written ? GetterReachable(property, known) : Read(property, owner, known, boundByConstructor))''',
     r'''(property.GetMethod is not null && (property.DeclaredAccessibility == Accessibility.Public || (IsInternal(property) && Included(property, known))))''', "expr",
     "a property counts by its own accessibility, with any getter, both ways (the bug session 14 found)"),
    (M, r'''Read(property, owner, known, boundByConstructor)''', r'''GetterReachable(property, known)''', "expr",
     "a request lists the members written, not those read"),
    (M, r'''Reachable(property.SetMethod, property, known)''', r'''property.SetMethod is not null''', "expr",
     "a private setter counts as read"),
    (M, r'''accessor.DeclaredAccessibility == Accessibility.Public''', r'''accessor.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal''', "expr",
     "an internal accessor counts without [JsonInclude]"),
    (M, r'''boundByConstructor.Contains(property.Name)''', r'''false''', "expr",
     "a property the constructor binds is not read without a setter"),
    (M, r'''!field.IsReadOnly''', r'''true''', "expr",
     "a read-only field counts as read"),
    (U, r'''known.IncludeFields ? TupleNamesLost : TupleFieldsSkipped''', r'''TupleFieldsSkipped''', "expr",
     "under IncludeFields a value tuple is refused for fields the context does write"),
    (M, r'''PopulatedInPlace.Is(property, owner, known)''', r'''false''', "expr",
     "a property the context populates in place is not read (the gap session 14 closed)"),
    (P, "Source(property, owner, known) is not null\n        && !ObjectCreation.IsParameterized(owner, known)", "Source(property, owner, known) is not null", "expr",
     "members of a type read through a parameterized constructor count as populated"),
    # (Session 17: the property's and the type's handling became one switch in Source; the old
    # "the type's handling wins" mutant has no expression left to swap, so this one drops the
    # property's own Populate instead.)
    (P, '"on the property"', "null", "expr",
     "Populate asked on the property itself is ignored"),
    (KO, r'''PopulateByDefault = handling == PopulatedInPlace.Populate;''', r'''PopulateByDefault = false;''', "stmt",
     "the options' PreferredObjectCreationHandling is ignored"),
    (P, r'''HasConverter(member, known)''', r'''false''', "expr",
     "a property with its own converter counts as populated"),
    (P, r'''type.IsValueType''', r'''false''', "expr",
     "a struct without a setter counts as populated"),
    (P, r'''type.SpecialType is SpecialType.System_String or SpecialType.System_Object''', r'''false''', "expr",
     "object (and string) count as populated"),
    (P, r'''InNamespace(type, "System.Collections.Immutable")''', r'''false''', "expr",
     "an immutable collection counts as populated"),
    (P, r'''WellKnownSchemas.For(type) is not null''', r'''false''', "expr",
     "a type with a built-in converter (Uri) counts as populated"),
    (P, r'''!interfaces.Contains("System.Collections.IEnumerable")''', r'''true''', "expr",
     "any collection, read-only ones (IReadOnlyList<T>) too, counts as populated"),
    (D, r'''ReferenceEquals(TypeClassifier.UnwrapNullable(type), type) ? "default" : "null"''', r'''"default"''', "expr",
     "int? = null written default (0 as a constructor's service argument)"),
    (D, r'''ReferenceEquals(TypeClassifier.UnwrapNullable(type), type) ? "default" : "null"''', r'''"null"''', "expr",
     "a struct's default (Guid id = default) written null"),
    (D, r'''type.IsReferenceType && type.NullableAnnotation != NullableAnnotation.NotAnnotated''', r'''type.IsReferenceType''', "expr",
     "string s = null! (#nullable enable) written null: CS8625 in the user's build"),
    (D, r'''type.IsReferenceType && type.NullableAnnotation != NullableAnnotation.NotAnnotated''', r'''false''', "expr",
     "string? = null written default! (the needless !)"),
    (D, r'''type.NullableAnnotation != NullableAnnotation.NotAnnotated''', r'''type.NullableAnnotation == NullableAnnotation.Annotated''', "expr",
     "an oblivious reference's (#nullable disable) null default written default!"),
    (G, r'''members.Count == 1 && Nameable(members[0])''', r'''false''', "expr",
     "an enum default is always the number cast to the type"),
    (G, r'''members.Count == 1 && Nameable(members[0])''', r'''members.Count >= 1 && Nameable(members[0])''', "expr",
     "a value several members share is written as one of their names"),
    (G, r'''members.Count == 1 && Nameable(members[0])''', r'''members.Count == 1''', "expr",
     "an [Obsolete(error: true)] or [Experimental] member is named as a default"),
    (G, r'''Names.Identifier(members[0].Name)''', r'''members[0].Name''', "expr",
     "a keyword-named member (@default) is written without its @"),
    (G, r'''"(" + typeName + ")(" + Convert.ToString(value, CultureInfo.InvariantCulture) + ")"''', r'''"(" + typeName + ")" + Convert.ToString(value, CultureInfo.InvariantCulture)''', "expr",
     "the cast's number is not in parentheses ((T)-5 is a subtraction)"),
    (G, r'''TypeClassifier.Bits(f.ConstantValue!) == bits''', r'''true''', "expr",
     "every member counts as having the default's value"),
    (G, r'''Names.IsNamed(a.AttributeClass, "System.ObsoleteAttribute")''', r'''false''', "expr",
     "an [Obsolete(error: true)] member is named (CS0619)"),
    (G, r'''Names.IsNamed(a.AttributeClass, "System.Diagnostics.CodeAnalysis.ExperimentalAttribute")''', r'''false''', "expr",
     "an [Experimental] member is named (its id is an error)"),
    (G, r'''Nameable(member)''', r'''true''', "expr",
     "the binder's readers name every member (the bug UnnameableMemberExecutionTests found)"),
    (G, r'''Nameable(member)''', r'''false''', "expr",
     "the binder's readers assign every member's number"),
    (U, r'''type is IArrayTypeSymbol { IsSZArray: false }''', r'''false''', "expr",
     "GA0007/GA0008: a multi-dimensional array is accepted (every request then fails in the context)"),
    (U, r'''known.OptionConverters.MayRead(type)''', r'''false''', "expr",
     "a dictionary key refused although a converter of the options reads the dictionary (or a type holding it), or may read any type (session 41; was KnownTypes.ConvertsObjects)"),
    (DK, r'''key.TypeKind == TypeKind.Enum''', r'''false''', "expr",
     "an enum key refused"),
    (DK, r'''Named.Any(name => Names.IsNamed(keyType, name))''', r'''false''', "expr",
     "a Guid, date, Uri or Version key refused"),
    (DK, r'''known.OptionConverters.Reading(key) ?? UnreadableReasons.OwnConverter(key, known)''', r'''known.OptionConverters.Reading(key)''', "expr",
     "a key type's own [JsonConverter] not looked for: a key it names refused (session 41: a converter counts only if it names keys)"),
    (DK, r'''key.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String or SpecialType.System_DateTime''',
     r'''key.SpecialType is SpecialType.System_String or SpecialType.System_Int32''', "expr",
     "only string and int keys accepted (double refused)"),
    (DK, r'''candidate.Name is "IDictionary" or "IReadOnlyDictionary"''', r'''candidate.Name is "IDictionary"''', "expr",
     "an IReadOnlyDictionary<Pt, int> parameter's key not looked at"),
    (DK, r'''new[] { type }.Concat(type.AllInterfaces)''', r'''type.AllInterfaces''', "expr",
     "a parameter declared as the dictionary interface itself not looked at"),
    (DK, r'''candidate.TypeArguments[0]''', r'''candidate.TypeArguments[1]''', "expr",
     "the value type taken for the key"),
    (U, r'''IsReflection(type)''', r'''false''', "expr",
     "GA0007/GA0008: a Type parameter or result is accepted (System.Text.Json throws on it)"),
    (U, r'''Names.IsNamed(current, "System.Reflection.MemberInfo")''', r'''Names.IsNamed(current, "System.Type")''', "expr",
     "only Type itself refused, not MethodInfo"),
    (D, r'''parameter.HasExplicitDefaultValue || parameter.IsOptional''', r'''parameter.HasExplicitDefaultValue''', "expr",
     "[Optional] without [DefaultParameterValue] makes a parameter required again"),
    (D, r'''Zero(parameter.Type)''', r'''null''', "expr",
     "a bare [Optional] int's default written as default, with no JSON default stated"),
    (D, r'''Zero(underlying)''', r'''null''', "expr",
     "a bare [Optional] enum's default has no JSON form (its zero member not named)"),
    (D, r'''false''', r'''true''', "expr",
     "a bare [Optional] bool defaults to true", r'''SpecialType.System_Boolean => false'''),
    (D, r'''0D''', r'''1D''', "expr",
     "a bare [Optional] double defaults to 1", r'''SpecialType.System_Double => 0D'''),
    (BT, r'''DefaultValues.Has(parameter)
        && DefaultValues.Constant(parameter) is null''', r'''parameter.HasExplicitDefaultValue
        && DefaultValues.Constant(parameter) is null''', "expr",
     "a bare [Optional] string under #nullable disable refuses a JSON null"),
    (U, r'''unsupported.Key.SpecialType == SpecialType.System_Object''', r'''false''', "expr",
     "an object key refused with the message for keys that have no property-name form"),
    (D, r'''!bound.IsValueType && bound.NullableAnnotation == NullableAnnotation.Annotated''', r'''!bound.IsValueType''', "expr",
     "string s = null! (or a bare [Optional] string) states a null default the binder refuses"),
    (D, r'''value is sbyte or short or int or long''', r'''false''', "expr",
     "a signed [Flags] default no member names is stated as its sign-extended bits (18446744073709551614)"),
    (D, r'''HasLoneSurrogate(text) ? null : JsonText.String(text)''', r'''JsonText.String(text)''', "expr",
     "a string default holding half a surrogate pair is stated (no UTF-8 form; the binder refuses it)"),
    (D, r'''char.IsSurrogate(c) ? null : JsonText.String(c.ToString())''', r'''JsonText.String(c.ToString())''', "expr",
     "a char default that is half a surrogate pair is stated"),
    (D, r'''i++;''', r'''_ = 0;''', "stmt",
     "a whole surrogate pair counts as two halves (an emoji default is not stated)"),
    (BT, r'''(!type.IsValueType && HasAttribute(parameter, "System.Diagnostics.CodeAnalysis.AllowNullAttribute"))''', r'''false''', "expr",
     "[AllowNull] string refuses a JSON null"),
    (BT, r'''!HasAttribute(parameter, "System.Diagnostics.CodeAnalysis.DisallowNullAttribute")''', r'''true''', "expr",
     "[DisallowNull] ignored: the generated call warns CS8604/CS8607 and passes a JSON null on"),
    (BT, r'''DefaultValues.Has(parameter) && DefaultValues.Constant(parameter) is null ? type : TypeClassifier.UnwrapNullable(type)''', r'''TypeClassifier.UnwrapNullable(type)''', "expr",
     "[DisallowNull] int? n = null binds an int, whose local cannot hold the default null"),
    (BT, r'''!ReferenceEquals(TypeClassifier.UnwrapNullable(bound), bound)''', r'''false''', "expr",
     "[DisallowNull] int? n = null passed without ! (CS8607 in the generated file)"),
    ("src/Agent.Generators/Parsing/ConstructorInspector.cs", r'''BoundTypes.Of(p).NullableAnnotation == NullableAnnotation.Annotated''', r'''p.NullableAnnotation == NullableAnnotation.Annotated''', "expr",
     "a [DisallowNull] string? constructor parameter falls back to null (CS8604 in the registry's file)"),
    ("src/Agent.Generators/Parsing/ConstructorInspector.cs", r'''DefaultValues.Render(p, BoundTypes.Of(p))''', r'''DefaultValues.Render(p)''', "expr",
     "a [DisallowNull] string? = null! constructor default written null (CS8604 in the registry's file)"),
]
