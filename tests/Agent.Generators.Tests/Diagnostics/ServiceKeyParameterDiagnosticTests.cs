using GuestAgent.Generators.Tests.Execution;
using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0025 at a <c>[ServiceKey]</c> on the constructor the registry calls: the parameter gets the
/// service its type names, never a key, as <c>ActivatorUtilities</c> gives it (the execution is pinned
/// in <c>KeyedServiceActivatorAgreementTests</c>); once per class, and only where the registry constructs it.
/// </summary>
public sealed class ServiceKeyParameterDiagnosticTests
{
    private static Task<System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic>> ReportsWithDependencyInjectionAsync(string source, string id, params string[] spans) =>
        ReportsAsync(
            TestCompiler.CompileAssembly("Tests.Commands", [KeyedServiceExecutionTests.DependencyInjection], Usings + "using Microsoft.Extensions.DependencyInjection;\npublic interface ICache { }\n" + source),
            id,
            spans);

    [Fact]
    public async Task A_ServiceKey_parameter_is_reported_at_its_attribute_once_per_class()
    {
        var diagnostics = await ReportsWithDependencyInjectionAsync("""
            public sealed class Regions([ServiceKey] string region, ICache cache, [ServiceKey, FromKeyedServices("k")] ICache keyed)
            {
                [Command("static")] public static string Static() => "";
                [Command("region")] public string Region() => region + cache + keyed;
                [Command("again")] public string Again() => region;
            }
            """, "GA0025", "ServiceKey", "ServiceKey");

        Assert.Equal(
            "The parameter 'region' of the constructor 'Regions(string, ICache, ICache)' of class 'Regions' is [ServiceKey], but the registry never creates a command class as a keyed service, so no key reaches it: as ActivatorUtilities does, the registry passes it the 'string' service from the provider; remove [ServiceKey], and take the value another way (a constant, or a service of your own)",
            Message(diagnostics[0]));
        // Under [FromKeyedServices("k")] the parameter gets the keyed service, and the message says which.
        Assert.Contains("The parameter 'keyed' of the constructor 'Regions(string, ICache, ICache)' of class 'Regions' is [ServiceKey], but the registry never creates a command class as a keyed service, so no key reaches it: as ActivatorUtilities does, the registry passes it the 'ICache' service of key \"k\" from the provider; ", Message(diagnostics[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ServiceKey_parameter_is_reported_past_an_accessor_command_and_not_under_its_pragma()
    {
        // The getter's GA0003 is silenced so that only GA0025 is left to assert; the class's constructor is
        // judged at its second command, the first ordinary method.
        await ReportsWithDependencyInjectionAsync("""
            #pragma warning disable GA0003
            public sealed class Accessor([ServiceKey] string region)
            {
                public int P { [Command("getter")] get => 1; }
                [Command("accessor")] public string Run() => region;
            }
            #pragma warning restore GA0003

            #pragma warning disable GA0025
            public sealed class Suppressed([ServiceKey] string region)
            #pragma warning restore GA0025
            {
                [Command("suppressed")] public string Run() => region;
            }
            """, "GA0025", "ServiceKey");
    }

    [Fact]
    public async Task None_where_the_registry_never_calls_the_constructor()
    {
        await ReportsWithDependencyInjectionAsync("""
            public sealed class Chosen
            {
                public Chosen() { }
                public Chosen([ServiceKey] string region, ICache cache) { }
                [ActivatorUtilitiesConstructor] public Chosen(ICache cache) { }
                [Command("chosen")] public string Run() => "";
            }

            public static class Statics
            {
                [Command("statics")] public static string Run([ServiceKey] string region = "") => region;
            }

            public sealed class Plain(string region)
            {
                [Command("plain")] public string Run() => region;
            }
            """, "GA0025");
    }
}
