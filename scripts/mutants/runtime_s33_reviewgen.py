# Mutants of session 33's review of binder9's runtime change: JsonTextCheck.HasObjectOrArrayForJsonValue looking at a
# collection given as an object's "$values" (ReferenceHandler.Preserve, a polymorphic collection), whose items the
# context reads, so an object there is its refusal (before the review: an internal error). The rest of the method is
# runtime_s33_binder9.py.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s33_reviewgen.py
# Session 33: both killed by A_preserved_collections_values_are_looked_at (the no-mutant run: 16 tests pass).
# Not made a mutant: the check that "$values" is an array (the context refuses any other "$values" with a
# JsonException, so the method is not asked; a direct caller would get EnumerateArray's exception).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-method", "*.JsonTextCheckTests.A_preserved_collections_values_are_looked_at",
             "-method", "*.JsonTextCheckTests.An_object_or_array_is_found_where_the_context_reads_a_JsonValue"]
SWITCH_NS = "GuestAgent.MutantSwitches.ReviewGen33"
SWITCH_DIR = "src/Agent"
TIMEOUT = 600
J = "src/Agent/Commands/JsonTextCheck.cs"
MUTANTS = [
    (J, r'''return element.TryGetProperty("$values", out var values) && values.ValueKind == JsonValueKind.Array && InItems(values, info);''', r'''return false;''', "stmt",
     "a preserved collection's $values not looked into (before the review): the refusal an internal error"),
    (J, r'''InItems(values, info)''', r'''true''', "expr",
     "any $values array taken for a refusal"),
]
