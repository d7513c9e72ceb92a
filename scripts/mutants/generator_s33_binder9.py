# Mutants of session 33's binder9 changes in the generator: the JsonValue refusal's catch filtered by a walk of the
# context's metadata (ValueReaderEmitter; the walk itself is runtime_s33_binder9.py), GA0020 for a
# [JsonExtensionData] property set as the object is created or required (ExtensionDataFaults.Prepared, called from
# UnreadableReasons), the one walk over a type's contract (ContractWalk) that HeldJsonTypes, GA0024 and the node walk
# now share: an object read as a node under UnknownTypeHandling = JsonNode (members, items, a non-generic
# collection's items, a Hashtable's values, extension data), the getter check after the pruning; and session 32's
# mutants 13, 14 and 16 of generator_s32_binder8.py (killed only by the sample's compile failure) rewritten as
# mutants that compile (14, 15, 16 here).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s33_binder9.py
# Session 33: 16 of 17 killed by assertions (14-17, the rewritten ones, fail 10, 1, 14 and 8 behaviour tests); 9
# survived the first run: with no edge to an object node the type's walk was empty and the whole value's names were
# checked instead, which refuses the same repeats; ObjectNodeExecutionTests got a member of Held named twice (binds
# its last value under the walk, refused by the whole-value check), and 9 was rerun: killed by that case. All 17 killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.HeldJsonExecutionTests", "-class", "*.ObjectNodeExecutionTests",
             "-class", "*.ExtensionDataDiagnosticTests", "-class", "*.IncludedWithoutSetterExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 900
V = "src/Agent.Generators/Emitting/ValueReaderEmitter.cs"
X = "src/Agent.Generators/Parsing/ExtensionDataFaults.cs"
U = "src/Agent.Generators/Parsing/UnreadableReasons.cs"
C = "src/Agent.Generators/Parsing/ContractWalk.cs"
K = "src/Agent.Generators/Parsing/KnownTypes.cs"
KO = "src/Agent.Generators/Parsing/KnownTypes.ContextOptions.cs"
E = "src/Agent.Generators/Emitting/NodeWalkEmitter.cs"
MUTANTS = [
    (V, r'''$"catch (global::System.InvalidOperationException) when ({CSharp.Commands}.JsonTextCheck.HasObjectOrArrayForJsonValue({source}, {jsonContext}.Default.GetTypeInfo(typeof({type.NonNullableFullName}))!))"''',
     r'''"catch (global::System.InvalidOperationException)"''', "expr",
     "any InvalidOperationException answered as the wrong type, a setter's too (before session 32)"),
    (V, r'''valueInside''', r'''false''', "expr",
     "a JsonValue member given an object: the converter's InvalidOperationException escapes (an internal error)",
     '''if (valueInside)'''),
    (U, r'''ExtensionDataFaults.Prepared(type, member, known)''', r'''null''', "expr",
     "extension data the context cannot prepare not reported (before session 33)"),
    (X, r'''RequiredJsonMembers.IsRequired(member, type)''', r'''false''', "expr",
     "required extension data not reported",
     r'''RequiredJsonMembers.IsRequired(member, type) ? "is required'''),
    (X, r'''RequiredJsonMembers.BoundByConstructor(type).Contains(member.Name)''', r'''false''', "expr",
     "extension data a constructor parameter binds reported as an init accessor (or not at all)",
     r'''RequiredJsonMembers.BoundByConstructor(type).Contains(member.Name) ? "a parameter'''),
    (X, r'''member is IPropertySymbol { SetMethod.IsInitOnly: true } property && SerializedMembers.SetterReachable(property, known)''', r'''false''', "expr",
     "init-only extension data not reported"),
    (X, r'''SerializedMembers.SetterReachable(property, known)''', r'''true''', "expr",
     "a private init the context never calls reported as set at creation (it is never filled: GA0024)",
     '''SetMethod.IsInitOnly: true } property && SerializedMembers.SetterReachable(property, known)'''),
    (KO, r'''unknownTypes == 1''', r'''false''', "expr",
     "UnknownTypeHandling = JsonNode not read: object members' nodes not walked (before session 33)"),
    (C, r'''_known.ObjectsAsNodes ? NodeWalkEdge.ObjectNode : null''', r'''null''', "expr",
     "an object read as a node not walked to"),
    (C, r'''_known.ObjectsAsNodes ? HeldJson.Nodes : HeldJson.None''', r'''HeldJson.None''', "expr",
     "an object read as a node not counted a node: no walk at all"),
    (C, r'''return Walked(type, NodeWalkKind.Values, skip, entry, () => [To(valueType)]);''', r'''return null;''', "stmt",
     "a Hashtable's values not walked into"),
    (C, r'''return Walked(type, NodeWalkKind.Items, skip, objectType, () => [To(objectType)]);''', r'''return null;''', "stmt",
     "a non-generic collection's items not walked into"),
    (C, r'''Reaches(e, useful)''', r'''true''', "expr",
     "a member without a getter reaching no node makes the whole value's names checked (before session 33)",
     '''!NodeWalks.Readable(member) && Reaches(e, useful)'''),
    # Session 32's 13, 14 and 16, rewritten so the generated code compiles.
    (E, r'''"return true;"''', r'''"return false;"''', "expr",
     "a null member, a default ImmutableArray or the depth bound taken for a repeated name",
     '''writer.OpenBlock($"if ({skip})").WriteLine("return true;")'''),
    (E, r'''$"return value is not {{ }} inner || {Name(local, walker.Edges[0].Target)}(inner, depth);"''',
     r'''$"return value is not {{ }} inner || {Name(local, walker.Edges[0].Target)}(inner, depth) || true;"''', "expr",
     "a nullable struct's value walked but its answer dropped"),
    (E, r'''$"{CSharp.Commands}.JsonTextCheck.HasUniqueNames({value})"''', r'''$"({value} is null || {value} is not null)"''', "expr",
     "a node walked to but not read"),
    (E, r'''$"{CSharp.Commands}.JsonTextCheck.HasUniqueNames({value} as global::System.Text.Json.Nodes.JsonNode)"''', r'''$"({value} is null || {value} is not null)"''', "expr",
     "an object read as a node walked to but not read"),
]
