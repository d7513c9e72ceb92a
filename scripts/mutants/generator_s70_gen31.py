# Session 70's review of the generator's diagnostics: a command in another generator's output not counted among
# the assembly's names (no GA0001 at the project's own served command of that name) and given GA0031 alone
# (CommandNameIndex.UnseenBy, FindSeenUses, CommandAnalyzer), only the compilation's last files judged as another
# generator's (GeneratorOutputTrees' trailing set: a project's own copy of a generated file is served), the
# schema diagnostics' %XX notation of the author's text (MessageText, SchemaValueRules.Shown, StatedSchema's
# '$schema'), and GA0032, a parameter of an enum without members. Killed by OtherGeneratorCommandDiagnosticTests,
# SchemaDialectWarningTests, RequestSchemaDiagnosticTests (GA0015's '$schema') and EnumWithoutMembersDiagnosticTests.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s70_gen31.py
# Outcome (session 70): 13 of 13 killed (run from a clone of the branch): 1-6 by OtherGeneratorCommandDiagnosticTests, 7-10 by
# SchemaDialectWarningTests' %XX case, 11 by RequestSchemaDiagnosticTests' '$schema', 12-13 by EnumWithoutMembersDiagnosticTests.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*OtherGeneratorCommandDiagnosticTests", "-class", "*SchemaDialectWarningTests",
             "-class", "*RequestSchemaDiagnosticTests", "-class", "*EnumWithoutMembersDiagnosticTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
INDEX = "src/Agent.Generators/Diagnostics/CommandNameIndex.cs"
ANALYZER = "src/Agent.Generators/Diagnostics/CommandAnalyzer.cs"
TREES = "src/Agent.Generators/Diagnostics/GeneratorOutputTrees.cs"
TEXT = "src/Agent.Generators/Parsing/MessageText.cs"
RULES = "src/Agent.Generators/Parsing/SchemaValueRules.cs"
STATED = "src/Agent.Generators/Parsing/StatedSchema.cs"
INSPECTOR = "src/Agent.Generators/Parsing/CommandInspector.cs"
MUTANTS = [
    (INDEX, "UnseenBy(u.Attribute, pair.Key, otherwiseValid: false) is null", "true", "expr",
     "another generator's command counted among the assembly's names: GA0001 at the served hand-written one"),
    (INDEX, "served && uses.Any(u => u.Attribute.ApplicationSyntaxReference is { } other && _generatorOutput.OtherGenerator(other.SyntaxTree) is null) ? generator : null",
     "null", "expr",
     "a served name used again in another generator's output taken as seen: GA0001 on both, no GA0031"),
    (INDEX, "otherwiseValid && uses.Count <= 1", "otherwiseValid", "expr",
     "without the generator's own output, two hand-written commands of one name taken for another generator's"),
    (ANALYZER, "continue;", ";", "stmt",
     "another generator's command given its other diagnostics beside GA0031 (GA0003 for a private one)",
     "ReportUnseen(context, method, attribute, name!, generator, known);\n                continue;"),
    (TREES, "_trailing.Contains(tree) ? WriterDirectories(tree) : null", "WriterDirectories(tree)", "expr",
     "any file on a generated file's path judged, not only the compilation's last: a project's own copy warned"),
    (TREES, "WriterDirectories(trees[i]) is not null || IsOwn(trees[i])", "WriterDirectories(trees[i]) is not null", "expr",
     "the command generator's own files end the trailing set: another generator's files before them not judged"),
    (TEXT, "c is '\\'' or '\"' or '\\\\' or '%'", "c is '%'", "expr",
     "quotes and a backslash kept raw: a quoted name reads as another"),
    (TEXT, "c >= 0x80 && IsKept(character)", "c >= 0x80", "expr",
     "every non-ASCII character kept: a right-to-left override reorders the message"),
    (TEXT, "c is >= ' ' and <= '~'", "c <= '~'", "expr",
     "ASCII control characters kept: a NUL in the message"),
    (RULES, "return MessageText.Escaped(text);", "return text;", "stmt",
     "a short name quoted raw, as before session 70"),
    (STATED, "\"\\\"\" + SchemaValueRules.Shown(value.Text!) + \"\\\"\"", "SchemaValueRules.Shown(json)", "expr",
     "'$schema''s JSON text escaped whole: its quotes as %22"),
    (INSPECTOR, "type is { Kind: ValueKind.Enum, EnumMembers.Count: 0, FlagsMask: null }", "type is { Kind: ValueKind.Enum, EnumMembers.Count: 0 }", "expr",
     "GA0032 for a [Flags] enum without members, which binds 0"),
    (INSPECTOR, "DefaultValues.Has(parameter) || type.AllowsNull", "DefaultValues.Has(parameter)", "expr",
     "a nullable parameter said to keep the command from ever running, though null binds"),
]
