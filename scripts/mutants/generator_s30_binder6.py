# Mutants of session 30's binder6 changes in the generator: a JsonNode/JsonObject/JsonArray/JsonValue
# parameter parsed as a JsonElement and its text checked (a string escaping an unpaired surrogate is the
# binding error, not an internal error in the command), a JsonValue given an object or array refused as the
# wrong type (ValueReaderEmitter.WriteNode, TypeClassifier.NodeKindOf); the read past the bound value that
# refuses trailing content in TryDispatch (CommandEmitter, ObjectBinderEmitter); and a synchronous
# [return: NotNull] Thing?/int?/Pt? result described and written as Thing/int/Pt (CommandInspector.Return.cs,
# CommandInspector's ResultUnwrapped). The code-fix half is in generator_s30_binder6_codefixes.py.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s30_binder6.py
# Not made mutants: the JsonValue kind check's text (inside an interpolated string; mutant 3 drops the whole
# check); the check's failText answered as the wrong type (it wraps mutant 2's statement: the two cannot both be placed,
# and every refusal's exact text is asserted); ResultEmitter's `.Value` (inside an interpolation hole; mutant 12 takes away what it depends on, and
# without it the generated file does not compile); ResultUnwrapped's IsValueType and asyncKind conditions
# (equivalent: a reference is never a Nullable<T>, and a task result is never unwrapped there).
# Session 30: 12 mutants, run once with the classes below: all 12 killed (1-6 by JsonNodeTextExecutionTests,
# 7-8 by TrailingValueExecutionTests, 9, 11 and 12 by NotNullResultExecutionTests, 10 by NotNullTaskExecutionTests).
# Mutants 1, 7-9 are the code before session 30, so those tests fail on it (checked by reverting each fix).
# Session 36 (binder12): mutant 4 retargeted (its context text's walk test became holdsNodes); rerun alone: killed (the
# no-mutant run: 60 tests pass) by JsonNodeTextExecutionTests.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.JsonNodeTextExecutionTests", "-class", "*.TrailingValueExecutionTests",
             "-class", "*.NotNullResultExecutionTests", "-class", "*.NotNullTaskExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
V = "src/Agent.Generators/Emitting/ValueReaderEmitter.cs"
T = "src/Agent.Generators/Parsing/TypeClassifier.cs"
C = "src/Agent.Generators/Emitting/CommandEmitter.cs"
O = "src/Agent.Generators/Emitting/ObjectBinderEmitter.cs"
R = "src/Agent.Generators/Parsing/CommandInspector.Return.cs"
I = "src/Agent.Generators/Parsing/CommandInspector.cs"
MUTANTS = [
    (V, r'''type.Node != JsonNodeKind.None''', r'''false''', "expr",
     "a node deserialized from the reader as before session 30: its unreadable text reaches the command"),
    (V, r'''writer.OpenBlock($"if (!{CSharp.Commands}.JsonTextCheck.IsReadable({element}))").WriteLine(failText).CloseBlock();''', r'''''', "stmt",
     "a node's text not checked (parsed as an element, deserialized from it)",
     '''JsonElement {element} = {CSharp.Json}.JsonElement.ParseValue(ref reader);");
        writer.OpenBlock($"if (!{CSharp.Commands}.JsonTextCheck.IsReadable({element}))").WriteLine(failText).CloseBlock();'''),
    (V, r'''type.Node == JsonNodeKind.Value''', r'''false''', "expr",
     "a JsonValue given an object or array: the converter's InvalidOperationException escapes (internal error)"),
    (V, r'''element''', r'''"ref reader"''', "expr",
     "the node deserialized from the reader already past the value",
     '''WriteDeserialize(writer, type, local, element, fail, jsonContext, failAt, (type.Held & HeldJson.Value) != 0, holdsNodes && refusesRepeatedNames ? failRepeated ?? fail : null);'''),
    (T, r'''current.BaseType''', r'''null''', "expr",
     "only JsonNode itself a node: JsonObject, JsonArray and JsonValue not checked"),
    (T, r'''known.Is(type, known.JsonValue) ? JsonNodeKind.Value : JsonNodeKind.Node''', r'''JsonNodeKind.Node''', "expr",
     "JsonValue not told apart: an object or array for it is an internal error"),
    (C, r'''writer.WriteLine().WriteLine(CSharp.LastRead);''', r'''''', "stmt",
     "a value taken whole: bytes after it ignored (the first value bound)"),
    (O, r'''writer.WriteLine(CSharp.LastRead);''', r'''''', "stmt",
     "object binding: bytes after the object (or null, or \"\") ignored"),
    (R, r'''asyncKind == AsyncKind.None && ReturnsNotNull(method)''', r'''false''', "expr",
     "[return: NotNull] Thing? still described as admitting null (before session 30)"),
    (R, r'''asyncKind == AsyncKind.None && ReturnsNotNull(method)''', r'''ReturnsNotNull(method)''', "expr",
     "a [return: NotNull] Task<int?>?'s result unwrapped too (the promise is the task's, not its result's)"),
    (R, r'''type.IsValueType ? TypeClassifier.UnwrapNullable(type) : type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)''',
     r'''type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)''', "expr",
     "a [return: NotNull] struct Pt?/int? kept nullable: its schema still admits null"),
    (I, r'''resultKind == ResultKind.Value && asyncKind == AsyncKind.None && ReturnsNotNull(method) && method.ReturnType.IsValueType''', r'''false''', "expr",
     "a [return: NotNull] struct result unwrapped but taken without .Value (the generated file does not compile)"),
]
