# Mutants of session 31's binder7 change in the runtime: JsonTextCheck.HasUniqueNames, whether no object in a
# value names a property twice (compared ignoring case when the context's nodes do), which generated binders
# run on a node parameter's value or one holding a node. The generator half is generator_s31_binder7.py.
# Run: scripts/mutants/mutate.py scripts/mutants/runtime_s31_binder7.py
# Session 31: 7 mutants, all killed by JsonTextCheckTests (the chosen cases, each also checked against JsonNode).
TEST_PROJECT = "tests/Agent.Tests/Agent.Tests.csproj"
TEST_EXE = "tests/Agent.Tests/bin/Release/net10.0/GuestAgent.Tests"
TEST_ARGS = ["-class", "*JsonTextCheckTests"]
SWITCH_NS = "GuestAgent.MutantSwitches"
SWITCH_DIR = "src/Agent"
J = "src/Agent/Commands/JsonTextCheck.cs"
MUTANTS = [
    (J, "ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal", "StringComparer.Ordinal", "expr",
     "names differing only in case never the same, though a case-insensitive node throws on them"),
    (J, "element.ValueKind == JsonValueKind.Array", "false", "expr",
     "arrays not looked into", "if (element.ValueKind == JsonValueKind.Array)"),
    (J, "element.ValueKind != JsonValueKind.Object", "true", "expr",
     "objects not looked into"),
    (J, "element.GetPropertyCount() > 1", "element.GetPropertyCount() > 2", "expr",
     "an object of two properties never compared"),
    (J, "names.Clear();", "", "stmt",
     "one object's names counted against the next's"),
    (J, "!names.Add(property.Name)", "false", "expr",
     "a repeated name never found"),
    (J, "!HasUniqueNames(property.Value, comparer, ref names)", "false", "expr",
     "an object's values not looked into"),
]
