# Mutants of session 33's binder9 change in the runtime: JsonTextCheck.HasObjectOrArrayForJsonValue, which tells the
# JSON context's refusal of an object or array as a JsonValue from any other InvalidOperationException by finding
# such a place in the value through the context's metadata (members by the options' name comparison, items,
# dictionary values, Nullable<T>, derived types; a member with its own converter passed over), with its stack bound.
# The generator half is generator_s33_binder9.py.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s33_binder9.py
# Session 33: 11 mutants, all killed by those tests (11 by the test process's stack overflow).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
# Only the tests of HasObjectOrArrayForJsonValue: the class's seeded cases take most of its run.
TEST_ARGS = ["-method", "*.JsonTextCheckTests.An_object_or_array_is_found_where_the_context_reads_a_JsonValue",
             "-method", "*.JsonTextCheckTests.Names_compare_ignoring_case_when_the_context_does",
             "-method", "*.JsonTextCheckTests.A_derived_types_JsonValue_is_looked_at_whatever_the_discriminator",
             "-method", "*.JsonTextCheckTests.A_JsonValue_walk_deeper_than_the_stack_allows_is_refused_with_an_exception"]
SWITCH_NS = "GuestAgent.MutantSwitches.Binder9"
SWITCH_DIR = "src/Agent"
TIMEOUT = 600
J = "src/Agent/Commands/JsonTextCheck.cs"
MUTANTS = [
    (J, r'''type == typeof(JsonValue)''', r'''false''', "expr",
     "a JsonValue place never found: every refusal an internal error"),
    (J, r'''element.ValueKind is JsonValueKind.Object or JsonValueKind.Array''', r'''true''', "expr",
     "a JsonValue given a number taken for a refusal"),
    (J, r'''ForJsonValue(item, info.ElementType!, info.Options)''', r'''false''', "expr",
     "a collection's items not looked into"),
    (J, r'''ForJsonValue(property.Value, info.ElementType!, info.Options)''', r'''false''', "expr",
     "a dictionary's values not looked into"),
    (J, r'''return ForJsonValue(element, inner, info.Options);''', r'''return false;''', "stmt",
     "a nullable struct's value not looked into"),
    (J, r'''InMembers(element, info)''', r'''false''', "expr",
     "an object's members not looked into"),
    (J, r'''InMembers(element, derivedInfo)''', r'''false''', "expr",
     "a derived type's members not looked into"),
    (J, r'''info.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal''', r'''StringComparison.Ordinal''', "expr",
     "names compared case-sensitively under a context that ignores case"),
    (J, r'''info.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal''', r'''StringComparison.OrdinalIgnoreCase''', "expr",
     "names compared ignoring case under a context that does not"),
    (J, r'''member.CustomConverter is null''', r'''true''', "expr",
     "a member its own converter reads looked into"),
    (J, r'''RuntimeHelpers.EnsureSufficientExecutionStack();''', r'''''', "stmt",
     "a value deeper than the stack allows overflows it (the process ends)",
     '''64 levels.
        RuntimeHelpers.EnsureSufficientExecutionStack();'''),
]
