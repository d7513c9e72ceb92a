using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.CrossAssembly;

/// <summary>Two command libraries and an application: one aggregate registry, duplicates rejected.</summary>
public sealed class CrossAssemblyTests
{
    private const string Alpha = """
        using GuestAgent.Commands;
        namespace Team.Alpha;
        public static class AlphaCommands
        {
            /// <summary>From alpha.</summary>
            [Command("alpha")] public static string Run(string value) => "alpha " + value;
            [Command("zeta")] public static string Zeta() => "zeta";
        }
        """;

    private const string Beta = """
        using GuestAgent.Commands;
        namespace Team.Beta;
        public sealed class BetaCommands
        {
            [Command("beta")] public int Add(int a, int b) => a + b;
        }
        """;

    private const string App = """
        using GuestAgent.Commands;
        namespace Team.App;
        public static class AppCommands
        {
            [Command("app")] public static string Run() => "app";
        }
        """;

    [Fact]
    public async Task The_aggregate_dispatches_the_commands_of_every_referenced_library()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var beta = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Beta", null, Beta));
        var app = TestCompiler.Build(TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(alpha), MetadataReference.CreateFromImage(beta)], App));

        using var loaded = LoadedCommands.Load(app, alpha, beta);
        Assert.Equal("""{"returncode":"0","message":"alpha x"}""", await loaded.SendAsync("""{"name":"alpha","value":"x"}"""));
        Assert.Equal("""{"returncode":"0","message":"5"}""", await loaded.SendAsync("""{"name":"beta","value":{"a":2,"b":3}}"""));
        Assert.Equal("""{"returncode":"0","message":"app"}""", await loaded.SendAsync("""{"name":"app"}"""));
        Assert.Equal("""{"returncode":"404","message":"No such agent command 'gamma'"}""", await loaded.SendAsync("""{"name":"gamma"}"""));
        var registry = loaded.CreateRegistry();
        Assert.Equal(["alpha", "app", "beta", "zeta"], registry.Commands.Select(c => c.Name));
        Assert.Equal("From alpha.", registry.Commands[0].Summary);
    }

    [Fact]
    public async Task An_application_without_own_commands_still_gets_the_aggregate()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var host = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Host", [MetadataReference.CreateFromImage(alpha)], "namespace Team.Host; public static class Program { }"));

        using var loaded = LoadedCommands.Load(host, alpha);
        Assert.Equal("""{"returncode":"0","message":"zeta"}""", await loaded.SendAsync("""{"name":"zeta"}"""));
    }

    [Fact]
    public void An_assembly_without_commands_gets_no_registry_of_its_own()
    {
        // A registry without commands would name this assembly a command assembly (its
        // CommandRegistry attribute) to every application that references it.
        var plain = TestCompiler.CompileAssembly("Team.Plain", null, "namespace Team.Plain; public static class Helpers { public static int Two() => 2; }");
        Assert.Empty(TestCompiler.Generate(plain).Result.GeneratedTrees);

        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var host = TestCompiler.CompileAssembly("Team.Host", [MetadataReference.CreateFromImage(alpha)], "namespace Team.Host; public static class Program { }");
        Assert.Equal(["AgentCommands.g.cs"], TestCompiler.Generate(host).Result.GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)));
    }

    [Fact]
    public async Task A_name_defined_in_two_referenced_libraries_is_an_error_in_the_application()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var copy = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Copy", null, Alpha.Replace("Team.Alpha", "Team.Copy", StringComparison.Ordinal)));
        var app = TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(alpha), MetadataReference.CreateFromImage(copy)], App);

        var diagnostics = await TestCompiler.AnalyzeAsync(TestCompiler.Generate(app).Output);

        Assert.Equal(
            ["GA0011: Command name 'alpha' is defined in both 'Team.Alpha' and 'Team.Copy'; if this error is suppressed, the command of 'Team.Alpha' is the one served", "GA0011: Command name 'zeta' is defined in both 'Team.Alpha' and 'Team.Copy'; if this error is suppressed, the command of 'Team.Alpha' is the one served"],
            diagnostics.Select(d => $"{d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public async Task Between_two_libraries_GA0011_names_first_the_one_served_by_ordinal_assembly_name()
    {
        // Referenced in the other order, and named so that no other ordering (reversed, by registry
        // class) would agree: 'Team.Ab' serves the name (SuppressedClashTests), so GA0011 says so.
        var ab = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Ab", null, Alpha.Replace("Team.Alpha", "Team.Ab", StringComparison.Ordinal)));
        var ba = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Ba", null, Alpha.Replace("Team.Alpha", "Team.Ba", StringComparison.Ordinal)));
        var app = TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(ba), MetadataReference.CreateFromImage(ab)], App);

        var diagnostics = await TestCompiler.AnalyzeAsync(TestCompiler.Generate(app).Output);

        Assert.Equal(
            ["Command name 'alpha' is defined in both 'Team.Ab' and 'Team.Ba'; if this error is suppressed, the command of 'Team.Ab' is the one served", "Command name 'zeta' is defined in both 'Team.Ab' and 'Team.Ba'; if this error is suppressed, the command of 'Team.Ab' is the one served"],
            diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_name_the_application_and_two_libraries_serve_is_reported_at_its_name_only()
    {
        // The application's command wins over both libraries: each clash is said at its name, and
        // the libraries' clash over that name is not said again at the compilation's end.
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var copy = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Copy", null, Alpha.Replace("Team.Alpha", "Team.Copy", StringComparison.Ordinal)));
        var app = TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(alpha), MetadataReference.CreateFromImage(copy)], App.Replace("\"app\"", "\"zeta\"", StringComparison.Ordinal));

        var diagnostics = await TestCompiler.AnalyzeAsync(TestCompiler.Generate(app).Output);

        Assert.Equal(
            [
                "\"zeta\" Command name 'zeta' is defined in both 'Team.App' and 'Team.Alpha'; if this error is suppressed, the command of 'Team.App' is the one served",
                "\"zeta\" Command name 'zeta' is defined in both 'Team.App' and 'Team.Copy'; if this error is suppressed, the command of 'Team.App' is the one served",
                "<no location> Command name 'alpha' is defined in both 'Team.Alpha' and 'Team.Copy'; if this error is suppressed, the command of 'Team.Alpha' is the one served",
            ],
            diagnostics.Select(d => Diagnostics.DiagnosticAssert.SpanText(d) + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_own_command_clashing_with_a_library_is_reported_at_its_name()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var app = TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(alpha)], App.Replace("\"app\"", "\"zeta\"", StringComparison.Ordinal));

        var diagnostic = Assert.Single(await TestCompiler.AnalyzeAsync(TestCompiler.Generate(app).Output));

        Assert.Equal("GA0011", diagnostic.Id);
        Assert.Equal("\"zeta\"", diagnostic.Location.SourceTree!.ToString()[diagnostic.Location.SourceSpan.Start..diagnostic.Location.SourceSpan.End]);
        Assert.Equal("Command name 'zeta' is defined in both 'Team.App' and 'Team.Alpha'; if this error is suppressed, the command of 'Team.App' is the one served", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_friend_assembly_uses_the_library_aggregate_instead_of_clashing_with_it()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha, "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Team.Alpha.Tests\")]"));
        var tests = TestCompiler.CompileAssembly("Team.Alpha.Tests", [MetadataReference.CreateFromImage(alpha)], """
            namespace Team.Alpha.Tests;
            public static class Probe
            {
                public static GuestAgent.Commands.ICommandRegistry Registry() => GuestAgent.Generated.AgentCommands.CreateRegistry();
            }
            """);

        var built = TestCompiler.Build(tests);

        using var loaded = LoadedCommands.Load(built, alpha);
        var registry = (GuestAgent.Commands.ICommandRegistry)loaded.GetType("Team.Alpha.Tests.Probe").GetMethod("Registry")!.Invoke(null, null)!;
        Assert.Equal("""{"returncode":"0","message":"zeta"}""", await loaded.SendAsync("""{"name":"zeta"}""", registry: registry));
    }
}
