using GuestAgent.Generators.Tests.Execution;
using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0010 at a <c>[FromKeyedServices(key)]</c> whose key the registry cannot write as C# that makes
/// an equal key, and none for the keys it can (their execution is in <c>KeyedServiceExecutionTests</c>).
/// </summary>
public sealed class KeyedServiceDiagnosticTests
{
    private static Task<System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic>> ReportsWithDependencyInjectionAsync(string source, string id, params string[] spans) =>
        ReportsAsync(
            TestCompiler.CompileAssembly("Tests.Commands", [KeyedServiceExecutionTests.DependencyInjection], Usings + "using Microsoft.Extensions.DependencyInjection;\npublic interface ICache { }\n" + source),
            id,
            spans);

    [Fact]
    public async Task An_array_key_is_refused_at_the_attribute()
    {
        var diagnostics = await ReportsWithDependencyInjectionAsync("""
            public sealed class Arrays([FromKeyedServices(new[] { 1, 2 })] ICache cache)
            {
                [Command("x")] public string Run() => cache.ToString()!;
            }
            """, "GA0010", "FromKeyedServices(new[] { 1, 2 })");

        Assert.Equal(
            "Class 'Arrays' of instance command method 'Arrays.Run()' cannot be constructed by the registry: the parameter 'cache' of its constructor 'Arrays(ICache)' is [FromKeyedServices] with a key the registry cannot pass on: "
            + "an array, which is a new instance each time the attribute is read and so equals no registered key (keys are compared with Equals); use a string, number, enum value or typeof",
            Message(diagnostics[0]));
    }

    /// <summary>
    /// A lone surrogate: the attribute's UTF-8 blob cannot hold it, so ActivatorUtilities reads another
    /// string (U+FFFD in its place) than the one the registry would write from the source.
    /// </summary>
    [Fact]
    public async Task A_string_key_with_a_lone_surrogate_is_refused_at_the_attribute()
    {
        var diagnostics = await ReportsWithDependencyInjectionAsync("""
            public sealed class Halves([FromKeyedServices("\ud800x")] ICache cache, [FromKeyedServices("\U0001F600")] ICache whole)
            {
                [Command("x")] public string Run() => cache.ToString()! + whole;
            }
            """, "GA0010", "FromKeyedServices(\"\\ud800x\")");

        Assert.EndsWith(
            "is [FromKeyedServices] with a key the registry cannot pass on: the string \"\\ud800x\", which holds a lone surrogate: the attribute stores strings as UTF-8, so ActivatorUtilities reads U+FFFD in its place, a different key; use a string of whole characters",
            Message(diagnostics[0]),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_of_a_type_the_registry_cannot_name_is_refused_at_the_attribute()
    {
        var diagnostics = await ReportsWithDependencyInjectionAsync("""
            public sealed class Hidden([FromKeyedServices(Hidden.Tier.Gold)] ICache gold, [FromKeyedServices(typeof(Hidden.Marker))] ICache marked)
            {
                private enum Tier { Gold }
                private sealed class Marker { }
                [Command("x")] public string Run() => gold.ToString()! + marked;
            }
            """, "GA0010", "FromKeyedServices(Hidden.Tier.Gold)");

        Assert.EndsWith("is [FromKeyedServices] with a key the registry cannot pass on: of type 'Hidden.Tier', which is not accessible to the registry; make it internal or public", Message(diagnostics[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_constant_form_the_attribute_takes_is_accepted()
    {
        await ReportsWithDependencyInjectionAsync("""
            public enum Tier : long { Gold = long.MinValue }
            internal sealed class Marker { }
            public sealed class Keys(
                [FromKeyedServices("text\0")] ICache a, [FromKeyedServices('\n')] ICache b, [FromKeyedServices(false)] ICache c,
                [FromKeyedServices(int.MinValue)] ICache d, [FromKeyedServices(long.MinValue)] ICache e, [FromKeyedServices(uint.MaxValue)] ICache f,
                [FromKeyedServices(ulong.MaxValue)] ICache g, [FromKeyedServices((sbyte)-1)] ICache h, [FromKeyedServices((ushort)1)] ICache i,
                [FromKeyedServices(float.NegativeInfinity)] ICache j, [FromKeyedServices(double.Epsilon)] ICache k, [FromKeyedServices(Tier.Gold)] ICache l,
                [FromKeyedServices((Tier)3)] ICache m, [FromKeyedServices(typeof(Marker[]))] ICache n, [FromKeyedServices(typeof(Dictionary<string, Marker>))] ICache o,
                [FromKeyedServices((string?)null)] ICache p, [FromKeyedServices] ICache q, [FromKeyedServices(typeof(List<>))] ICache r,
                [FromKeyedServices(typeof(Dictionary<,>))] ICache s)
            {
                [Command("x")] public string Run() => string.Concat(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s);
            }
            """, "GA0010");
    }

    /// <summary>
    /// A key of an <c>[Experimental]</c> type: the registry's file names the type, so it suppresses
    /// the id as it does for the constructor's parameter types (an error otherwise).
    /// </summary>
    [Fact]
    public async Task A_key_of_an_experimental_type_is_suppressed_in_the_registry()
    {
        var diagnostics = await ReportsWithDependencyInjectionAsync("""
            [System.Diagnostics.CodeAnalysis.Experimental("TIER001")] public enum Tier { Gold }
            [System.Diagnostics.CodeAnalysis.Experimental("MARK001")] public sealed class Marker { }
            #pragma warning disable TIER001, MARK001
            public sealed class Tiered([FromKeyedServices(Tier.Gold)] ICache gold, [FromKeyedServices(typeof(Marker))] ICache marked)
            #pragma warning restore TIER001, MARK001
            {
                [Command("x")] public string Run() => gold.ToString()! + marked;
            }
            """, "GA0010");

        Assert.Empty(diagnostics);
    }

    /// <summary>
    /// An attribute of that name declared by hand, in a compilation without Microsoft.Extensions.DependencyInjection.Abstractions:
    /// the registry's file could not name <c>IKeyedServiceProvider</c>.
    /// </summary>
    [Fact]
    public async Task A_keyed_parameter_without_IKeyedServiceProvider_in_the_compilation_is_refused()
    {
        var diagnostics = await ReportsAsync("""
            public interface ICache { }
            public sealed class Keyed(ICache plain, [Microsoft.Extensions.DependencyInjection.FromKeyedServices("fast")] ICache fast)
            {
                [Command("x")] public string Run() => plain.ToString() + fast;
            }

            namespace Microsoft.Extensions.DependencyInjection
            {
                [AttributeUsage(AttributeTargets.Parameter)]
                public sealed class FromKeyedServicesAttribute(object? key) : Attribute { public object? Key { get; } = key; }
            }
            """, "GA0010", "Microsoft.Extensions.DependencyInjection.FromKeyedServices(\"fast\")");

        Assert.Equal(
            "Class 'Keyed' of instance command method 'Keyed.Run()' cannot be constructed by the registry: the parameter 'fast' of its constructor 'Keyed(ICache, ICache)' is [FromKeyedServices], "
            + "which the registry honours by asking the provider as an IKeyedServiceProvider, and this compilation has no Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider; reference Microsoft.Extensions.DependencyInjection.Abstractions 8.0 or later",
            Message(diagnostics[0]));
    }
}
