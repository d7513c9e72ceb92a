# Mutants of session 37's gen13 change in the SDK's runtime: JsonTextCheck.HasUniqueNodeNames (JsonTextCheck.NodeNames.cs),
# the walk along the JSON context's contract to the places it reads into nodes (JsonNode, JsonObject, JsonArray, an object
# under UnknownTypeHandling = JsonNode), which the generated binder asks, before the read, of a type holding a node it cannot
# walk to after the read, in place of the whole value's names. Mutated: which types are nodes, the names' comparison, each
# place the walk follows (items, $values, dictionary values and their "$" names, a nullable's value, members, derived types),
# the members it passes over (a converter's) and the extension data that makes it check an object whole. Not mutated: the
# argument check and the stack guard (shared in form with HasObjectOrArrayForJsonValue, whose batches cover it).
# The generator's half is generator_s37_gen13.py.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s37_gen13.py
# Session 37 (gen13), first run: all 17 killed (the no-mutant run: 32 tests pass), each by JsonTextCheckNodeNamesTests
# (whose node places are checked against the context's own read of the nodes it gives).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*.JsonTextCheckNodeNamesTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
TIMEOUT = 300
N = "src/Agent/Commands/JsonTextCheck.NodeNames.cs"
MUTANTS = [
    (N, r'''type == typeof(JsonNode) || type == typeof(JsonObject) || type == typeof(JsonArray)''', r'''type == typeof(JsonNode) || type == typeof(JsonArray)''', "expr",
     "a JsonObject member not taken for a node"),
    (N, r'''(type == typeof(object) && options.UnknownTypeHandling == JsonUnknownTypeHandling.JsonNode)''', r'''false''', "expr",
     "an object never read as a node, under JsonNode handling too"),
    (N, r'''(type == typeof(object) && options.UnknownTypeHandling == JsonUnknownTypeHandling.JsonNode)''', r'''type == typeof(object)''', "expr",
     "an object always read as a node (it holds an element under the default handling)"),
    (N, r'''return HasUniqueNames(element, options.PropertyNameCaseInsensitive);''', r'''return HasUniqueNames(element, false);''', "stmt",
     "a node's names compared exactly though the context's nodes ignore case"),
    (N, r'''return ItemNodeNamesUnique(element, info);''', r'''return true;''', "stmt",
     "a collection's items not looked into"),
    (N, r'''ItemNodeNamesUnique(values, info)''', r'''true''', "expr",
     "a derived or preserved collection's $values not looked into"),
    (N, r'''return ValueNodeNamesUnique(element, info, metadata: false);''', r'''return true;''', "stmt",
     "a dictionary's values not looked into"),
    (N, r'''return NodeNamesUnique(element, inner, info.Options);''', r'''return true;''', "stmt",
     "a nullable struct's value not looked into"),
    (N, r'''MemberNodeNamesUnique(element, derivedInfo)''', r'''true''', "expr",
     "a derived type's members not looked into"),
    (N, r'''ValueNodeNamesUnique(element, derivedInfo, metadata: true)''', r'''true''', "expr",
     "a derived dictionary's entries not looked into"),
    (N, r'''!(metadata && property.Name.StartsWith('$'))''', r'''!property.Name.StartsWith('$')''', "expr",
     "a plain dictionary's \"$\" entry passed over as metadata"),
    (N, r'''info.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal''', r'''StringComparison.Ordinal''', "expr",
     "members matched exactly though the context ignores case"),
    (N, r'''info.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal''', r'''StringComparison.OrdinalIgnoreCase''', "expr",
     "members matched ignoring case though the context compares exactly (an unknown name taken for a node member)"),
    (N, r'''member.CustomConverter is null''', r'''true''', "expr",
     "a member with its own converter looked into as a node"),
    (N, r'''member.IsExtensionData && member.PropertyType != typeof(Dictionary<string, JsonElement>)''', r'''member.IsExtensionData''', "expr",
     "an object whose extension data holds elements checked whole (its own members' repeats refused)"),
    (N, r'''(member.PropertyType != typeof(Dictionary<string, object>) || info.Options.UnknownTypeHandling == JsonUnknownTypeHandling.JsonNode)''', r'''true''', "expr",
     "extension data of objects taken for nodes under the default handling"),
    (N, r'''return HasUniqueNames(element, info.Options.PropertyNameCaseInsensitive);''', r'''return true;''', "stmt",
     "an object whose unknown members a node keeps not checked"),
]
