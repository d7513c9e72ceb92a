using System.Globalization;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.CrossAssembly;

/// <summary>
/// GA0011 suppressed on purpose: the aggregate still serves and lists each name once, the
/// application's own command over a library's, and between libraries the first by assembly name.
/// </summary>
public sealed class SuppressedClashTests
{
    private const string Alpha = """
        using GuestAgent.Commands;
        namespace Team.Alpha;
        public static class AlphaCommands
        {
            /// <summary>From alpha.</summary>
            [Command("alpha")] public static string Run(string value) => "alpha " + value;

            /// <summary>Alpha's version.</summary>
            [Command("version")] public static string Version() => "alpha 1.0";
        }
        """;

    private const string Copy = """
        using GuestAgent.Commands;
        namespace Team.Copy;
        public static class CopyCommands
        {
            /// <summary>From copy.</summary>
            [Command("alpha")] public static string Run(string value) => "copy " + value;

            /// <summary>Copy's version.</summary>
            [Command("version")] public static string Version() => "copy 1.0";

            [Command("copy.only")] public static string Only() => "only";
        }
        """;

    private const string OverridingApp = """
        using GuestAgent.Commands;
        namespace Team.App;
        public static class AppCommands
        {
            /// <summary>The application's version.</summary>
        #pragma warning disable GA0011 // replaces Team.Alpha's built-in on purpose
            [Command("version")]
        #pragma warning restore GA0011
            public static string Version() => "app 2.0";
        }
        """;

    [Fact]
    public async Task The_application_command_replaces_a_library_command_when_GA0011_is_suppressed()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var app = TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(alpha)], OverridingApp);
        Assert.Empty(await TestCompiler.AnalyzeAsync(TestCompiler.Generate(app).Output));

        using var loaded = LoadedCommands.Load(TestCompiler.Build(app), alpha);

        Assert.Equal("""{"returncode":"0","message":"app 2.0"}""", await loaded.SendAsync("""{"name":"version"}"""));
        Assert.Equal("""{"returncode":"0","message":"alpha x"}""", await loaded.SendAsync("""{"name":"alpha","value":"x"}"""));
        var commands = loaded.CreateRegistry().Commands;
        Assert.Equal(["alpha", "version"], commands.Select(c => c.Name));
        Assert.Equal("The application's version.", commands[1].Summary);
    }

    [Fact]
    public async Task Between_two_libraries_the_first_by_assembly_name_serves_a_name_when_GA0011_is_suppressed()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var copy = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Copy", null, Copy));

        // Referenced in the opposite order on purpose: the winner must not depend on it.
        var app = TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(copy), MetadataReference.CreateFromImage(alpha)], "namespace Team.App; public static class Program { }");
        app = app.WithOptions(app.Options.WithSpecificDiagnosticOptions([new("GA0011", ReportDiagnostic.Suppress)]));
        Assert.Empty(await TestCompiler.AnalyzeAsync(TestCompiler.Generate(app).Output));

        using var loaded = LoadedCommands.Load(TestCompiler.Build(app), alpha, copy);

        Assert.Equal("""{"returncode":"0","message":"alpha x"}""", await loaded.SendAsync("""{"name":"alpha","value":"x"}"""));
        Assert.Equal("""{"returncode":"0","message":"alpha 1.0"}""", await loaded.SendAsync("""{"name":"version"}"""));
        Assert.Equal("""{"returncode":"0","message":"only"}""", await loaded.SendAsync("""{"name":"copy.only"}"""));
        var commands = loaded.CreateRegistry().Commands;
        Assert.Equal(["alpha", "copy.only", "version"], commands.Select(c => c.Name));
        Assert.Equal(["From alpha.", "", "Alpha's version."], commands.Select(c => c.Summary));
    }

    [Fact]
    public async Task Unsuppressed_the_clash_names_the_assembly_that_would_be_served()
    {
        var alpha = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Alpha", null, Alpha));
        var app = TestCompiler.CompileAssembly("Team.App", [MetadataReference.CreateFromImage(alpha)], OverridingApp.Replace("#pragma", "//", StringComparison.Ordinal));

        var diagnostic = Assert.Single(await TestCompiler.AnalyzeAsync(TestCompiler.Generate(app).Output));

        Assert.Equal(
            "Command name 'version' is defined in both 'Team.App' and 'Team.Alpha'; if this error is suppressed, the command of 'Team.App' is the one served",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }
}
