# Session 56's second round of generator leftovers: the messages naming a parameter's or result's type
# (GA0007, GA0008, GA0009, GA0020, GA0021, GA0024) spell a nested type after its containers, as GA0009's fix
# does (Names.InMessage); IOptionsFactory<T>, IOptionsMonitorCache<T>, IConfigureOptions<T>, IPostConfigureOptions<T>,
# IValidateOptions<T> and IHttpMessageHandlerFactory are services (ServiceTypes.cs); no 0 default stated for an
# Int128, UInt128 or Half a JsonConverter<T> among the context's options reads (DefaultValues.cs).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s56_gen2.py
# Outcome (session 56): 18 of 18 killed at the first run.
# Session 58: mutant 3 retargeted at ReadableTypeName.InMessage's display parts (GA0009's leading name moved there); rerun, killed.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*NestedTypeMessageTests", "-class", "*ServiceTypeDiagnosticTests",
             "-class", "*ConvertedDefaultExecutionTests", "-class", "*DefaultValueExecutionTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
M = "src/Agent.Generators/Parsing/Names.cs"
I = "src/Agent.Generators/Parsing/CommandInspector.cs"
R = "src/Agent.Generators/Parsing/CommandInspector.Return.cs"
C = "src/Agent.Generators/Parsing/CommandInspector.JsonContract.cs"
S = "src/Agent.Generators/Parsing/ServiceTypes.cs"
D = "src/Agent.Generators/Parsing/DefaultValues.cs"
RET = "s.method.ReturnType.ToDisplayString(Names.InMessage)"
RET_SHORT = "s.method.ReturnType.ToDisplayString(Names.Short)"
MUTANTS = [
    (M, "SymbolDisplayTypeQualificationStyle.NameAndContainingTypes", "SymbolDisplayTypeQualificationStyle.NameOnly", "expr",
     "every message names a nested type by its bare name"),
    (I, "s.parameter.Type.ToDisplayString(Names.InMessage)", "s.parameter.Type.ToDisplayString(Names.Short)", "expr",
     "GA0007 names a nested type bare"),
    # Retargeted in session 58: GA0009's leading name is ReadableTypeName.InMessage's, from these display parts.
    ("src/Agent.Generators/Parsing/ReadableTypeName.cs", "type.ToDisplayParts(Names.InMessage)", "type.ToDisplayParts(Names.Short)", "expr",
     "GA0009 names a nested type bare"),
    (R, RET, RET_SHORT, "expr", "GA0008 names a nested ref return bare", "\"ref \") + " + RET),
    (R, RET, RET_SHORT, "expr", "GA0008 names a nested nullable task's type bare", "(method, display, maybeNull), static s => Diagnostic.Create(Descriptors.UnsupportedReturnType, ReturnTypeLocation(s.method), s.display, " + RET),
    (R, RET, RET_SHORT, "expr", "GA0008 names a nested nullable ValueTask's type bare", "(method, display, valueTask), static s => Diagnostic.Create(Descriptors.UnsupportedReturnType, ReturnTypeLocation(s.method), s.display, " + RET),
    (R, "s.valueTask.ToDisplayString(Names.InMessage)", "s.valueTask.ToDisplayString(Names.Short)", "expr",
     "GA0008's ValueTask advice names a nested type bare"),
    (R, RET, RET_SHORT, "expr", "GA0008 names a nested unsupported result bare", RET + ", UnsupportedTypes.Why"),
    (C, "parameter.Type.ToDisplayString(Names.InMessage)", "parameter.Type.ToDisplayString(Names.Short)", "expr",
     "GA0020 names a nested type bare", "Descriptors.UnreadableParameterType, ParameterLocation(parameter, typeOnly: true), parameter.Name, display, parameter.Type.ToDisplayString(Names.InMessage)"),
    (C, "type.ToDisplayString(Names.InMessage)", "type.ToDisplayString(Names.Short)", "expr",
     "GA0021 names a nested type bare", "display, type.ToDisplayString(Names.InMessage), why)"),
    (C, "parameter.Type.ToDisplayString(Names.InMessage)", "parameter.Type.ToDisplayString(Names.Short)", "expr",
     "GA0024 names a nested type bare", "parameter.Type.ToDisplayString(Names.InMessage), property)"),
    (S, "\"System.Net.Http.IHttpMessageHandlerFactory\"", "\"System.Net.Http.IHttpMessageHandlerFactory!\"", "expr", "IHttpMessageHandlerFactory not a service"),
    (S, "\"IOptionsFactory`1\"", "\"IOptionsFactory`1!\"", "expr", "IOptionsFactory<T> not a service"),
    (S, "\"IOptionsMonitorCache`1\"", "\"IOptionsMonitorCache`1!\"", "expr", "IOptionsMonitorCache<T> not a service"),
    (S, "\"IConfigureOptions`1\"", "\"IConfigureOptions`1!\"", "expr", "IConfigureOptions<T> (and IConfigureNamedOptions<T>) not a service"),
    (S, "\"IPostConfigureOptions`1\"", "\"IPostConfigureOptions`1!\"", "expr", "IPostConfigureOptions<T> not a service"),
    (S, "\"IValidateOptions`1\"", "\"IValidateOptions`1!\"", "expr", "IValidateOptions<T> not a service"),
    (D, "!known.OptionConverters.MayRead(type)", "true", "expr", "0 stated though a converter of the options reads the number (retargeted in session 57: a factory counts too)"),
]
