# Session 55's SDK author hunt: a service taken by a command method (IServiceProvider, ILogger, ILogger<T>,
# ILoggerFactory, TimeProvider, or a type implementing or deriving from one) is GA0007/GA0008 with the
# constructor's advice, not GA0009; GA0009 spells a nested type after its containers; GA0010 names the
# constructor parameter no IServiceProvider can supply, and why. Then: AgentSystem and the SDK's other services
# (ServiceTypes.cs) likewise; a CancellationToken or CommandContext constructor parameter is GA0010; GA0008 shows 'ref readonly int'.
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s55_sdkhunt.py
# Outcome (session 55): 9 of 9 killed (ServiceTypeDiagnosticTests, DiagnosticMessageTests, ConstructorParameterDiagnosticTests).
# Then (mutants 18-29): GA0009/GA0020 for an interface or abstract class parameter of the user's own add the constructor's
# advice (ServiceTypes.AdviceFor). Outcome: 12 of 12 killed (ServiceAdviceDiagnosticTests, AbstractTypeDiagnosticTests, DiagnosticMessageTests).
# Then the peer's ExchangeSession refused in a method (GA0007) and a constructor (GA0010): 30-32, 3 of 3 killed
# (SessionParameterDiagnosticTests).
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*ServiceTypeDiagnosticTests", "-class", "*DiagnosticMessageTests", "-class", "*ConstructorParameterDiagnosticTests",
             "-class", "*.DiagnosticTests", "-class", "*ServiceAdviceDiagnosticTests", "-class", "*AbstractTypeDiagnosticTests",
             "-class", "*SessionParameterDiagnosticTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
U = "src/Agent.Generators/Parsing/UnsupportedTypes.cs"
R = "src/Agent.Generators/Parsing/ReadableTypeName.cs"
C = "src/Agent.Generators/Parsing/ConstructorInspector.cs"
S = "src/Agent.Generators/Parsing/ServiceTypes.cs"
I = "src/Agent.Generators/Parsing/CommandInspector.Return.cs"
J = "src/Agent.Generators/Parsing/CommandInspector.JsonContract.cs"
N = "src/Agent.Generators/Parsing/CommandInspector.cs"
MUTANTS = [
    (U, "ServiceTypes.Is(type, known)", "false", "expr", "a service taken by a method gets GA0009's advice to list it on the context"),
    (S, "known.Is(type, known.ServiceProvider) || IsInterface(type)", "IsInterface(type)", "expr", "IServiceProvider itself not a service"),
    (S, "known.Is(implemented, known.ServiceProvider) || IsInterface(implemented)", "false", "expr",
     "a class implementing a provider or logger factory (ServiceMap) not a service"),
    (S, "\"System.TimeProvider\"", "\"System.TimeProvider!\"", "expr", "TimeProvider not a service"),
    (S, "\"Microsoft.Extensions.Logging.ILoggerFactory\"", "\"Microsoft.Extensions.Logging.ILoggerFactory!\"", "expr", "ILoggerFactory not a service"),
    (S, "\"GuestAgent.Platform.AgentSystem\"", "\"GuestAgent.Platform.AgentSystem!\"", "expr", "AgentSystem not a service (GA0009, then GA0020 about its FileSystem)"),
    (S, "\"GuestAgent.Platform.IProcessRunner\"", "\"GuestAgent.Platform.IProcessRunner!\"", "expr", "IProcessRunner not a service"),
    (S, "\"System.Net.Http.HttpClient\"", "\"System.Net.Http.HttpClient!\"", "expr", "HttpClient not a service"),
    (R, "named.Arity > 0", "named.IsGenericType", "expr", "a type nested in a generic one spelled with its container's type parameters (Deep<>)"),
    (R, "Of(container, known) + \".\" + type.Name", "type.Name", "expr", "a nested type spelled without its container"),
    (C, "parameter.RefKind != RefKind.None", "false", "expr", "a by-reference constructor parameter not refused"),
    (C, "$\"the parameter '{unsuppliable.Name}' of its constructor {ConstructorChoice.Display(constructor)} {Unsuppliable(unsuppliable)}\"",
     "\"its constructor has a parameter that cannot come from an IServiceProvider\"", "expr", "GA0010 does not name the parameter"),
    (C, "known.Is(inner, known.CancellationToken)", "false", "expr",
     "a CancellationToken taken by the constructor not refused"),
    (C, "known.Is(inner, known.CommandContext)", "false", "expr",
     "a CommandContext taken by the constructor not refused"),
    (C, "TypeClassifier.UnwrapNullable(type)", "type", "expr", "a CancellationToken? taken by the constructor not refused",
     "var inner = TypeClassifier.UnwrapNullable(type);"),
    (I, "s.method.ReturnsByRefReadonly ? \"ref readonly \" : \"ref \"", "\"\"", "expr", "GA0008 shows a ref return as its type alone"),
    (I, "s.method.ReturnsByRefReadonly ? \"ref readonly \" : \"ref \"", "\"ref \"", "expr", "GA0008 shows a ref readonly return as 'ref'"),
    # A library's own service (an interface or abstract class parameter): GA0009/GA0020 add the constructor's advice.
    (J, "why + ServiceTypes.AdviceFor(parameter.Type, known)", "why", "expr", "GA0020 without the advice"),
    (N, "ServiceTypes.AdviceFor(s.parameter.Type, s.known)", "\"\"", "expr", "GA0009 without the advice"),
    (N, "WithoutNamedContext(listed, known) + advice", "WithoutNamedContext(listed, known)", "expr", "GA0009 with no context named, without the advice"),
    (N, "$\"[assembly: CommandJsonContext] names '{context.ToDisplayString(Names.InMessage)}', which is not a JsonSerializerContext (GA0012); name the context that lists your types\" + advice",
     "$\"[assembly: CommandJsonContext] names '{context.ToDisplayString(Names.InMessage)}', which is not a JsonSerializerContext (GA0012); name the context that lists your types\"", "expr", "GA0009 naming an invalid context, without the advice"),
    (N, "$\"add [JsonSerializable(typeof({spelling}))] to '{context.ToDisplayString(Names.InMessage)}'\" + advice",
     "$\"add [JsonSerializable(typeof({spelling}))] to '{context.ToDisplayString(Names.InMessage)}'\"", "expr", "GA0009 naming the context, without the advice"),
    (I, "\"\"", "ServiceTypes.AdviceFor(s.type, s.known)", "expr", "an interface result gets the advice", "advice: \"\""),
    (S, "named.TypeKind == TypeKind.Interface", "false", "expr", "an interface parameter without the advice"),
    (S, "named.TypeKind == TypeKind.Class && named.IsAbstract", "named.TypeKind == TypeKind.Class", "expr", "a concrete record parameter gets the advice"),
    (S, "ContractFaults.UserDeclared(named)", "true", "expr", "a framework collection interface (IReadOnlyList<Move>) gets the advice"),
    (S, "Names.IsNamed(a.AttributeClass, ContractFaults.JsonPolymorphicAttribute)", "false", "expr", "a [JsonPolymorphic] type gets the advice"),
    (S, "Names.IsNamed(a.AttributeClass, ContractFaults.JsonDerivedTypeAttribute)", "false", "expr", "a type naming its derived types gets the advice"),
    (S, "!UnreadableReasons.HasConverter(named, known)", "true", "expr", "a type with a converter of its own gets the advice"),
    (U, "ServiceTypes.IsSession(type)", "false", "expr", "an ExchangeSession taken by a method is not refused (listed, a request must send one)"),
    (C, "ServiceTypes.IsSession(inner)", "false", "expr", "an ExchangeSession taken by the constructor is not refused"),
    (C, "\"take a CommandContext parameter in the command method instead and use its Session\"", "\"take a ExchangeSession parameter in the command method instead\"", "expr",
     "GA0010 advises taking the session in the method, which GA0007 refuses"),
]
