# Mutants of session 37's ga0026 change in the generator: GA0026, a property with a setter and no getter the JSON
# context calls, of a type System.Text.Json reads as a collection, inside a parameter's type (SetOnlyCollections.cs:
# the rule and what it leaves out; ContractWalk.cs: where it looks; CommandInspector.JsonContract.cs: where it is
# reported; CommandAnalyzer.cs: once per location), and the request schema leaving such a member out
# (SerializedMembers.cs), while GA0020 still looks inside its type, which the context prepares (UnreadableTypes.cs).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s37_ga0026.py
# Mutants 1 and 2 are the code before the change (no warning; the schema listing the member).
# Outcome (session 37, 2026-12-03): 24 mutants, 24 killed (the no-mutant run: 29 tests pass), each by an assertion of
# SetOnlyCollectionDiagnosticTests (the reported-once test's spans, 3 and 10 by the GA0020 test, 5 and 14 by the
# hidden-base test, 23 by the pragma test's message) or SetOnlyCollectionExecutionTests' request-schema test (2, 6, 16,
# 18, 20; 18 also by AccessorContractExecutionTests). A first run
# left two survivors: a check that a node is no collection (WellKnownSchemas already names every node type: removed
# as equivalent) and the message naming the parameter's type (killed by the pragma test, whose property is now nested).
# Not mutated: the fallback location at the parameter's type for a property in another assembly (no test builds
# one: SetOnlyCollectionDiagnosticTests' properties are all in source).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.SetOnlyCollectionDiagnosticTests", "-class", "*.SetOnlyCollectionExecutionTests",
             "-class", "*.AccessorContractExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches.Ga0026S37"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
R = "src/Agent.Generators/Parsing/SetOnlyCollections.cs"
W = "src/Agent.Generators/Parsing/ContractWalk.cs"
I = "src/Agent.Generators/Parsing/CommandInspector.JsonContract.cs"
A = "src/Agent.Generators/Diagnostics/CommandAnalyzer.cs"
M = "src/Agent.Generators/Parsing/SerializedMembers.cs"
U = "src/Agent.Generators/Parsing/UnreadableTypes.cs"
MUTANTS = [
    (W, r'''NeverSet.AddRange(SetOnlyCollections.In(named, _known));''', r'''''', "stmt",
     "no GA0026 (before session 37)"),
    (M, r'''!SetOnlyCollections.NeverSet(property, owner, known, boundByConstructor)''', r'''true''', "expr",
     "the request schema lists a set-only collection (before session 37)"),
    (U, r'''(SetOnlyCollections.NeverSet(member, named, known, boundByConstructor) ? ((IPropertySymbol)member).Type : null)''', r'''null''', "expr",
     "GA0020 no longer looks inside a set-only collection's type, which the context still prepares"),
    (R, r'''property.SetMethod is { IsInitOnly: false }''', r'''property.SetMethod is not null''', "expr",
     "an init accessor (set as the object is created) reported"),
    (R, r'''!SerializedMembers.GetterReachable(property, known)''', r'''true''', "expr",
     "a property with a getter reported"),
    (R, r'''!SerializedMembers.Included(property, known)''', r'''true''', "expr",
     "one marked [JsonInclude] (set) reported"),
    (R, r'''JsonIgnoreConditions.Own(property, known) == IgnoreCondition.None''', r'''JsonIgnoreConditions.Own(property, known) != IgnoreCondition.Always''', "expr",
     "one with an ignore condition of its own (set) reported"),
    (R, r'''!boundByConstructor.Contains(property.Name)''', r'''true''', "expr",
     "one a constructor parameter binds reported"),
    (R, r'''!RequiredJsonMembers.IsRequired(member, owner)''', r'''true''', "expr",
     "a required one (the context throws) reported (retargeted in session 40: the check moved into NeverSet; its kill is generator_s40_reqsetonly.py's mutant 5)"),
    (R, r'''!PopulatedInPlace.AskedByProperty(property, known)''', r'''true''', "expr",
     "one marked Populate itself (GA0020's) reported too"),
    (R, r'''!UnreadableReasons.HasConverter(property, known)''', r'''true''', "expr",
     "one with a converter of its own reported"),
    (R, r'''SerializedMembers.SetterReachable(property, known)''', r'''true''', "expr",
     "an internal one the context never sees reported"),
    (R, r'''!property.IsStatic && !property.IsIndexer''', r'''true''', "expr",
     "a static property and an indexer reported"),
    (R, r'''member is IPropertySymbol { IsOverride: false } or IFieldSymbol { IsImplicitlyDeclared: false } && seen.Add(member.Name)''',
     r'''member is IPropertySymbol { IsOverride: false } or IFieldSymbol { IsImplicitlyDeclared: false }''', "expr",
     "a hidden base member looked at"),
    (R, r'''type = TypeClassifier.UnwrapNullable(type).WithNullableAnnotation(NullableAnnotation.NotAnnotated);''',
     r'''type = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);''', "stmt",
     "a Nullable<T> of a collection not reported"),
    (R, r'''return WellKnownSchemas.For(type) is null;''', r'''return true;''', "stmt",
     "byte[] (one base64 value) reported"),
    (R, r'''UnreadableReasons.HasConverter(named, known)''', r'''false''', "expr",
     "a collection type with a converter of its own reported"),
    (R, r'''TypeClassifier.PrimitiveOf(named, known) != Model.PrimitiveKind.None''', r'''false''', "expr",
     "a string reported"),
    (R, r'''WellKnownSchemas.For(named) is not null''', r'''false''', "expr",
     "Memory<byte> (one base64 value) and a JsonArray (a node) reported"),
    (R, r'''HeldJsonTypes.MemoryItem(named) is not null''', r'''false''', "expr",
     "Memory<T> not reported"),
    (R, r'''known.Is(named, known.AsyncEnumerableOfT)''', r'''false''', "expr",
     "a property declared IAsyncEnumerable<T> not reported"),
    (R, r'''named.SpecialType == SpecialType.System_Collections_IEnumerable''', r'''false''', "expr",
     "a property declared IEnumerable (non-generic) not reported"),
    (I, r'''setOnly.ContainingType.ToDisplayString(Names.InMessage)''', r'''parameter.Type.ToDisplayString(Names.InMessage)''', "expr",
     "the message names the parameter's type, not the property's"),
    (A, r'''reported.TryAdd(problem.Location, 0)''', r'''true''', "expr",
     "reported once per command (and per type holding it), not once"),
]
