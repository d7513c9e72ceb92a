using GuestAgent.Generators.Tests.Execution;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// A second assembly that also declares <c>Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider</c>
/// (an old polyfill, say), beside Microsoft.Extensions.DependencyInjection.Abstractions: Roslyn's
/// <c>GetTypeByMetadataName</c> answers <c>null</c> for such a name, which refused a valid key with
/// GA0010 saying the compilation had none. Only a second one the registry's file would also see
/// (public, under the global alias) makes <c>global::…IKeyedServiceProvider</c> ambiguous (CS0433).
/// </summary>
public sealed class KeyedServiceProviderLookupTests
{
    private const string Command = """
        public sealed class Keyed([FromKeyedServices("fast")] ICache fast)
        {
            [Command("x")] public string Run() => fast.ToString()!;
        }
        """;

    [Fact]
    public async Task A_second_one_under_an_extern_alias_is_not_the_one_the_registry_names() =>
        await ReportsAsync(Compile("public", "other"), "GA0010");

    [Fact]
    public async Task A_second_one_that_is_internal_is_not_the_one_the_registry_names() =>
        await ReportsAsync(Compile("internal", "global"), "GA0010");

    /// <summary>
    /// C# takes the compilation's own declaration over a referenced one (warning CS0436), so the
    /// registry's file would name it, an interface no Microsoft.Extensions.DependencyInjection provider
    /// implements: every keyed class failed on a provider holding its key, while the check at start,
    /// which asks the real interface, found nothing missing. Refused since session 35, internal or public.
    /// </summary>
    [Theory]
    [InlineData("public")]
    [InlineData("internal")]
    public async Task A_declaration_of_its_own_is_refused_for_no_provider_implements_it(string access)
    {
        var diagnostics = await ReportsAsync(
            Compile("internal", "global").AddSyntaxTrees(CSharpSyntaxTree.ParseText(
                $"namespace Microsoft.Extensions.DependencyInjection {{ {access} interface IKeyedServiceProvider : System.IServiceProvider {{ object? GetKeyedService(System.Type serviceType, object? serviceKey); }} }}",
                TestCompiler.ParseOptions,
                cancellationToken: TestContext.Current.CancellationToken)),
            "GA0010",
            "FromKeyedServices(\"fast\")");

        Assert.EndsWith(
            "is [FromKeyedServices], which the registry honours by asking the provider as an IKeyedServiceProvider, and this compilation declares Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider itself, "
            + "which the registry's file would name in place of the one providers implement (a polyfill, say: C# prefers its own, CS0436); remove the declaration and reference Microsoft.Extensions.DependencyInjection.Abstractions 8.0 or later",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_public_one_under_the_global_alias_is_refused_as_ambiguous()
    {
        var diagnostics = await ReportsAsync(Compile("public", "global"), "GA0010", "FromKeyedServices(\"fast\")");

        Assert.Equal(
            "Class 'Keyed' of instance command method 'Keyed.Run()' cannot be constructed by the registry: the parameter 'fast' of its constructor 'Keyed(ICache)' is [FromKeyedServices], "
            + "which the registry honours by asking the provider as an IKeyedServiceProvider, and this compilation has more than one Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider "
            + "under the global alias (in 'Microsoft.Extensions.DependencyInjection.Abstractions', 'Polyfill'), which the registry's file cannot tell apart; reference the other assembly under an extern alias",
            Message(diagnostics[0]));
    }

    /// <summary>The command, with Microsoft.Extensions.DependencyInjection.Abstractions and a 'Polyfill' assembly declaring the interface as <paramref name="access"/>.</summary>
    private static Compilation Compile(string access, string alias)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var polyfill = CSharpCompilation.Create(
            "Polyfill",
            [CSharpSyntaxTree.ParseText($"namespace Microsoft.Extensions.DependencyInjection {{ {access} interface IKeyedServiceProvider : System.IServiceProvider {{ }} }}", TestCompiler.ParseOptions, cancellationToken: cancellation)],
            TestCompiler.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(polyfill.Emit(image, cancellationToken: cancellation).Success);
        var reference = MetadataReference.CreateFromImage(image.ToArray()).WithAliases([alias]);
        var externAlias = alias == "global" ? string.Empty : $"extern alias {alias};\n";
        return TestCompiler.CompileAssembly(
                "Tests.Commands",
                [KeyedServiceExecutionTests.DependencyInjection],
                externAlias + Usings + "using Microsoft.Extensions.DependencyInjection;\npublic interface ICache { }\n" + Command)
            .AddReferences(reference);
    }
}
