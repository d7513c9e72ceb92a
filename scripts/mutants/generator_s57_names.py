# Session 57's generator names: every type a message names spelled as Names.InMessage spells it (a nested type
# after its containers): a command method's and a constructor's signature, GA0010's and GA0025's class and
# service, GA0026's and GA0029's owner, GA0020/GA0021/GA0024's member paths, GA0028's types, and the binder's
# "must be a JSON value of type '...'" (TypeModel.DisplayName); GA0009's typeof spelling as it binds at the
# context's declaration (ListedTypeSpelling.cs); no 0 default stated for an Int128 a converter factory among
# the context's options may read (DefaultValues.cs).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s57_names.py
# Outcome (session 57): 21 of 21 killed at the first run.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*QualifiedTypeMessageTests", "-class", "*NestedTypeMessageTests",
             "-class", "*NestedTypeBindingErrorExecutionTests", "-class", "*ConvertedDefaultExecutionTests",
             "-class", "*ListedTypeSpellingTests", "-class", "*AddToJsonContextCodeFixTests",
             "-class", "*NotCallableDiagnosticTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
P = "src/Agent.Generators/Parsing/"
NAMES = P + "Names.cs"
CHOICE = P + "ConstructorChoice.cs"
CTOR = P + "ConstructorInspector.cs"
KEYS = P + "ServiceKeyParameters.cs"
CONTRACT = P + "CommandInspector.JsonContract.cs"
DERIVED = "src/Agent.Generators/Diagnostics/ConvertedDerivedTypes.cs"
UNREADABLE = P + "UnreadableTypes.cs"
REASONS = P + "UnreadableReasons.cs"
EXTENSION = P + "ExtensionDataFaults.cs"
CLASSIFIER = P + "TypeClassifier.cs"
DEFAULTS = P + "DefaultValues.cs"
SPELLING = P + "ListedTypeSpelling.cs"
INSPECTOR = P + "CommandInspector.cs"
MUTANTS = [
    (NAMES, "memo.Display(p.Type, InMessage)", "memo.Display(p.Type, Short)", "expr",
     "a command method's signature names a nested parameter type bare"),
    (CHOICE, "p.Type.ToDisplayString(Names.InMessage)", "p.Type.ToDisplayString(Names.Short)", "expr",
     "a constructor's signature (GA0010, GA0025) names a nested parameter type bare"),
    (CTOR, "s.type.ToDisplayString(Names.InMessage)", "s.type.ToDisplayString(Names.Short)", "expr",
     "GA0010 names a nested command class bare"),
    (KEYS, "type.ToDisplayString(Names.InMessage)", "type.ToDisplayString(Names.Short)", "expr",
     "GA0025 names a nested command class bare"),
    (KEYS, "parameter.Type.ToDisplayString(Names.InMessage)", "parameter.Type.ToDisplayString(Names.Short)", "expr",
     "GA0025 names a nested service bare"),
    (CONTRACT, "setOnly.ContainingType.ToDisplayString(Names.InMessage)", "setOnly.ContainingType.ToDisplayString(Names.Short)", "expr",
     "GA0026 names a nested owner bare"),
    (CONTRACT, "setOnly.Type.ToDisplayString(Names.InMessage)", "setOnly.Type.ToDisplayString(Names.Short)", "expr",
     "GA0026 names the collection's nested item type bare"),
    (CONTRACT, "fault.Owner.ToDisplayString(Names.InMessage)", "fault.Owner.ToDisplayString(Names.Short)", "expr",
     "GA0029 names a nested owner bare"),
    (DERIVED, "type.ToDisplayString(Names.InMessage)", "type.ToDisplayString(Names.Short)", "expr",
     "GA0028 names a nested polymorphic type bare"),
    (DERIVED, "derived.ToDisplayString(Names.InMessage)", "derived.ToDisplayString(Names.Short)", "expr",
     "GA0028 names a nested derived type bare"),
    (DERIVED, "own.ToDisplayString(Names.InMessage)", "own.ToDisplayString(Names.Short)", "expr",
     "GA0028 names a nested [JsonConverter] bare"),
    (UNREADABLE, "named.ToDisplayString(Names.InMessage)", "named.ToDisplayString(Names.Short)", "expr",
     "GA0020/GA0021's member path starts at a nested type's bare name"),
    (REASONS, "type.ToDisplayString(Names.InMessage)", "type.ToDisplayString(Names.Short)", "expr",
     "GA0020/GA0021 name the nested type a doubly bound constructor creates bare",
     "var name = type.ToDisplayString(Names.InMessage);\n        if (ConstructorBinding.DoublyBound"),
    (EXTENSION, "type.ToDisplayString(Names.InMessage)", "type.ToDisplayString(Names.Short)", "expr",
     "GA0024 names a nested extension data member's owner bare",
     "'{type.ToDisplayString(Names.InMessage)}.{member.Name}' {why}"),
    (CLASSIFIER, "known.Memo.Display(type, Names.InMessage)", "known.Memo.Display(type, Names.Short)", "expr",
     "the binder's 'must be a JSON value of type' names a nested type bare"),
    (DEFAULTS, "!known.OptionConverters.MayRead(type)", "known.OptionConverters.Reading(type) is null", "expr",
     "0 stated beside a converter factory of the options (only a JsonConverter<T> judged)"),
    (SPELLING, "Binds(model, position, readable, listed)", "true", "expr",
     "GA0009 keeps the readable spelling where it does not bind at the context (Left.Move)"),
    (SPELLING, "Binds(model, position, minimal, listed) ? minimal : listed.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)", "minimal", "expr",
     "GA0009 keeps the minimal spelling where a name of the context's own captures it (no global::)"),
    (SPELLING, "parts.FirstOrDefault(part => part.AttributeLists.SelectMany(list => list.Attributes).Any(a => a.Name.ToString().Contains(\"JsonSerializable\")))\n            ?? parts.FirstOrDefault()",
     "parts.FirstOrDefault()", "expr",
     "GA0009 binds at the context's first part, not the one the fix lists on"),
    (INSPECTOR, "ListedTypeSpelling.At(listed, context, known)", "ReadableTypeName.Of(listed, known)", "expr",
     "GA0009 at a named context spells the type without binding it there"),
    (INSPECTOR, "ListedTypeSpelling.At(listed, only, known)", "ReadableTypeName.Of(listed, known)", "expr",
     "GA0009 at the one unnamed context spells the type without binding it there"),
]
