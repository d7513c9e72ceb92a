using GuestAgent.Generators.Tests.Execution;
using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0010 for a constructor parameter no <c>IServiceProvider</c> can supply (<c>ref</c>, <c>out</c>,
/// <c>in</c>, a ref struct), or should not (a <c>CancellationToken</c> or <c>CommandContext</c>, which
/// the host gives a command method with each request): the message names the parameter and says why, as GA0005 and GA0007 do
/// for a command method's, so that a constructor of many services does not leave the author searching.
/// </summary>
public sealed class ConstructorParameterDiagnosticTests
{
    [Fact]
    public async Task GA0010_names_the_constructor_parameter_no_provider_can_supply()
    {
        var diagnostics = await ReportsAsync("""
            public interface IClock { }
            public sealed class R { public R(IClock clock, ref int count) { } [Command("r")] public string Run() => "r"; }
            public sealed class O { public O(out int count) { count = 0; } [Command("o")] public string Run() => "o"; }
            public sealed class I { public I(IClock clock, in DateTime since) { } [Command("i")] public string Run() => "i"; }
            public sealed class S { public S(ReadOnlySpan<char> text) { } [Command("s")] public string Run() => "s"; }
            """, "GA0010", "Run", "Run", "Run", "Run");

        Assert.Equal(
            "Class 'R' of instance command method 'R.Run()' cannot be constructed by the registry: the parameter 'count' of its constructor 'R(IClock, int)' is passed by reference ('ref'), which an IServiceProvider cannot supply; take the service by value",
            Message(diagnostics[0]));
        Assert.EndsWith("the parameter 'count' of its constructor 'O(int)' is passed by reference ('out'), which an IServiceProvider cannot supply; take the service by value", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.EndsWith("the parameter 'since' of its constructor 'I(IClock, DateTime)' is passed by reference ('in'), which an IServiceProvider cannot supply; take the service by value", Message(diagnostics[2]), StringComparison.Ordinal);
        Assert.EndsWith("the parameter 'text' of its constructor 'S(ReadOnlySpan<char>)' is a ref struct ('ReadOnlySpan<char>'), which an IServiceProvider cannot supply; take a class or an ordinary struct", Message(diagnostics[3]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0010_refuses_a_per_request_value_taken_by_the_constructor()
    {
        // The host gives these to a command method with each request; asked of the IServiceProvider,
        // the check at start reports a missing service and every request answers "500" (or, with a
        // default, the shared instance keeps a token that never cancels and a context of no request).
        var diagnostics = await ReportsAsync("""
            public interface IClock { }
            public sealed class T { public T(IClock clock, CancellationToken cancellationToken) { } [Command("t")] public string Run() => "t"; }
            public sealed class C { public C(CommandContext context) { } [Command("c")] public string Run() => "c"; }
            public sealed class N { public N(CancellationToken? token = null) { } [Command("n")] public string Run() => "n"; }
            public sealed class D { public D(IClock clock, CommandContext? context = null) { } [Command("d")] public string Run() => "d"; }
            """, "GA0010", "Run", "Run", "Run", "Run");

        Assert.Equal(
            "Class 'T' of instance command method 'T.Run()' cannot be constructed by the registry: the parameter 'cancellationToken' of its constructor 'T(IClock, CancellationToken)' is a per-request value ('CancellationToken'), which the host gives the command method with each request, never a service; take a CancellationToken parameter in the command method instead",
            Message(diagnostics[0]));
        Assert.EndsWith("the parameter 'context' of its constructor 'C(CommandContext)' is a per-request value ('CommandContext'), which the host gives the command method with each request, never a service; take a CommandContext parameter in the command method instead", Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.EndsWith("the parameter 'token' of its constructor 'N(CancellationToken?)' is a per-request value ('CancellationToken?'), which the host gives the command method with each request, never a service; take a CancellationToken parameter in the command method instead", Message(diagnostics[2]), StringComparison.Ordinal);
        Assert.EndsWith("the parameter 'context' of its constructor 'D(IClock, CommandContext?)' is a per-request value ('CommandContext?'), which the host gives the command method with each request, never a service; take a CommandContext parameter in the command method instead", Message(diagnostics[3]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GA0010_refuses_a_per_request_value_with_a_default_or_a_key_too()
    {
        // A default gives the one shared instance a token that never cancels; a keyed token is still
        // no request's. Refused at the method, as the others, not at the [FromKeyedServices].
        var diagnostics = await ReportsAsync(
            TestCompiler.CompileAssembly("Tests.Commands", [KeyedServiceExecutionTests.DependencyInjection], Usings + """
                using Microsoft.Extensions.DependencyInjection;
                public sealed class D { public D(CancellationToken token = default) { } [Command("d")] public string Run() => "d"; }
                public sealed class K { public K([FromKeyedServices("stopping")] CancellationToken token) { } [Command("k")] public string Run() => "k"; }
                """), "GA0010", "Run", "Run");

        Assert.EndsWith("the parameter 'token' of its constructor 'D(CancellationToken)' is a per-request value ('CancellationToken'), which the host gives the command method with each request, never a service; take a CancellationToken parameter in the command method instead", Message(diagnostics[0]), StringComparison.Ordinal);
        Assert.EndsWith("the parameter 'token' of its constructor 'K(CancellationToken)' is a per-request value ('CancellationToken'), which the host gives the command method with each request, never a service; take a CancellationToken parameter in the command method instead", Message(diagnostics[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_holding_a_token_is_left_to_the_provider() =>
        // Deliberately no GA0010: a Func<CancellationToken> (say, the application's stopping token) or a
        // CancellationTokenSource is a service an author registers on purpose, and one never registered
        // is named by the check at start as any missing service is, so a warning would only be wrong.
        await ReportsAsync("""
            public sealed class S(Func<CancellationToken> stopping, CancellationToken[] tokens, CancellationTokenSource source)
            {
                [Command("s")] public string Run() => "s";
            }
            """, "GA0010");
}
