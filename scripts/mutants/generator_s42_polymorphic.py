# Mutants of session 42's polymorphic contract work. The schema of a polymorphic type is one shape per way the context
# writes or reads a value (SchemaBuilder.Polymorphic): each listed derived type's members led by its discriminator
# (const, required), the type's own without one ("not required"), following IgnoreUnrecognizedTypeDiscriminators,
# UnknownDerivedTypeHandling, abstract types and Disallow (UnmappedMembers' names with the discriminator's). And
# GA0020/GA0021 for an open generic derived type and an abstract or interface one unless FallBackToNearestAncestor
# (PolymorphismFaults; probed on .NET 10).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s42_polymorphic.py
# Outcome (session 42, 2026-12-04), mutants 1-17: 17 killed (the no-mutant run: 107 tests pass), by PolymorphicSchemaExecutionTests
# (1-14) and PolymorphismFaultExecutionTests (15-17). First placed, 4 and 16 wrapped the texts of 5 and 17; now each replaces
# its own part.
# Mutant 18 (added after: GA0007 leaves to a converter among the options what it reads), run alone: killed
# (UnsupportedTypeDiagnosticTests' new test); generator_s41_contract.py's 1-3 on the same code, run again: 3 of 3 killed.
# Mutant 19 (added after: an abstract type whose discriminators name only abstract types is GA0020), run alone: killed
# (AbstractTypeDiagnosticTests).
# Mutants 20-32 (added after: the schema under the options' ReferenceHandler, ReferenceMetadata), run alone: 12 of 13 killed
# (ReferenceHandlerSchemaExecutionTests); 21 survived (a struct's $id was admitted as an unknown member anyway): with
# the test of a number $id on a struct, which the context refuses, run again: killed.
# Final tidy-up: SchemaBuilder's collections moved to SchemaBuilder.Collections.cs, the shapes' discriminators made by
# Discriminator.Given/Absent; 3, 30 and 31 retargeted, run again: 3 of 3 killed. After one reading of [JsonDerivedType]
# (TypeDiscriminators.Derived), 19 retargeted, run again: killed.
# Mutant 33 (added after: a derived type a converter reads has no shape), run alone: killed (PolymorphicSchemaExecutionTests).
# After one ReferenceMetadata.AddId for objects, dictionaries and derived collections, 30-32 retargeted; with 34-35 (added
# after: derived collections and dictionaries), run: 5 of 5 killed.
# Mutants 36-38 (added after: GA0028), run alone: 3 of 3 killed (ConvertedDerivedTypeDiagnosticTests).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.PolymorphicSchemaExecutionTests", "-class", "*.PolymorphismFaultExecutionTests",
             "-class", "*.UnmappedMemberSchemaExecutionTests", "-class", "*.ContractFaultDiagnosticTests", "-class", "*.AbstractTypeDiagnosticTests",
             "-class", "*.UnsupportedTypeDiagnosticTests", "-class", "*.OptionConverterExecutionTests",
             "-class", "*.ReferenceHandlerSchemaExecutionTests",
             "-class", "*.ConvertedDerivedTypeDiagnosticTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches.Polymorphic42"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
SB = "src/Agent.Generators/Parsing/SchemaBuilder.cs"
SBP = "src/Agent.Generators/Parsing/SchemaBuilder.Polymorphic.cs"
SBC = "src/Agent.Generators/Parsing/SchemaBuilder.Collections.cs"
TD = "src/Agent.Generators/Parsing/TypeDiscriminators.cs"
PF = "src/Agent.Generators/Parsing/PolymorphismFaults.cs"
UM = "src/Agent.Generators/Parsing/UnmappedMembers.cs"
U = "src/Agent.Generators/Parsing/UnsupportedTypes.cs"
CC = "src/Agent.Generators/Parsing/ContractFaults.Constructors.cs"
RM = "src/Agent.Generators/Parsing/ReferenceMetadata.cs"
KT = "src/Agent.Generators/Parsing/KnownTypes.cs"
KTO = "src/Agent.Generators/Parsing/KnownTypes.ContextOptions.cs"
CD = "src/Agent.Generators/Diagnostics/ConvertedDerivedTypes.cs"
MUTANTS = [
    (SBP, r'''discriminator is not null && Creatable(derivedType)''', r'''discriminator is not null''', "expr",
     "an abstract derived type taken to be read"),
    (SBP, r'''Creatable(derivedType) || unknownHandling == TypeDiscriminators.FallBackToNearestAncestor''', r'''Creatable(derivedType)''', "expr",
     "an abstract derived type's shape not written under FallBackToNearestAncestor"),
    (SBP, r'''true''', r'''false''', "expr",
     "a derived type's discriminator not required", r'''required: true'''),
    (SBP, r'''unknownHandling != 0''', r'''false''', "expr",
     "the type's own shape not written where unknown types fall back to it"),
    (SBP, r'''!listedItself''', r'''true''', "expr",
     "a type listing itself taken to be written without its discriminator", r'''&& !listedItself)'''),
    (SBP, r'''direction == JsonDirection.Read && Creatable(type)''', r'''direction == JsonDirection.Read''', "expr",
     "an abstract type taken to be read without a discriminator"),
    (SBP, r'''listed.Count > 0''', r'''false''', "expr",
     "an ignored discriminator taken to be any, a known one too"),
    (SBP, r'''!type.IsAbstract''', r'''true''', "expr",
     "abstract classes taken to be created"),
    (SB, r'''required.Add(String(given.Name));''', r''';''', "stmt",
     "the discriminator of a derived type's shape not required"),
    (SB, r'''members.Add(Member("not", Object([Member("required", Array([String(absent)]))])));''', r''';''', "stmt",
     "a shape without a discriminator admitting one"),
    (UM, r'''discriminator is null''', r'''true''', "expr",
     "a polymorphic type's shapes listing no names under Disallow", r'''(discriminator is null &&'''),
    (UM, r'''discriminator is null ? [] : [discriminator]''', r'''[]''', "expr",
     "the discriminator's name left out of a shape's names"),
    (TD, r'''number.ToString(System.Globalization.CultureInfo.InvariantCulture)''', r'''null''', "expr",
     "an integer discriminator left out"),
    (TD, r'''Setting(type, "UnknownDerivedTypeHandling") as int? ?? 0''', r'''0''', "expr",
     "UnknownDerivedTypeHandling not read"),
    (PF, r'''derivedType.IsUnboundGenericType''', r'''false''', "expr",
     "an open generic derived type not reported"),
    (PF, r'''derivedType.TypeKind == TypeKind.Interface || derivedType.IsAbstract''', r'''false''', "expr",
     "an abstract or interface derived type not reported"),
    (PF, r'''!abstractAllowed''', r'''true''', "expr",
     "an abstract derived type reported under FallBackToNearestAncestor", r'''if (!abstractAllowed &&'''),
    # Added after: GA0007 leaves to a converter among the options what it reads (UnsupportedTypes.OwnReason).
    (U, r'''converted''', r'''false''', "expr",
     "a tuple or stream a converter of the options reads refused: a false GA0007", r''': converted ? null'''),
    # Added after: an abstract type whose discriminators name only abstract types (FallBackToNearestAncestor) is GA0020.
    (CC, r'''!derived.Type.IsAbstract''', r'''true''', "expr",
     "a discriminator naming an abstract type taken to make the type readable"),
    # Added after: the schema under the options' ReferenceHandler (ReferenceMetadata).
    (KTO, r'''references is (int)ReferenceHandling.Preserve or (int)ReferenceHandling.IgnoreCycles ? (ReferenceHandling)references : ReferenceHandling.None''', r'''ReferenceHandling.None''', "expr",
     "the options' ReferenceHandler not read"),
    (RM, r'''Tracked(type) || (type.IsValueType && direction == JsonDirection.Read)''', r'''Tracked(type)''', "expr",
     "a struct's $id refused in a request"),
    (RM, r'''direction == JsonDirection.Written && Tracked(type)''', r'''false''', "expr",
     "a written object's $id not required"),
    (RM, r'''!Tracked(type)''', r'''false''', "expr",
     "an array's items taken to be written in $values", r'''|| !Tracked(type))'''),
    (RM, r'''direction == JsonDirection.Written ? wrapped : Object([Member("anyOf", Array([array, wrapped]))])''', r'''wrapped''', "expr",
     "a plain array refused in a request"),
    (RM, r'''depth == 0''', r'''false''', "expr",
     "the value itself taken to be a $ref"),
    (RM, r'''Object([Member("type", String("null"))])''', r'''null''', "expr",
     "a cycle written as null not admitted under IgnoreCycles"),
    (RM, r'''type is not IArrayTypeSymbol''', r'''true''', "expr",
     "arrays taken to be tracked"),
    (RM, r'''type.ContainingNamespace?.ToDisplayString() != "System.Collections.Immutable"''', r'''true''', "expr",
     "immutable collections taken to be tracked"),
    (RM, r'''known.References == ReferenceHandling.Preserve ? [Id] : Enumerable.Empty<string>()''', r'''Enumerable.Empty<string>()''', "expr",
     "$id refused under Disallow"),
    (SBC, r'''ReferenceMetadata.AddId(type, known, direction, properties, required);''', r''';''', "stmt",
     "a dictionary's $id taken for an entry", r'''ReferenceMetadata.AddId(type, known, direction, properties, required);
        if (discriminator is { Schema: { } leading } given)'''),
    (RM, r'''required.Add(String(Id));''', r''';''', "stmt",
     "a written value's $id not required"),
    (SB, r'''ReferenceMetadata.AddId(type, known, direction, properties, required);''', r''';''', "stmt",
     "an object's $id not listed"),
    # Added after: a derived type a converter reads has no shape (SchemaBuilder.Polymorphic).
    (SBP, r'''!ConverterWrites(derivedType, known)''', r'''true''', "expr",
     "a derived type a converter reads given a shape the context cannot read or write"),
    # Added after: a polymorphic type's derived collections and dictionaries (SchemaBuilder.Collections).
    (SBC, r'''properties.Add(Member("$values", array));''', r''';''', "stmt",
     "a derived collection's items not described"),
    (SBC, r'''required.Add(String(given.Name));''', r''';''', "stmt",
     "a derived dictionary's discriminator not required"),
    # Added after: GA0028, a [JsonDerivedType] naming a type a converter reads (ConvertedDerivedTypes).
    (CD, r'''Converter(type, known) is not null''', r'''false''', "expr",
     "a derived type warned where a converter reads the polymorphic type itself"),
    (CD, r'''known.OptionConverters.Reading(type)''', r'''null''', "expr",
     "the options' converters not looked at"),
    (CD, r'''UnreadableReasons.OwnConverter(type, known)''', r'''null''', "expr",
     "a derived type's own converter not looked at"),
]
