# Mutants of session 32's binder8 changes in the runtime: JsonTextCheck.HasUniqueNames(JsonNode) (each node's
# objects read, the ArgumentException of a repeated name answered false), IsObjectOrArrayRefusal (only
# System.Text.Json's refusal of an object or array as a JsonValue), and the stack bound of both walks.
# The generator half is generator_s32_binder8.py.
# Session 33 (binder9): IsObjectOrArrayRefusal removed with its message comparison (runtime_s33_binder9.py covers
# what replaced it, HasObjectOrArrayForJsonValue); its two mutants (6, 7) went with it.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s32_binder8.py
# Session 32: 7 mutants, all killed by JsonTextCheckTests (4 and 5 by the test process's stack overflow).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*.JsonTextCheckTests"]
SWITCH_NS = "GuestAgent.MutantSwitches.Binder8"
SWITCH_DIR = "src/Agent"
TIMEOUT = 600
J = "src/Agent/Commands/JsonTextCheck.cs"
MUTANTS = [
    (J, r'''ReadAll(node);''', r'''''', "stmt",
     "a node not read: its repeated names pass"),
    (J, r'''ReadAll(property.Value);''', r'''''', "stmt",
     "an object's values not read: a nested repeat passes"),
    (J, r'''ReadAll(item);''', r'''''', "stmt",
     "an array's items not read: a repeat inside one passes"),
    (J, r'''RuntimeHelpers.EnsureSufficientExecutionStack();''', r'''''', "stmt",
     "an element deeper than the stack allows overflows it (the process ends)",
     '''RuntimeHelpers.EnsureSufficientExecutionStack();
        if (element.ValueKind'''),
    (J, r'''RuntimeHelpers.EnsureSufficientExecutionStack();''', r'''''', "stmt",
     "a node deeper than the stack allows overflows it (the process ends)",
     '''RuntimeHelpers.EnsureSufficientExecutionStack();
        if (node is JsonObject obj)'''),
]
