using System.Globalization;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.CrossAssembly;

/// <summary>
/// GA0027: a friend assembly (<c>InternalsVisibleTo</c>) of a command library gets no aggregate of its
/// own and sees the library's, which leaves out the friend's own commands and any command assembly
/// the library does not reference; each use of it that way is warned, and only then.
/// </summary>
public sealed class InheritedAggregateTests
{
    private const string Alpha = """
        using GuestAgent.Commands;
        [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Team.Alpha.Tests")]
        namespace Team.Alpha;
        public static class AlphaCommands
        {
            [Command("alpha")] public static string Run() => "alpha";
        }
        """;

    private const string Beta = """
        using GuestAgent.Commands;
        namespace Team.Beta;
        public static class BetaCommands
        {
            [Command("beta")] public static string Run() => "beta";
        }
        """;

    private const string OwnCommand = """
        namespace Team.Alpha.Tests;
        public static class BenchCommands
        {
            [GuestAgent.Commands.Command("bench")] public static string Run() => "bench";
        }
        """;

    private const string UsesLentAggregate = """
        namespace Team.Alpha.Tests;
        public static class Probe
        {
            public static GuestAgent.Commands.ICommandRegistry Registry() => GuestAgent.Generated.AgentCommands.CreateRegistry();
        }
        """;

    [Fact]
    public async Task Own_commands_left_out_of_the_lent_aggregate_are_warned_at_its_use_and_really_answer_404()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var friend = TestCompiler.CompileAssembly("Team.Alpha.Tests", [MetadataReference.CreateFromImage(alpha)], OwnCommand, UsesLentAggregate);

        var diagnostic = Assert.Single(await AnalyzeAsync(friend));

        Assert.Equal("GA0027", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("AgentCommands", Diagnostics.DiagnosticAssert.SpanText(diagnostic));
        Assert.Equal(
            "'AgentCommands' here is the internal aggregate of 'Team.Alpha', which 'Team.Alpha.Tests' sees through InternalsVisibleTo "
            + "(so none is generated for 'Team.Alpha.Tests'), and it leaves out the commands of 'Team.Alpha.Tests': they answer \"404\"; "
            + "dispatch them through new GuestAgent.Generated.TeamAlphaTestsCommandRegistry(), or remove the InternalsVisibleTo",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.EndsWith("/docs/diagnostics/GA0027.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);

        // What the warning says: the lent aggregate serves the library's command and not the friend's.
        using var loaded = LoadedCommands.Load(TestCompiler.Build(friend), alpha);
        var registry = (GuestAgent.Commands.ICommandRegistry)loaded.GetType("Team.Alpha.Tests.Probe").GetMethod("Registry")!.Invoke(null, null)!;
        Assert.Equal("""{"returncode":"0","message":"alpha"}""", await loaded.SendAsync("""{"name":"alpha"}""", registry: registry));
        Assert.Equal("""{"returncode":"404","message":"No such agent command 'bench'"}""", await loaded.SendAsync("""{"name":"bench"}""", registry: registry));
    }

    [Fact]
    public async Task The_friend_own_registry_named_by_the_warning_serves_its_commands_unwarned()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var friend = TestCompiler.CompileAssembly("Team.Alpha.Tests", [MetadataReference.CreateFromImage(alpha)], OwnCommand, """
            namespace Team.Alpha.Tests;
            public static class Probe
            {
                public static GuestAgent.Commands.ICommandRegistry Registry() => new GuestAgent.Generated.TeamAlphaTestsCommandRegistry();
            }
            """);

        Assert.Empty(await AnalyzeAsync(friend));

        using var loaded = LoadedCommands.Load(TestCompiler.Build(friend), alpha);
        var registry = (GuestAgent.Commands.ICommandRegistry)loaded.GetType("Team.Alpha.Tests.Probe").GetMethod("Registry")!.Invoke(null, null)!;
        Assert.Equal("""{"returncode":"0","message":"bench"}""", await loaded.SendAsync("""{"name":"bench"}""", registry: registry));
    }

    [Fact]
    public async Task A_friend_without_commands_of_its_own_that_uses_the_lent_aggregate_is_not_warned()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var friend = TestCompiler.CompileAssembly("Team.Alpha.Tests", [MetadataReference.CreateFromImage(alpha)], UsesLentAggregate);

        Assert.Empty(await AnalyzeAsync(friend));
    }

    /// <summary>Classes named <c>AgentCommands</c> that are not the lent aggregate: the friend's own, and another of the library's.</summary>
    [Fact]
    public async Task Own_commands_are_not_warned_where_the_lent_aggregate_is_never_used()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha, "namespace Team.Alpha { public static class AgentCommands { } }"));
        var friend = TestCompiler.CompileAssembly("Team.Alpha.Tests", [MetadataReference.CreateFromImage(alpha)], OwnCommand, """
            namespace Team.Alpha.Tests;
            public static class AgentCommands { }
            public static class Probe
            {
                public static string Name() => nameof(AgentCommands) + nameof(Team.Alpha.AgentCommands);
            }
            """);

        Assert.Empty(await AnalyzeAsync(friend));
    }

    /// <summary>
    /// Another friend-visible aggregate, reached through an extern alias (as the daemon's tests reach the
    /// daemon's): an application's, not a command library's, so not the one the friend inherits.
    /// </summary>
    [Fact]
    public async Task An_application_aggregate_reached_through_an_alias_is_not_the_lent_one()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var host = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Host", [MetadataReference.CreateFromImage(alpha)], """
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Team.Alpha.Tests")]
            namespace Team.Host;
            public static class Program { }
            """));
        var friend = TestCompiler.CompileAssembly(
            "Team.Alpha.Tests",
            [MetadataReference.CreateFromImage(alpha), MetadataReference.CreateFromImage(host).WithAliases(["host"])],
            OwnCommand,
            """
            extern alias host;
            namespace Team.Alpha.Tests;
            public static class Probe
            {
                public static GuestAgent.Commands.ICommandRegistry Registry() => host::GuestAgent.Generated.AgentCommands.CreateRegistry();
            }
            """);

        Assert.Empty(await AnalyzeAsync(friend));
    }

    /// <summary>
    /// A command library that is itself a friend of another has no aggregate of its own to lend: its
    /// friend gets one generated, over both libraries' commands.
    /// </summary>
    [Fact]
    public async Task A_library_without_an_aggregate_of_its_own_lends_none()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha.Replace("Team.Alpha.Tests", "Team.Beta", StringComparison.Ordinal)));
        var beta = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Beta", [MetadataReference.CreateFromImage(alpha)], Beta, """
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Team.Beta.Tests")]
            """));
        var friend = TestCompiler.CompileAssembly("Team.Beta.Tests", [MetadataReference.CreateFromImage(alpha), MetadataReference.CreateFromImage(beta)], """
            namespace Team.Beta.Tests;
            public static class Probe
            {
                public static GuestAgent.Commands.ICommandRegistry Registry() => GuestAgent.Generated.AgentCommands.CreateRegistry();
            }
            """);

        Assert.Empty(await AnalyzeAsync(friend));
        using var loaded = LoadedCommands.Load(TestCompiler.Build(friend), alpha, beta);
        var registry = (GuestAgent.Commands.ICommandRegistry)loaded.GetType("Team.Beta.Tests.Probe").GetMethod("Registry")!.Invoke(null, null)!;
        Assert.Equal(["alpha", "beta"], registry.Commands.Select(c => c.Name));
    }

    [Fact]
    public async Task A_command_library_the_lender_does_not_reference_is_named_with_its_registry()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var beta = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Beta", null, Beta));
        var friend = TestCompiler.CompileAssembly(
            "Team.Alpha.Tests",
            [MetadataReference.CreateFromImage(alpha), MetadataReference.CreateFromImage(beta)],
            OwnCommand,
            UsesLentAggregate,
            "static class Second { static object Get() => GuestAgent.Generated.AgentCommands.CreateRegistry(); }");

        var diagnostics = await AnalyzeAsync(friend);

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal("GA0027", d.Id));
        Assert.All(diagnostics, d => Assert.Contains(
            "it leaves out the commands of 'Team.Alpha.Tests', 'Team.Beta': they answer \"404\"; dispatch them through "
            + "new GuestAgent.Generated.TeamAlphaTestsCommandRegistry(), new GuestAgent.Generated.TeamBetaCommandRegistry(), or",
            d.GetMessage(CultureInfo.InvariantCulture),
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_command_library_the_lender_references_is_in_its_aggregate()
    {
        var beta = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Beta", null, Beta));
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", [MetadataReference.CreateFromImage(beta)], Alpha));
        var friend = TestCompiler.CompileAssembly(
            "Team.Alpha.Tests", [MetadataReference.CreateFromImage(alpha), MetadataReference.CreateFromImage(beta)], UsesLentAggregate);

        Assert.Empty(await AnalyzeAsync(friend));

        using var loaded = LoadedCommands.Load(TestCompiler.Build(friend), alpha, beta);
        var registry = (GuestAgent.Commands.ICommandRegistry)loaded.GetType("Team.Alpha.Tests.Probe").GetMethod("Registry")!.Invoke(null, null)!;
        Assert.Equal("""{"returncode":"0","message":"beta"}""", await loaded.SendAsync("""{"name":"beta"}""", registry: registry));
    }

    [Fact]
    public async Task The_warning_can_be_suppressed_where_the_lent_aggregate_is_meant()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var friend = TestCompiler.CompileAssembly("Team.Alpha.Tests", [MetadataReference.CreateFromImage(alpha)], OwnCommand, """
            namespace Team.Alpha.Tests;
            public static class Probe
            {
            #pragma warning disable GA0027 // the library's commands alone
                public static object Registry() => GuestAgent.Generated.AgentCommands.CreateRegistry();
            #pragma warning restore GA0027
            }
            """);

        Assert.Empty(await AnalyzeAsync(friend));
    }

    private static async Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation)
    {
        var (output, _) = TestCompiler.Generate(compilation, withJson: true);
        return await TestCompiler.AnalyzeAsync(output);
    }
}
