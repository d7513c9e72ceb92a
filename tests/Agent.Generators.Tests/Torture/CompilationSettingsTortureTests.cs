using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Torture;

/// <summary>
/// The same command library under the project settings a team may have: the oldest C# the
/// generated code supports (11), nullable disabled for the project or a file, nullable
/// annotations or warnings only, and every warning wave on as errors. The generated code must
/// add no diagnostic in any of them; below C# 11 the user gets GA0013 instead of broken code.
/// </summary>
public sealed class CompilationSettingsTortureTests
{
    private const string Source = """
        #nullable enable
        [assembly: CommandJsonContext(typeof(Sample.SettingsJson))]

        namespace Sample
        {
            public record Thing(string Name);

            [System.Text.Json.Serialization.JsonSerializable(typeof(Thing))]
            [System.Text.Json.Serialization.JsonSerializable(typeof(List<Thing>))]
            internal partial class SettingsJson : System.Text.Json.Serialization.JsonSerializerContext { }

            public class Settings
            {
                public Settings(IServiceProvider services, string label, object? extra = null, dynamic? loose = null) { }

                [Command("s.object")] public string Object(int x, string y, DayOfWeek day = DayOfWeek.Monday) => x + y + day;
                [Command("s.raw")] public static Task<string> Raw(string value) => Task.FromResult(value);
                [Command("s.thing")] public Thing? Complex(Thing? thing, List<Thing> items) => thing ?? items.FirstOrDefault();
                [Command("s.int")] public static int? Int(int? x = null) => x;
            }
        }
        """;

    private const string NullableDisabledFile = """
        #nullable disable
        namespace Sample
        {
            public static class Oblivious
            {
                [Command("s.oblivious")] public static string Run(string a, Thing t, string b = null) => a + t.Name + (b ?? "-");
                [Command("s.oblivious-null")] public static string Maybe(Thing t = null, List<Thing> items = null) => (t?.Name ?? "-") + (items?.Count.ToString() ?? "-");
                [Command("s.oblivious-result")] public static Task<List<Thing>> Items(List<Thing> items) => Task.FromResult(items);
            }
        }
        """;

    public static TheoryData<LanguageVersion, NullableContextOptions> Settings => new()
    {
        { LanguageVersion.Preview, NullableContextOptions.Enable },
        { LanguageVersion.CSharp11, NullableContextOptions.Enable },
        { LanguageVersion.CSharp12, NullableContextOptions.Enable },
        { LanguageVersion.Preview, NullableContextOptions.Disable },
        { LanguageVersion.Preview, NullableContextOptions.Annotations },
        { LanguageVersion.Preview, NullableContextOptions.Warnings },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task Generated_code_is_clean_and_dispatches(LanguageVersion version, NullableContextOptions nullable)
    {
        var usings = TortureCompiler.Usings + "using System.Linq;\n";
        var compilation = TortureCompiler.Compile([usings + Source, usings + NullableDisabledFile], version, nullable);
        using var commands = LoadedCommands.Load(TortureCompiler.Build(compilation));
        var services = new Hosting.ServiceMap().Add("label");
        Assert.Equal("""{"returncode":"0","message":"1yMonday"}""", await commands.SendAsync("""{"name":"s.object","value":{"x":1,"y":"y"}}""", services));
        Assert.Equal("""{"returncode":"0","message":"r"}""", await commands.SendAsync("""{"name":"s.raw","value":"r"}"""));
        Assert.Equal("""{"returncode":"0","message":"{'Name':'b'}"}""", await commands.SendAsync("""{"name":"s.thing","value":{"thing":null,"items":[{"Name":"b"}]}}""", services));
        Assert.Equal("""{"returncode":"0","message":"null"}""", await commands.SendAsync("""{"name":"s.int"}"""));
        Assert.Equal("""{"returncode":"0","message":"at-"}""", await commands.SendAsync("""{"name":"s.oblivious","value":{"a":"a","t":{"Name":"t"}}}"""));
        // Without annotations, a default of null is how a method says it takes null.
        Assert.Equal("""{"returncode":"0","message":"at-"}""", await commands.SendAsync("""{"name":"s.oblivious","value":{"a":"a","t":{"Name":"t"},"b":null}}"""));
        Assert.Equal("""{"returncode":"500","message":"Property 'a' of command 's.oblivious' must be a string"}""", await commands.SendAsync("""{"name":"s.oblivious","value":{"a":null,"t":{"Name":"t"}}}"""));
        Assert.Equal("""{"returncode":"0","message":"--"}""", await commands.SendAsync("""{"name":"s.oblivious-null","value":{"t":null,"items":null}}"""));
        Assert.Equal("""{"returncode":"0","message":"t1"}""", await commands.SendAsync("""{"name":"s.oblivious-null","value":{"t":{"Name":"t"},"items":[{"Name":"i"}]}}"""));
        Assert.Equal("""{"returncode":"0","message":"[{'Name':'i'}]"}""", await commands.SendAsync("""{"name":"s.oblivious-result","value":{"items":[{"Name":"i"}]}}"""));
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp10, "10.0")]
    [InlineData(LanguageVersion.CSharp9, "9.0")]
    public async Task GA0013_below_CSharp_11_instead_of_broken_code(LanguageVersion version, string shown)
    {
        var compilation = TestCompiler.Compile().AddSyntaxTrees(CSharpSyntaxTree.ParseText(Usings + """
            namespace Sample { public static class Old { [Command("old")] public static string Run(int a) => "old"; [Command("older")] public static void Other() { } } }
            """, TestCompiler.ParseOptions.WithLanguageVersion(version), path: "Source0.cs", cancellationToken: TestContext.Current.CancellationToken));
        var diagnostics = await ReportsAsync(compilation, "GA0013", "\"old\"");
        Assert.Equal(
            $"The generated command registry needs C# 11 or later (it uses UTF-8 string literals), but this project compiles as C# {shown}: remove <LangVersion> or set it to 11 or later",
            Message(diagnostics[0]));
        Assert.Empty(TestCompiler.Generate(compilation).Result.GeneratedTrees);
    }

    [Fact]
    public async Task GA0013_in_an_application_that_only_references_command_assemblies()
    {
        var app = CSharp10ApplicationOverALibrary("namespace Team.App { public static class Program { } }");
        var diagnostics = await ReportsAsync(app, "GA0013", "<no location>");
        Assert.Contains("compiles as C# 10.0", Message(diagnostics[0]), StringComparison.Ordinal);
        Assert.Empty(TestCompiler.Generate(app).Result.GeneratedTrees);
    }

    [Fact]
    public async Task GA0013_once_at_the_first_command_of_an_application_that_also_references_command_assemblies()
    {
        // Its own command's GA0013 says it all: not a second time, without a location, for the aggregate.
        var app = CSharp10ApplicationOverALibrary(Usings + """
            namespace Team.App { public static class AppCommands { [Command("app")] public static string Run() => "app"; } }
            """);
        await ReportsAsync(app, "GA0013", "\"app\"");
    }

    /// <summary>An application in C# 10 that references a command library (built in C# of today).</summary>
    private static CSharpCompilation CSharp10ApplicationOverALibrary(string source)
    {
        var library = TestCompiler.Build(TestCompiler.CompileAssembly("Team.Lib", null, Usings + """
            namespace Team.Lib { public static class LibCommands { [Command("lib")] public static string Run() => "lib"; } }
            """));
        return CSharpCompilation.Create(
            "Team.App",
            [CSharpSyntaxTree.ParseText(source, TestCompiler.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp10), path: "Source0.cs", cancellationToken: TestContext.Current.CancellationToken)],
            TestCompiler.References.Add(MetadataReference.CreateFromImage(library)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }
}
