# Session 58's generator leftovers: GA0020's advice for an open generic [JsonDerivedType] naming the constructed
# type as messages spell types, its containers given type arguments too (PolymorphismFaults.Constructed), and
# GA0009's leading 'Type '…'' qualifying each outermost type only as far as another type of the compilation
# or the context shares its name (ReadableTypeName.InMessage).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s58_leftovers.py
# Outcome (session 58): 7 of 7 killed; 6 survived the first run (equivalent: a keyword-kind check guarded the same parts),
# killed after the redundant check went and ListedTypeSpellingTests named a Dictionary<string, int> (5-7 rerun, all killed).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*QualifiedTypeMessageTests", "-class", "*NestedTypeMessageTests",
             "-class", "*ListedTypeSpellingTests", "-class", "*DiagnosticMessageTests",
             "-class", "*PolymorphismFaultExecutionTests", "-class", "*ServiceAdviceDiagnosticTests",
             "-class", "*Diagnostics.DiagnosticTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
P = "src/Agent.Generators/Parsing/"
POLY = P + "PolymorphismFaults.cs"
READABLE = P + "ReadableTypeName.cs"
INSPECTOR = P + "CommandInspector.cs"
MUTANTS = [
    (POLY, "Constructed(derivedType, known).ToDisplayString(Names.InMessage)", "Constructed(derivedType, known).ToDisplayString(Names.Short)", "expr",
     "the open generic advice names the constructed type bare, without its containers"),
    (POLY, "definition.ContainingType is { } outer ? Constructed(outer, known) : null", "null", "expr",
     "a generic container of the open generic type keeps its type parameters"),
    (POLY, "container?.GetTypeMembers(definition.Name, definition.Arity).FirstOrDefault() ?? definition", "definition", "expr",
     "the nested type is not looked up in the constructed container"),
    (POLY, "level.Arity == 0", "true", "expr",
     "the open generic type itself is never given type arguments"),
    (READABLE, "qualify ? Qualified((INamedTypeSymbol)part.Symbol!, known) : part.ToString()", "part.ToString()", "expr",
     "GA0009's leading name never qualified: two Moves both read 'Move'"),
    (READABLE, "part.ToString() == named.Name", "true", "expr",
     "a keyword's type (int, char) spelled by its metadata name"),
    (INSPECTOR, "ReadableTypeName.InMessage(type, known)", "type.ToDisplayString(Names.InMessage)", "expr",
     "GA0009's leading name as before session 58, bare for two namesakes"),
]
