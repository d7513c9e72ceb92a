using System.Collections.Immutable;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// A build without analyzers still runs the generator, which then reports the analyzer's errors
/// itself (and only then), so no command silently drops out of the registry.
/// </summary>
public sealed class AnalyzersOffTests
{
    private const string Source = """
        using GuestAgent.Commands;

        namespace Sample;

        public static class Commands
        {
            [Command("good")] public static string Good() => "good";
            [Command("bad")] private static string Hidden() => "hidden";
        #pragma warning disable GA0002
            [Command("bad name")] public static string Suppressed() => "x";
        #pragma warning restore GA0002
        }
        """;

    public static TheoryData<string, string> Off => new()
    {
        { "RunAnalyzers", "false" },
        { "RunAnalyzersDuringBuild", "false" },
        { "RunAnalyzers", "False" },
    };

    [Theory]
    [MemberData(nameof(Off))]
    public void With_analyzers_off_the_generator_reports_their_errors(string property, string value)
    {
        var diagnostics = GeneratorDiagnostics(new Dictionary<string, string> { ["build_property." + property] = value });
        var error = Assert.Single(diagnostics);
        Assert.Equal("GA0003", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("Hidden", DiagnosticAssert.SpanText(error));
    }

    public static TheoryData<Dictionary<string, string>> On => new()
    {
        new Dictionary<string, string>(),
        new Dictionary<string, string> { ["build_property.RunAnalyzers"] = "true", ["build_property.RunAnalyzersDuringBuild"] = "" },
        new Dictionary<string, string> { ["build_property.RunAnalyzersDuringBuild"] = "false", ["build_property.DesignTimeBuild"] = "true" },
    };

    [Theory]
    [MemberData(nameof(On))]
    public void With_analyzers_on_the_generator_reports_nothing(Dictionary<string, string> properties) =>
        Assert.Empty(GeneratorDiagnostics(properties));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void With_analyzers_off_an_unusable_request_schema_is_reported_but_an_ignored_or_doubtful_one_is_not(bool warningsAsErrors)
    {
        var diagnostics = GeneratorDiagnostics(new Dictionary<string, string> { ["build_property.RunAnalyzers"] = "false" }, warningsAsErrors, """
            using GuestAgent.Commands;

            public static class Commands
            {
                [Command("a", RequestSchema = "[]")] public static string A(string value) => value;
                [Command("b", RequestSchema = "{}")] public static string B(int count) => "b";
                [Command("c", RequestSchema = "{\"type\":\"object\",\"minLenght\":1,\"minLength\":\"1\"}")] public static string C(string value) => value;
            }
            """);

        // GA0016 to GA0019 are warnings, even where warnings are errors: the fallback exists so that no command
        // drops out silently, and none does.
        var error = Assert.Single(diagnostics);
        Assert.Equal("GA0015", error.Id);
        Assert.Equal("\"[]\"", DiagnosticAssert.SpanText(error));
    }

    [Fact]
    public void With_analyzers_off_an_unreadable_parameter_type_is_reported_and_its_command_still_generated()
    {
        const string Unreadable = """
            using System;
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            [assembly: CommandJsonContext(typeof(Ctx))]

            public sealed class Move
            {
                public Move(int speed) { }
                public int Other { get; set; }
            }

            [JsonSerializable(typeof(Move))]
            public partial class Ctx : JsonSerializerContext
            {
                public Ctx() : base(null) { }
                public static Ctx Default { get; } = new();
                protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
                public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
            }

            public static class Commands
            {
                [Command("move")] public static void Run(Move move) { }
            }
            """;
        var error = Assert.Single(GeneratorDiagnostics(new Dictionary<string, string> { ["build_property.RunAnalyzers"] = "false" }, source: Unreadable));
        Assert.Equal("GA0020", error.Id);
        Assert.Equal("Move", DiagnosticAssert.SpanText(error));

        // Suppressing it would keep the command: it is generated either way.
        var (output, _) = TestCompiler.Generate(TestCompiler.Compile(Unreadable));
        Assert.Contains(output.SyntaxTrees, t => t.FilePath.EndsWith(".move.g.cs", StringComparison.Ordinal));
    }

    private static ImmutableArray<Diagnostic> GeneratorDiagnostics(Dictionary<string, string> properties, bool warningsAsErrors = false, string source = Source)
    {
        var compilation = TestCompiler.Compile(source);
        if (warningsAsErrors)
        {
            compilation = compilation.WithOptions(compilation.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error));
        }

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new CommandGenerator().AsSourceGenerator()],
            parseOptions: TestCompiler.ParseOptions,
            optionsProvider: new BuildProperties(properties));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics, TestContext.Current.CancellationToken);
        return diagnostics;
    }
}
