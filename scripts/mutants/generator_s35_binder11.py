# Mutants of session 35's binder11 change in the generator: a command's own property given twice refused when the
# JSON context's options refuse repeated names (AssemblySettingsReader.RefusesRepeatedNames: AllowDuplicateProperties
# = false, or JsonSerializerDefaults.Strict without it set back; ObjectBinderEmitter's seen_ flags, written only
# then), GA0024 for an auto-property whose backing field alone is [JsonExtensionData] (ExtensionDataFaults.NeverFilledIn),
# and extension data under WhenReading, never filled even populated in place, not looked into by the binder
# (HeldJsonTypes.NeverFilledExtensionData). The runtime half (BindingErrors.RepeatedProperty) is runtime_s35_binder11.py.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s35_binder11.py
# Mutants 1, 5, 7 and 8 are the code before session 35.
# Session 35, first run: all 10 killed (the no-mutant run: 117 tests pass): 1-5 by RepeatedPropertyExecutionTests,
# 6 and 7 by the GA0024 diagnostic and execution tests, 8 by ExtensionDataNeverFilledExecutionTests' dropped string,
# 9 by ObjectNodeExecutionTests and HeldJsonExecutionTests, 10 by the populated List<JsonElement> test.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*.RepeatedPropertyExecutionTests", "-class", "*.ExtensionDataNeverFilledExecutionTests",
             "-class", "*.ExtensionDataDiagnosticTests", "-class", "*.HeldJsonExecutionTests", "-class", "*.ObjectNodeExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 600
R = "src/Agent.Generators/Parsing/AssemblySettingsReader.cs"
O = "src/Agent.Generators/Emitting/ObjectBinderEmitter.cs"
X = "src/Agent.Generators/Parsing/ExtensionDataFaults.cs"
H = "src/Agent.Generators/Parsing/HeldJsonTypes.cs"
MUTANTS = [
    (R, r'''RefusesRepeatedNames(type)''', r'''false''', "expr",
     "repeated names: the context's option never read (before session 35: the last value taken)"),
    (R, r'''attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is StrictDefaults''', r'''false''', "expr",
     "repeated names: the Strict preset not counted"),
    (R, r'''!allow''', r'''false''', "expr",
     "repeated names: AllowDuplicateProperties = false not counted"),
    (R, r'''!allow''', r'''true''', "expr",
     "repeated names: AllowDuplicateProperties = true not setting the Strict preset's back"),
    (O, r'''writer.WriteLine($"seen_{parameter.Name} = true;");''', r'''''', "stmt",
     "repeated names: a property never marked seen (never refused)"),
    (X, r'''!IsExtensionData(property)''', r'''true''', "expr",
     "GA0024: a backing field marked as well as its property reported (the property is filled)"),
    (X, r'''!IsExtensionData(property)''', r'''false''', "expr",
     "GA0024: an auto-property whose backing field alone is marked not reported (before session 35)"),
    (H, r'''JsonIgnoreConditions.Own(member, known) == IgnoreCondition.WhenReading && ExtensionDataFaults.IsExtensionData(member)''', r'''false''', "expr",
     "binder: extension data under WhenReading and Populate looked into (before session 35: a dropped unreadable string refused)"),
    (H, r'''JsonIgnoreConditions.Own(member, known) == IgnoreCondition.WhenReading && ExtensionDataFaults.IsExtensionData(member)''', r'''ExtensionDataFaults.IsExtensionData(member)''', "expr",
     "binder: every extension data member left unchecked (its unreadable strings reach the command)"),
    (H, r'''JsonIgnoreConditions.Own(member, known) == IgnoreCondition.WhenReading && ExtensionDataFaults.IsExtensionData(member)''', r'''JsonIgnoreConditions.Own(member, known) == IgnoreCondition.WhenReading''', "expr",
     "binder: any member ignored when reading but populated left unchecked"),
]
