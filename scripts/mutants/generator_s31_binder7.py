# Mutants of session 31's binder7 changes in the generator: a value read into a JsonNode/JsonObject/JsonArray
# parameter, or into a complex type holding raw JSON inside it (HeldJsonTypes: JsonElement, JsonDocument,
# object, JsonNode or JsonValue members, through members read, items, dictionary values, arrays and
# [JsonDerivedType]s), parsed as an element first: its text checked, a repeated property name refused where a
# node would hold it (the context's PropertyNameCaseInsensitive honoured), a JsonValue member's
# InvalidOperationException answered as the wrong type (ValueReaderEmitter.WriteElementFirst/WriteDeserialize,
# ObjectBinderEmitter's repeated-name message). The runtime half (JsonTextCheck.HasUniqueNames) is in
# runtime_s31_binder7.py; the raw binding's "" with white space around, in generator_emitters.py (8-9).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s31_binder7.py
# Session 31: 18 mutants, all killed, by HeldJsonExecutionTests. A first run
# left 12-14 alive: every type holding an object, JsonDocument or array member also held a node, so the whole value
# was checked anyway; types holding only one of each (AnyOnly, DocOnly, ArrOnly) were added and 12-14 rerun: killed.
# Session 32 (binder8): the whole-value check now runs only for a node parameter and a type the binder cannot
# walk to its nodes (NodeWalks); mutants 2, 3 and 5 retargeted at that code (the walk's own mutants are in
# generator_s32_binder8.py).
# Session 33 (binder9): HeldJsonTypes' walk became ContractWalk's (one walk for the raw JSON held, GA0024 and the
# node walk); the H mutants retargeted at it (the collections' one split into items and dictionary values), not
# rerun (see generator_s33_binder9.py's header).
# Mutants 1 and 3 are the code before session 31 (the tests fail on it: checked by reverting the generator).
# Not made mutants: HasConverter and the ignore conditions in HeldJsonTypes (no test has a converter or an ignored
# raw member; a wrong answer there only checks a value the context reads its own way, or skips one never read).
# Session 33 (review-gen): 10-13 and 18 rerun at ContractWalk: all killed (16, 4, 4, 1, 33 tests); 14-17 and 19 are the
# same texts as generator_s32_binder8.py's 3, 5, 4, 8, 11 (not rerun).
# Session 34 (binder10): 14-17 and 19 rerun at ContractWalk: all killed (2, 4, 4, 4 behaviour tests; 19 by the
# generator's stack overflow, 74 of 95 tests failing, as intended; the no-mutant run passing 95).
# Session 36 (binder12): mutants 2 and 3 retargeted (the whole-value check also skipped under AllowDuplicateProperties =
# false, where the context's own refusal is caught); rerun: both killed (the no-mutant run: 95 tests pass) by HeldJsonExecutionTests.
# Session 37 (gen13): mutants 2, 3 and 5 retargeted (the node parameter's whole check and the check of a type whose nodes
# the binder cannot walk to became two branches, the second a walk along the context's contract); rerun: all three killed
# (the no-mutant run: 95 tests pass) by HeldJsonExecutionTests.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.HeldJsonExecutionTests", "-class", "*.JsonNodeTextExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
V = "src/Agent.Generators/Emitting/ValueReaderEmitter.cs"
O = "src/Agent.Generators/Emitting/ObjectBinderEmitter.cs"
H = "src/Agent.Generators/Parsing/ContractWalk.cs"
MUTANTS = [
    (V, r'''type.Held != HeldJson.None''', r'''false''', "expr",
     "a type holding raw JSON read from the reader by the context alone (before session 31)"),
    (V, r'''holdsNodes && !walk && !refusesRepeatedNames''', r'''false''', "expr",
     "a node inside a complex type the binder cannot walk: its repeated names not checked (retargeted in sessions 32 and 37)"),
    (V, r'''type.Node == JsonNodeKind.Node''', r'''false''', "expr",
     "a JsonNode/JsonObject parameter: its repeated names not checked (before session 31; retargeted in session 37)"),
    (V, r'''$"{jsonContext}.Default.Options.PropertyNameCaseInsensitive"''', r'''"false"''', "expr",
     "names differing only in case taken as two under a Web context, whose nodes throw on them",
     r'''var ignoreCase = $"{jsonContext}.Default.Options.PropertyNameCaseInsensitive";
            writer.OpenBlock($"if (!'''),
    (V, r'''failRepeated ?? fail''', r'''fail''', "expr",
     "a repeated name answered as the plain wrong type",
     '''HasUniqueNames({element}, {ignoreCase}))").WriteLine(failRepeated ?? fail)'''),
    (V, r'''Expected(type) + " without a repeated property name"''', r'''Expected(type)''', "expr",
     "the repeated-name message says nothing of the repeated name"),
    (V, r'''(type.Held & HeldJson.Value) != 0''', r'''false''', "expr",
     "a JsonValue member given an object: the converter's InvalidOperationException escapes (internal error)"),
    (O, r'''failRepeated''', r'''null''', "expr",
     "object binding passes no repeated-name statement",
     '''                failRepeated,
                refusesRepeatedNames);'''),
    (H, r'''HeldJson.Text | HeldJson.Value''', r'''HeldJson.Text''', "expr",
     "a JsonValue member not told apart: an object for it is an internal error"),
    (H, r'''HeldJson.Text | HeldJson.Nodes''', r'''HeldJson.Text''', "expr",
     "a JsonNode member's repeated names not checked"),
    (H, r'''_known.Is(type, _known.JsonElement)''', r'''false''', "expr",
     "a JsonElement member not seen: its unreadable text reaches the command"),
    (H, r'''type.SpecialType == SpecialType.System_Object''', r'''false''', "expr",
     "an object member (read as a JsonElement) not seen"),
    (H, r'''type.ToDisplayString() == "System.Text.Json.JsonDocument"''', r'''false''', "expr",
     "a JsonDocument member not seen"),
    (H, r'''return Walked(type, NodeWalkKind.Items, skip, array.ElementType, () => [To(array.ElementType)]);''', r'''return null;''', "stmt",
     "an array's items not looked into"),
    (H, r'''return Walked(type, NodeWalkKind.Items, immutable ? "value.IsDefault" : skip, item, () => [To(item)]);''', r'''return null;''', "stmt",
     "a collection's items not looked into"),
    (H, r'''return Walked(type, NodeWalkKind.Values, skip, pair, () => [To(pair.TypeArguments[1])]);''', r'''return null;''', "stmt",
     "a dictionary's values not looked into"),
    (H, r'''Visit(derived) is { } target ? new Edge(null, derived, target) : null''', r'''null''', "expr",
     "a [JsonDerivedType]'s members not looked into"),
    (H, r'''Visit(memberType) is { } target ? new Edge(member, null, target) : null''', r'''null''', "expr",
     "a type's members not looked into"),
    (H, r'''_index.TryGetValue(type, out var existing)''', r'''false''', "expr",
     "a recursive type walked forever (the generator overflows its stack)"),
]
