# Session 56's generator leftovers: IOptions<T>/IOptionsMonitor<T> (IOptionsSnapshot<T> through IOptions<T>) and
# IHttpClientFactory taken by a command method are services, matched by namespace and metadata name (ServiceTypes.cs);
# GA0030 at each parameter after the first that takes the request's CancellationToken or CommandContext again
# (CommandInspector.cs); the zero of Int128, UInt128 and Half written as the default's JSON, 0 (DefaultValues.cs).
# Run: scripts/mutants/mutate.py scripts/mutants/generator_s56_gen.py
# Outcome (session 56): 15 of 16 killed at first; 4 (any generic interface of the options' namespace a service) survived
# until ServiceTypeDiagnosticTests gave that namespace a generic interface of the user's own; rerun, killed: 16 of 16.
TEST_PROJECT = "tests/Agent.Generators.Tests/Agent.Generators.Tests.csproj"
TEST_EXE = "tests/Agent.Generators.Tests/bin/Release/net10.0/GuestAgent.Generators.Tests"
TEST_ARGS = ["-class", "*ServiceTypeDiagnosticTests", "-class", "*RepeatedRequestParameterDiagnosticTests",
             "-class", "*DefaultValueExecutionTests", "-class", "*DiagnosticPageExampleTests"]
SWITCH_NS = "GuestAgent.Generators.MutantSwitches"
SWITCH_DIR = "src/Agent.Generators"
TIMEOUT = 300
S = "src/Agent.Generators/Parsing/ServiceTypes.cs"
N = "src/Agent.Generators/Parsing/CommandInspector.cs"
D = "src/Agent.Generators/Parsing/DefaultValues.cs"
MUTANTS = [
    (S, "\"System.Net.Http.IHttpClientFactory\"", "\"System.Net.Http.IHttpClientFactory!\"", "expr", "IHttpClientFactory not a service"),
    (S, "\"IOptions`1\"", "\"IOptions`1!\"", "expr", "IOptions<T> not a service"),
    (S, "\"IOptionsMonitor`1\"", "\"IOptionsMonitor`1!\"", "expr", "IOptionsMonitor<T> not a service"),
    (S, "named.MetadataName == name.MetadataName", "true", "expr", "any generic interface of the options' namespace a service"),
    (S, "named.ContainingType is null", "true", "expr", "an IOptions<T> nested in a type of that namespace a service"),
    (S, "named.ContainingNamespace?.ToDisplayString() == name.Namespace", "true", "expr", "the user's own IOptions<T> a service"),
    (S, "named.IsGenericType", "false", "expr", "the generic interfaces never looked at"),
    (N, "first is not null", "false", "expr", "no GA0030"),
    (N, "source == ParameterSource.CancellationToken ? firstToken : firstContext", "firstToken", "expr", "a second context not seen"),
    (N, "source == ParameterSource.CancellationToken ? firstToken : firstContext", "firstContext", "expr", "a second token not seen"),
    (N, "source == ParameterSource.CancellationToken ? \"CancellationToken\" : \"CommandContext\"", "\"CancellationToken\"", "expr", "GA0030 names the wrong type"),
    (N, "first.Name", "parameter.Name", "expr", "GA0030 names the repeat as the first"),
    (D, "IsNumberWithoutConstants(type)", "false", "expr", "no zero for Int128, UInt128, Half"),
    (D, "Names.IsNamed(named, \"System.Int128\")", "false", "expr", "no zero for Int128"),
    (D, "Names.IsNamed(named, \"System.UInt128\")", "false", "expr", "no zero for UInt128"),
    (D, "Names.IsNamed(named, \"System.Half\")", "false", "expr", "no zero for Half"),
]
