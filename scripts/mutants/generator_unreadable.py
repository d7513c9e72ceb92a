# Mutants of GA0020 (a parameter type the JSON context writes but cannot read) and of the
# JsonObjectCreationHandling rules it shares with the request schema: which constructor parameter
# binds (ConstructorBinding), which types the context creates with values in hand (ObjectCreation),
# where Populate comes from and what it does to a property (PopulatedInPlace), the walk into nested
# types (UnreadableTypes) and the per-type reasons (UnreadableReasons).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_unreadable.py
# Session 15: 25 mutants, run with the test classes below: 23 killed, 2 survived, then dealt with:
# - 5 (then "a [JsonIgnore] member binds nothing") showed the rule was wrong, not the tests: the
#   real context binds a parameter to a public [JsonIgnore] property because it is public, and an
#   internal one so marked binds nothing (InvalidOperationException). The [JsonIgnore] clause is
#   gone, UnreadableTypeExecutionTests has both cases; 5 now removes [JsonInclude] instead and is killed.
# - 14 is equivalent in practice: the options' Populate is already ignored for a type created with
#   values in hand (PopulatedInPlace.Source), and a Populate named on such a type or its property
#   makes the context refuse the type whole (GA0020), so what its schema lists is moot.
# Session 15, later (after the per-constructor name lookup, the memo and the converter rules): 26-36
# added, run with the classes below plus UnreadableTypeReviewTests (it was not in the filter; it holds
# the review's cases). With the old filter 4 of 11 were killed (28-31); with UnreadableTypeReviewTests
# added 26, 27, 33 and 34 are killed by its existing tests; 32, 35 and 36 survived and are killed by
# two new tests there (a type's own [JsonConverter] reads it; a JsonConverter<enum> or
# JsonConverter<string> in the options reads no object type, as JsonConverter<T>.CanConvert is
# typeToConvert == typeof(T)). Final: 11 of 11 killed. Not made a mutant: the memo itself
# (ReadabilityMemo, UnreadableTypes.Why, ObjectCreation.ParameterizedBecause): dropping it changes
# only speed, which no test may measure (docs/benchmarks.md has the probe figures).
# Session 67: 19 and 20 retargeted at the walk's new 'written' argument (generator_s67_written.py); rerun, both killed.
# Mutants 1, 2, 19 and 20 were retargeted at the code as it now reads (the refactor had changed
# their text, so the batch no longer applied whole); 28 was first the lookup's OrdinalIgnoreCase
# (killed; now mutant 1) and is now DoublyBound's ordinal Distinct.
# Run again with the filter below: 1, 2, 19, 20 and the new 28 killed.
# Session 16: 37-42 added for GA0021 (a result type the context cannot write), UnwritableResult* added
# to the filter; 19, 20 and 34 retargeted at the code as it now reads (the walk takes 'writing').
# Run with 19 20 34 37-42: 9 of 9 killed.
# Session 16, later: 43-55 for ContractFaults (a [JsonPolymorphic] without [JsonDerivedType], [JsonRequired]
# without a setter, a private/protected [JsonConstructor], RespectRequiredConstructorParameters on a populated
# value), the struct's ignored [JsonConstructor] in RequiredJsonMembers, and the options converter's
# JsonConverter<T> found by symbol (55); ContractFault* added to the filter. Run 43-55: 13 of 13 killed
# (55 by UnreadableTypeReviewTests' Mine.JsonConverter<int> test).
# Session 17 (gen-misses): 20, 33, 34, 37, 39, 47, 51, 52, 53 retargeted at the code as it now reads (the walk
# visits every contract member, read ones as read and the others as only prepared; the visits are keyed by Walk;
# Accessible became Callable; [JsonRequired] members include fields and [JsonIgnore]d ones); 56-70 added for the
# contract-fault edges (converter-held [JsonPolymorphic], [JsonRequired] with [JsonIgnore] or on a readonly field,
# [JsonRequired, JsonInclude] without a setter, the prepared-only members, polymorphic classes naming a derived
# type, case twins of an uncallable [JsonConstructor], FindEnumArgument by symbol); MemberSchemaExecutionTests
# added to the filter (70). Run 20 33 34 37 39 47 51-53 56-70: 24 of 24 killed.
# Session 17 (no-constructor rule, ContractFaults.NoConstructor): 71-77 added; 51 and 52 retargeted again (the
# rule joined their expression). Run with ConstructorlessExecutionTests in the filter: all killed but 72, equivalent:
# Roslyn lists a struct's implicit public parameterless constructor, so a struct always passes the
# parameterless check below the one 72 removes. 73 and 77 were killed once ConstructorlessExecutionTests gained
# ImmutableList<int>, Uri and a collection populated in place.
# Session 18 (gengaps: the no-constructor rule judges referenced assemblies without a strong name, ContractFaults.UserDeclared):
# 73 retargeted (the source-only test became UserDeclared); 78-80 added for the strong-name boundary;
# ReferencedConstructorlessTests added to the filter. Run 73 78 79 80: 4 of 4 killed (by ReferencedConstructorlessTests).
# Session 18 (gengaps, later: GA0020 for a [JsonInclude] member without a setter, ContractFaults.IncludedWithoutSetter):
# 81-85 added, IncludedWithoutSetterExecutionTests added to the filter. Run 81-85: 5 of 5 killed. Not made a mutant:
# judging values populated in place ('!populated &&' in UnreadableReasons.Of): that shape was not run against the real
# context, so it is left unjudged (a miss, never a false error) and no test pins it either way.
# Session 18 (genhints: the hints say public for a class of another assembly; a protected internal [JsonConstructor] of
# another assembly is not callable, ContractFaults.Callable(constructor, known)): 52, 69, 75, 76 retargeted (the calls
# take 'known'); 86-89 added, ReferencedInternalsVisibleTests added to the filter. Run 52 69 75 76 86-89: 8 of 8 killed
# (86-88 by ReferencedConstructorlessTests, 89 by ReferencedInternalsVisibleTests).
# Session 19 (gen-readonly): 9, 10 (ObjectCreation asks RequiredJsonMembers.RequiredMembersSet: the constructor the
# context uses, a struct's own parameterless one not counting) and 18 (a struct's setter, which WhenReading drops)
# retargeted at the code as it now reads; run again: 3 of 3 killed.
# Session 20 (gen-left): 12 and 18 retargeted (PopulatedInPlace.FieldIs, SupportFor); GA0020's and GA0021's
# converter exemption is one check now (UnreadableTypes.Judged), so 34 covers both and 37 mutates the order
# against the options' DefaultIgnoreCondition = Always (DefaultIgnoreAlwaysExecutionTests added to the
# classes). Run 12, 18, 34, 37: 4 of 4 killed.
# Session 20 (review): 20 retargeted (NeverCreated takes the member, property or field): killed.
# Session 22 (gensig): 103-106 added (GA0020 for an interface or abstract class the context must create,
# ContractFaults.AbstractType); 73 given a context (its text now occurs twice in the file). Run with 73: all five killed
# (AbstractTypeDiagnosticTests; 105 by the JsonNode case).
# Session 21 (generator-gaps): Populate on fields as on properties (PopulatedFieldFaults), Nullable<struct> populated
# like the struct, a struct's held setter as the type is prepared (PopulatedInPlace.PreparedSupport): 12 and 13 (placed
# by a context: FieldSource holds the same text), 18 and 22 retargeted, 90-101 added; PopulatedStructFieldExecutionTests
# and PopulatedFieldDiagnosticTests added to the classes. Run 12 13 18 22 90-101: 16 of 16 killed.
# Session 21, later: ContractFaults split (its constructor faults in ContractFaults.Constructors.cs, a partial class, so
# no call site changed): 46 47 67 68 71-74 78-80 86-89 moved there (CC). Run: 13 of 15 killed; 72 is the
# equivalent noted in session 17; 46 survived (only a struct's IgnoredConstructor asks the one-argument Callable since
# session 18) and is killed by a struct with an internal [JsonConstructor] added to ContractFaultExecutionTests.
# Session 21, last: 102 added (the init-only rule looks inside a populated Nullable<struct> property): run, killed.
# Session 21 (final-review): Source and FieldSource share OwnerSource (the type's or the options' Populate); 12 placed
# in Source's call of it, 13 now mutates the shared helper (fields too). Run 12 13: 2 of 2 killed.
# Session 41 (the options' converters narrowed, KnownTypes.ConvertsObjects gone): 34-36 and 55 retargeted (34: OptionConverters.MayRead's
# AnyType; 35: UnreadableTypes.Visit's stop at a type a JsonConverter<T> names; 36: every converter reading every type; 55: OptionConverters'
# JsonConverter<T> found by name), 37's mutated text names OptionConverters.AnyType. Run 34-37 and 55: 5 of 5 killed.
# Session 42: one reading of [JsonDerivedType] (TypeDiscriminators.Derived) for IsPolymorphic and ReadsDerivedTypes;
# 30, 67 and 68 retargeted, run again: 3 of 3 killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*UnreadableTypeDiagnosticTests", "-class", "*UnreadableTypeExecutionTests", "-class", "*UnreadableTypeReviewTests", "-class", "*UnwritableResult*", "-class", "*ContractFault*", "-class", "*ConstructorFaultDiagnosticTests",
             "-class", "*PopulatedContractExecutionTests", "-class", "*AccessorContractExecutionTests", "-class", "*MemberSchemaExecutionTests",
             "-class", "*ConstructorlessExecutionTests", "-class", "*ReferencedConstructorlessTests", "-class", "*ReferencedInternalsVisibleTests", "-class", "*IncludedWithoutSetterExecutionTests", "-class", "*TypeSupportDiagnosticTests",
             "-class", "*DefaultIgnoreAlwaysExecutionTests", "-class", "*PopulatedStructFieldExecutionTests", "-class", "*PopulatedFieldDiagnosticTests", "-class", "*AbstractTypeDiagnosticTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
B = "src/Agent.Generators/Parsing/ConstructorBinding.cs"
O = "src/Agent.Generators/Parsing/ObjectCreation.cs"
P = "src/Agent.Generators/Parsing/PopulatedInPlace.cs"
U = "src/Agent.Generators/Parsing/UnreadableTypes.cs"
R = "src/Agent.Generators/Parsing/UnreadableReasons.cs"
I = "src/Agent.Generators/Parsing/CommandInspector.cs"
# The return type's checks, moved to their own part of CommandInspector in session 29 (mutant 42); re-run then: killed.
IR = "src/Agent.Generators/Parsing/CommandInspector.Return.cs"
K = "src/Agent.Generators/Parsing/KnownTypes.cs"
KO = "src/Agent.Generators/Parsing/KnownTypes.ContextOptions.cs"
OC = "src/Agent.Generators/Parsing/OptionConverters.cs"
C = "src/Agent.Generators/Parsing/ContractFaults.cs"
CC = "src/Agent.Generators/Parsing/ContractFaults.Constructors.cs"
F = "src/Agent.Generators/Parsing/PopulatedFieldFaults.cs"
Q = "src/Agent.Generators/Parsing/RequiredJsonMembers.cs"
CO = "src/Agent.Generators/Parsing/ContextOptionFaults.cs"
MUTANTS = [
    (B, r'''new Dictionary<string, List<ISymbol>>(StringComparer.OrdinalIgnoreCase)''', r'''new Dictionary<string, List<ISymbol>>(StringComparer.Ordinal)''', "expr",
     "a parameter binds only a member of exactly its name (COUNT does not bind Count)"),
    (B, r'''known.Compilation.ClassifyCommonConversion(parameter.Type, TypeOf(member)!).IsIdentity''', r'''true''', "expr",
     "a parameter binds a member of another type (int? binds int)"),
    (B, r'''known.IncludeFields''', r'''true''', "expr",
     "a public field binds without IncludeFields"),
    (B, r'''member.DeclaredAccessibility == Accessibility.Public''', r'''true''', "expr",
     "an internal property binds without [JsonInclude]"),
    (B, r'''known.Is(a.AttributeClass, known.JsonIncludeAttribute)''', r'''false''', "expr",
     "an internal [JsonInclude] property binds nothing"),
    (B, r'''current.BaseType''', r'''null''', "expr",
     "a base class's property binds nothing"),
    (O, r'''constructor is { Parameters.Length: > 0 }''', r'''false''', "expr",
     "a constructor with parameters does not make the type created with values in hand"),
    (O, r'''return $"its init-only property '{property.Name}'";''', r'''_ = 0;''', "stmt",
     "an init-only property does not make the type created with values in hand"),
    (O, r'''!RequiredJsonMembers.RequiredMembersSet(type)''', r'''false''', "expr",
     "required members do not make the type created with values in hand"),
    (O, r'''!RequiredJsonMembers.RequiredMembersSet(type)''', r'''true''', "expr",
     "required members count though [SetsRequiredMembers] sets them"),
    (O, r'''SerializedMembers.SetterReachable(property, known)''', r'''true''', "expr",
     "a private init counts as an initializer value"),
    (P, r'''OwnerSource(owner, known)''', r'''OwnerSource(property.ContainingType, known)''', "expr",
     "type-level Populate taken from the declaring class (the old rule), not the type being read",
     r'''null when known.IgnoreReadOnlyProperties && !ReadOnlyMembers.HasRuntimeSetter(property, known) => null,
            null => OwnerSource(owner, known),'''),
    (P, r'''known.PopulateByDefault && !ObjectCreation.IsParameterized(owner, known)''', r'''known.PopulateByDefault''', "expr",
     "the options' Populate applies to a type created with values in hand",
     r'''null when known.PopulateByDefault && !ObjectCreation.IsParameterized(owner, known) => "by the context's options",'''),
    (P, r'''!ObjectCreation.IsParameterized(owner, known)
        && Support(property, known) == PopulateSupport.Populated''', r'''Support(property, known) == PopulateSupport.Populated''', "expr",
     "the schema lists populated members of a type created with values in hand"),
    (P, r'''return PopulateSupport.FailsWhenRead;''', r'''return PopulateSupport.Populated;''', "stmt",
     "a ReadOnlyCollection counts as populated"),
    (P, r'''type is IArrayTypeSymbol''', r'''false''', "expr",
     "an array is not refused"),
    (P, r'''named.TypeKind == TypeKind.Interface''', r'''false''', "expr",
     "the read-only interfaces (IReadOnlyList<T>...) are not refused"),
    (P, r'''settable ? PopulateSupport.Populated : PopulateSupport.Refused''', r'''PopulateSupport.Populated''', "expr",
     "a struct without a setter counts as populated"),
    (U, r'''return Visit(array.ElementType, known, visited, path, populated: false, writing, written);''', r'''return null;''', "stmt",
     "an array's items are not looked into"),
    (U, r'''Visit(memberType, known, visited, memberPath,
                        readType is not null && PopulatedInPlace.NeverCreated(member, named, known), writing || readType is null, memberWritten)''', r'''null''', "expr",
     "members are not looked into"),
    (U, r'''path is null ? reason : $"at '{path}', {reason}"''', r'''reason''', "expr",
     "a nested type's reason does not say where it is"),
    (R, r'''PopulatedInPlace.AskedByProperty(property, known) && PopulatedInPlace.PreparedSupport(property, known) == PopulateSupport.Refused''', r'''false''', "expr",
     "Populate on a property that cannot be populated is not reported"),
    (R, r'''p.SetMethod is { IsInitOnly: true } && SerializedMembers.SetterReachable(p, known)''', r'''p.SetMethod is { IsInitOnly: true }''', "expr",
     "a private init in a populated value is reported"),
    (R, r'''support is not (PopulateSupport.Populated or PopulateSupport.FailsWhenRead)''', r'''support is not PopulateSupport.Populated''', "expr",
     "a read-only collection is not reported"),
    (I, r'''type.Kind == ValueKind.Complex''', r'''false''', "expr",
     "GA0020 is never looked for"),
    # Session 15, later: the code added after the batch above (per-constructor name lookup, memo, converters).
    (B, r'''hidden.Contains(member.Name)''', r'''false''', "expr",
     "a member a derived class hides ('new') still binds"),
    (B, r'''known.Compilation.ClassifyCommonConversion(parameter.Type, TypeOf(member)!).IsIdentity''', r'''SymbolEqualityComparer.Default.Equals(parameter.Type, TypeOf(member))''', "expr",
     "tuple element names and dynamic count in the type a parameter binds by"),
    (B, r'''Bound(parameter, members, known).Distinct(StringComparer.Ordinal)''', r'''Bound(parameter, members, known).Distinct(StringComparer.OrdinalIgnoreCase)''', "expr",
     "members whose names differ only in case count as one (Count and count are never both bound)"),
    (B, r'''return (constructor, parameter, first, second);''', r'''continue;''', "stmt",
     "two members bound to one parameter are not reported"),
    (R, r'''derived.Discriminator is not null''', r'''true''', "expr",
     "a [JsonDerivedType] without a discriminator counts as polymorphic"),
    (R, r'''PopulatedInPlace.AskedByProperty(property, known) && IsPolymorphic(property.Type)''', r'''false''', "expr",
     "Populate on a polymorphic property is not reported"),
    (U, r'''UnreadableReasons.HasConverter(named, known)''', r'''false''', "expr",
     "a type with a [JsonConverter] of its own is looked into"),
    (U, r'''UnreadableReasons.HasConverter(member, known)''', r'''false''', "expr",
     "a member with a [JsonConverter] of its own is looked into"),
    (OC, r'''AnyType || Reading(type) is not null''', r'''Reading(type) is not null''', "expr",
     "a converter in the options that may read any type (a factory, an override of CanConvert) does not silence GA0020 (nor GA0021: one check since session 20)"),
    (U, r'''known.OptionConverters.MayRead(type)''', r'''false''', "expr",
     "the type a JsonConverter<T> of the options names is looked into: GA0020 for the Foo its converter reads (session 41; was: an enum converter in the options silences GA0020)"),
    (OC, r'''Same(read.Type, type) || Same(read.Type, inner)''', r'''true''', "expr",
     "every JsonConverter<T> of the options taken to read every type: an enum or string converter silences GA0020 (session 41; was: a converter of a primitive silences it)"),
    # Session 16: GA0021, a result type the context cannot write (the faults found as it prepares the type).
    (CO, r'''!known.DefaultIgnoreAlways''', r'''!known.DefaultIgnoreAlways || known.OptionConverters.AnyType''', "expr",
     "an object converter in the options silences the refused DefaultIgnoreCondition = Always (session 20: 37's old target merged into 34)"),
    (U, r'''writing ? UnreadableReasons.Unwritable(named, known) : UnreadableReasons.Of(named, known, populated)''', r'''UnreadableReasons.Of(named, known, populated)''', "expr",
     "a result is reported for the faults that fail only reads"),
    (U, r'''SerializedMembers.TypeOf(member, named, known, JsonDirection.Written, boundByConstructor)
                    ?? SerializedMembers.TypeOf(member, named, known, JsonDirection.Read, boundByConstructor)''', r'''SerializedMembers.TypeOf(member, named, known, JsonDirection.Read, boundByConstructor)''', "expr",
     "a result is looked into through the members read, not those written"),
    (R, r'''        if (writing)
        {
            // The last two fail only when a request sends the member.
            return null;
        }''', r'''_ = 0;''', "stmt",
     "a result is reported for Populate into a read-only collection or a value with init-only properties"),
    (R, r'''Populated(property, type, known, writing: true)''', r'''null''', "expr",
     "a result's Populate faults are not reported"),
    (IR, r'''described.Kind == ValueKind.Complex''', r'''false''', "expr",
     "GA0021 is never looked for"),
    # Session 16: the contract faults beyond binding and Populate (ContractFaults), and the converter check by symbol.
    (C, r'''attributes.Any(a => Names.IsNamed(a.AttributeClass, JsonDerivedTypeAttribute))''', r'''false''', "expr",
     "a [JsonPolymorphic] with a [JsonDerivedType] is reported"),
    (C, r'''!attributes.Any(a => Names.IsNamed(a.AttributeClass, JsonPolymorphicAttribute))''', r'''true''', "expr",
     "a [JsonPolymorphic] without a [JsonDerivedType] is not reported"),
    (C, r'''SerializedMembers.SetterReachable(property, known)''', r'''property.SetMethod is not null''', "expr",
     "a [JsonRequired] property's private or internal setter counts as one the context calls"),
    (CC, r'''constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal''', r'''constructor.DeclaredAccessibility is Accessibility.Public''', "expr",
     "an internal or protected internal [JsonConstructor] is reported"),
    (CC, r'''type.IsValueType && !Callable(constructor)''', r'''false''', "expr",
     "a struct's private [JsonConstructor] is taken as the constructor used (its parameters must bind)"),
    (C, r'''!known.RequiredConstructorParameters''', r'''false''', "expr",
     "constructor parameters of a populated value count as required without RespectRequiredConstructorParameters"),
    (C, r'''members.Count > 0 && members.All(m => m is IPropertySymbol member && !SerializedMembers.SetterReachable(member, known))''', r'''members.Count > 0''', "expr",
     "a required parameter binding a settable member of a populated value is reported"),
    (C, r'''!p.HasExplicitDefaultValue''', r'''true''', "expr",
     "a parameter with a default value counts as required"),
    (R, r'''ContractFaults.RequiredNeverRead(type, known)''', r'''null''', "expr",
     "required constructor parameters of a populated value are not reported"),
    (R, r'''ContractFaults.InaccessibleConstructor(type, known) ?? ContractFaults.NoConstructor(type, known)''', r'''ContractFaults.NoConstructor(type, known)''', "expr",
     "a private [JsonConstructor] is not reported"),
    (R, r'''RequiredMembers(type, known).Select(member => ContractFaults.RequiredWithoutSetter(type, member, known)).FirstOrDefault(reason => reason is not null)''', r'''null''', "expr",
     "a [JsonRequired] property without a setter is not reported"),
    (Q, r'''ContractFaults.IgnoredConstructor(type, marked) ? null : marked''', r'''marked''', "expr",
     "DeserializationConstructor returns a struct's private [JsonConstructor]"),
    (OC, r'''known.Is(current, known.JsonConverterOfT)''', r'''current is { Name: "JsonConverter", IsGenericType: true }''', "expr",
     "an options converter's JsonConverter<T> is found by name (a Mine.JsonConverter<int> on the way is taken for it)"),
    # Session 17: the contract-fault edges (gen-misses).
    (U, r'''readType ?? preparedType''', r'''readType''', "expr",
     "a parameter's getter-only member is not looked into (its type is prepared all the same)"),
    (U, r'''writing || readType is null''', r'''writing''', "expr",
     "a parameter's getter-only member is walked as read (its type's read-only faults reported)"),
    (U, r'''At(memberPath, ContractFaults.PolymorphicWithoutDerivedTypes(converted))''', r'''null''', "expr",
     "a [JsonPolymorphic] without derived types held by a member with its own converter is not reported"),
    (U, r'''return At(path, ContractFaults.PolymorphicWithoutDerivedTypes(named));''', r'''return null;''', "stmt",
     "a [JsonPolymorphic] without derived types with its own converter is not reported"),
    (C, r'''if (SchemaBuilder.AlwaysIgnored(member, known))
        {
            return $"'{name}.{member.Name}' is marked both [JsonRequired] and [JsonIgnore], so the context has no setter for it and throws InvalidOperationException whenever it reads or writes a '{name}'; "
                + "remove one of the two";
        }''', r'''''', "stmt",
     "[JsonRequired] with [JsonIgnore] is not reported"),
    (C, r'''Settable(member, known) || SerializedMembers.Included(member, known)''', r'''Settable(member, known)''', "expr",
     "[JsonRequired, JsonInclude] without a setter is reported as failing writes too"),
    (C, r'''member is IFieldSymbol { IsReadOnly: false }''', r'''member is IFieldSymbol''', "expr",
     "a [JsonRequired] readonly field counts as settable"),
    (C, r'''RequiredJsonMembers.BoundByConstructor(type).Contains(member.Name)''', r'''false''', "expr",
     "[JsonRequired, JsonInclude] on a member a constructor parameter binds is reported"),
    (R, r'''RequiredMembers(type, known).Select(member => ContractFaults.RequiredIncludedWithoutSetter(type, member, known)).FirstOrDefault(reason => reason is not null)''', r'''null''', "expr",
     "[JsonRequired, JsonInclude] without a setter is not reported"),
    (R, r'''SerializedMembers.FieldReachable(field, known)''', r'''false''', "expr",
     "[JsonRequired] fields are not looked at"),
    (R, r'''!populated && !ContractFaults.ReadsDerivedTypes(type)''', r'''!populated''', "expr",
     "a polymorphic class a discriminator may replace is reported for its own creation"),
    (CC, r'''!SymbolEqualityComparer.Default.Equals(derived.Type, type)''', r'''true''', "expr",
     "a discriminator naming only the type itself counts as naming a derived type"),
    (CC, r'''derived.Discriminator is not null''', r'''true''', "expr",
     "a [JsonDerivedType] without a discriminator counts as one a request may name"),
    (B, r'''!ContractFaults.Callable(constructor, known)''', r'''false''', "expr",
     "members differing only in case that bind a private [JsonConstructor]'s parameter are reported (a false GA0021)"),
    (KO, r'''Is(current, JsonStringEnumConverterOfT)''', r'''current.IsGenericType && current.MetadataName == "JsonStringEnumConverter`1"''', "expr",
     "an options JsonStringEnumConverter<T>'s T is found by name (a Mine.JsonStringEnumConverter<Color> on the way is taken for it)"),
    # Session 17: a class with no constructor the context uses (ContractFaults.NoConstructor).
    (CC, r'''visible.Count == 1 || visible.Any(c => c.Parameters.Length == 0)''', r'''visible.Any(c => c.Parameters.Length == 0)''', "expr",
     "no constructor: a class with exactly one public constructor with parameters is reported (a false GA0020)"),
    (CC, r'''type.IsValueType || type.IsAbstract || type.TypeKind != TypeKind.Class''', r'''type.IsAbstract''', "expr",
     "no constructor: structs are judged as classes (a false GA0020)"),
    (CC, r'''!UserDeclared(type)''', r'''false''', "expr",
     "no constructor: types from referenced assemblies are judged (Uri, the immutable collections: a false GA0020)",
     r'''!UserDeclared(type)
            || RequiredJsonMembers'''),
    (CC, r'''RequiredJsonMembers.MarkedConstructor(type) is not null''', r'''false''', "expr",
     "no constructor: a [JsonConstructor] does not count (a class created with a marked internal one is reported)"),
    (R, r'''ContractFaults.InaccessibleConstructor(type, known) ?? ContractFaults.NoConstructor(type, known)''', r'''ContractFaults.InaccessibleConstructor(type, known)''', "expr",
     "no constructor: a class the context creates is not checked"),
    (U, r'''(writing || populated ? null : At(path, ContractFaults.NoConstructor(named, known)))''', r'''null''', "expr",
     "no constructor: a collection class is not checked"),
    (U, r'''writing || populated''', r'''writing''', "expr",
     "no constructor: a collection populated in place is checked (a false GA0020)"),
    # Session 18 (gengaps): the no-constructor rule judges referenced assemblies without a strong name (ContractFaults.UserDeclared).
    (CC, r'''type.Locations.Any(l => l.IsInSource)''', r'''false''', "expr",
     "no constructor: a class in the sources of a strong-named project is not judged"),
    (CC, r'''type.ContainingAssembly is { Identity.IsStrongName: false }''', r'''false''', "expr",
     "no constructor: a class of a referenced project (no strong name) is not judged"),
    (CC, r'''type.ContainingAssembly is { Identity.IsStrongName: false }''', r'''type.ContainingAssembly is not null''', "expr",
     "no constructor: a class of a strong-named assembly is judged (Uri, the immutable collections: a false GA0020)"),
    # Session 18 (gengaps): a [JsonInclude] member without a setter (ContractFaults.IncludedWithoutSetter).
    (R, r'''ContractMembers(type, known).Select(member => ContractFaults.IncludedWithoutSetter(type, member, known)).FirstOrDefault(reason => reason is not null)''', r'''null''', "expr",
     "[JsonInclude] without a setter is not reported"),
    (C, r'''!SerializedMembers.Included(member, known) || RequiredJsonMembers.MarkedJsonRequired(member)''', r'''RequiredJsonMembers.MarkedJsonRequired(member)''', "expr",
     "[JsonInclude] without a setter: a getter-only member without [JsonInclude] is reported (a false GA0020: it is not read)"),
    (C, r'''Settable(member, known) || ReadAnotherWay(type, member, known)''', r'''ReadAnotherWay(type, member, known)''', "expr",
     "[JsonInclude] without a setter: a member with an internal setter is reported (a false GA0020)"),
    (C, r'''RequiredJsonMembers.BoundByConstructor(owner).Contains(included.Name)''', r'''false''', "expr",
     "[JsonInclude] without a setter: a member a constructor parameter binds is reported (a false GA0020)"),
    (C, r'''PopulatedInPlace.Is(property, owner, known)''', r'''false''', "expr",
     "[JsonInclude] without a setter: a member populated in place is judged"),
    # Session 18 (genhints): hints for a class of another assembly say public; a protected internal [JsonConstructor] there is not callable.
    (CC, r'''InternalsReachable(type, known) ? "public or internal" : "public"''', r'''"public or internal"''', "expr",
     "hints: a class of another assembly is told to mark an internal constructor (out of the context's reach)"),
    (CC, r'''known.Compilation.IsSymbolAccessibleWithin(constructor, known.Compilation.Assembly)''', r'''Callable(constructor)''', "expr",
     "a protected internal [JsonConstructor] of another assembly counts as callable (a missed GA0020: every read fails)"),
    (CC, r'''SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, known.Compilation.Assembly)''', r'''true''', "expr",
     "hints: a class of another assembly is judged as one of the compilation (internal offered, no InternalsVisibleTo note)"),
    (CC, r'''type.ContainingAssembly.GivesAccessTo(known.Compilation.Assembly)''', r'''false''', "expr",
     "hints: a class of an assembly granting the application InternalsVisibleTo is told public only (its internal [JsonConstructor] is called)"),
    # Session 21 (generator-gaps): Populate on fields as on properties, and a struct's setter (PopulatedFieldFaults, PopulatedInPlace).
    (P, r'''return SupportFor(member, underlying, settable, known);''', r'''return PopulateSupport.Refused;''', "stmt",
     "Nullable of a struct counts as one that cannot be populated (a false GA0020 and GA0021)"),
    (P, r'''SupportFor(property, property.Type, ReadOnlyMembers.HasRuntimeSetter(property, known), known)''', r'''Support(property, known)''', "expr",
     "a struct property with a private setter under [JsonInclude] marked Populate counts as failing as the type is prepared (a false GA0021)"),
    (F, r'''StructWithoutSetter(field, owner, known)''', r'''null''', "expr",
     "a readonly struct field marked Populate is not reported"),
    (F, r'''!field.Type.IsValueType || ReadOnlyMembers.HeldSetter(field, known)''', r'''!field.Type.IsValueType || !field.IsReadOnly''', "expr",
     "a struct field's setter: [JsonInclude] gives none, WhenReading takes none"),
    (F, r'''JsonIgnoreConditions.Own(field, known) == IgnoreCondition.WhenReading''', r'''false''', "expr",
     "a struct field under WhenReading is told it is readonly"),
    (F, r'''Polymorphic(field, owner, known)''', r'''null''', "expr",
     "Populate on a field of a polymorphic type is not reported"),
    (F, r'''InValuesInHandType(field, owner, known)''', r'''null''', "expr",
     "a field populated in a type created with values in hand is not reported"),
    (F, r'''Support(field, known) is not (PopulateSupport.Populated or PopulateSupport.FailsWhenRead)''', r'''false''', "expr",
     "a type created with values in hand asking Populate of fields that cannot be populated is reported"),
    (F, r'''Support(field, known) == PopulateSupport.FailsWhenRead''', r'''false''', "expr",
     "a populated ReadOnlyCollection field is not reported"),
    (F, r'''UnreadableReasons.InitOnly(value, known)''', r'''null''', "expr",
     "an init-only property inside a populated field is not reported"),
    (R, r'''ContractMembers(type, known).OfType<IFieldSymbol>().Select(field => PopulatedFieldFaults.WhenSent(field, type, known)).FirstOrDefault(reason => reason is not null)''', r'''null''', "expr",
     "fields' Populate faults for the requests that send them are not looked for"),
    (F, r'''SchemaBuilder.AlwaysIgnored(field, known)''', r'''false''', "expr",
     "a [JsonIgnore]d field marked Populate is judged", r'''SchemaBuilder.AlwaysIgnored(field, known)
            ? null'''),
    (R, r'''TypeClassifier.UnwrapNullable(property.Type)''', r'''property.Type''', "expr",
     "an init-only property inside a populated Nullable<struct> property is not reported"),
    (R, r'''ContractFaults.AbstractType(type)''', r'''null''', "expr",
     "GA0020: an interface or abstract class the context must create is not reported"),
    (CC, r'''type.TypeKind == TypeKind.Interface || (type.TypeKind == TypeKind.Class && type.IsAbstract)''', r'''type.TypeKind == TypeKind.Interface''', "expr",
     "GA0020: an abstract class the context must create is not reported (only an interface)"),
    (CC, r'''!UserDeclared(type)''', r'''false''', "expr",
     "GA0020: a framework abstract type the context reads by a converter of its own (JsonNode) is reported",
     r'''|| !UserDeclared(type))
        {
            return null;
        }

        var name = type.ToDisplayString(Names.InMessage);
        var kind'''),
    (CC, r'''type.TypeKind == TypeKind.Interface ? "an interface" : "an abstract class"''', r'''"an abstract class"''', "expr",
     "GA0020: an interface called an abstract class"),
]
