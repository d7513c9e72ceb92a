using GuestAgent.Generators.CodeFixes;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using static GuestAgent.Generators.Tests.CodeFixes.CodeFixHarness;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.CodeFixes;

/// <summary>
/// GA0009 in an assembly that names no JSON context: the fix adds a file with a context (with the
/// strict options docs/authoring-commands.md recommends) listing the type, and the assembly
/// attribute naming it. The fixed project is then built with the real System.Text.Json generator
/// and serves the command, refusing what those options refuse.
/// </summary>
public sealed class CreateJsonContextCodeFixTests
{
    private const string Id = "GA0009";

    private const string Commands = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using GuestAgent.Commands;

        namespace App;

        public sealed record Move(string From, string To);
        public sealed record Listed(int N);

        public static class A
        {
            [Command("move")] public static string Run(Move move, Listed listed) => move.From + "->" + move.To + " " + listed.N;
            [Command("moves")] public static Task<List<Move>> All() => Task.FromResult(new List<Move> { new("a", "b") });
        }
        """;

    private const string Documentation = """
        /// <summary>
        /// The JSON contracts of this assembly's commands: the System.Text.Json source generator writes
        /// their metadata, and the generated command registry reads and writes through it (no reflection).
        /// The options make a complex type's members as strict as a command's parameters: camelCase
        /// names, and a missing, null or unknown member refused (System.Text.Json's defaults check none).
        /// </summary>
        [JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
        """;

    [Fact]
    public async Task A_context_listing_the_type_is_created_and_named()
    {
        var document = CreateDocument(Commands);
        var diagnostic = (await DiagnosticsAsync(document, Id))[0];
        var action = Assert.Single(await ActionsAsync(new CreateJsonContextCodeFix(), document, diagnostic));
        Assert.Equal("Create the JSON context 'TestsCommandsJsonContext' with [JsonSerializable(typeof(Move))]", action.Title);

        var fixedDocument = await FixAsync(new CreateJsonContextCodeFix(), Id, 0, Commands);
        Assert.Equal(
            $$"""
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            [assembly: CommandJsonContext(typeof(App.TestsCommandsJsonContext))]

            namespace App;

            {{Documentation}}
            [JsonSerializable(typeof(Move))]
            internal partial class TestsCommandsJsonContext : JsonSerializerContext
            {
            }

            """,
            await CreatedTextAsync(fixedDocument));

        // The rest is left to the fix that lists a type on the context, now that there is one.
        Assert.Equal(["Listed", "Task<List<Move>>"], (await DiagnosticsAsync(fixedDocument, Id)).Select(SpanText));
    }

    [Fact]
    public async Task Fix_all_creates_one_context_with_every_type_that_then_builds_and_serves()
    {
        var fixedDocument = await FixAllAsync(new CreateJsonContextCodeFix(), CreateJsonContextCodeFix.EquivalenceKey, Id, FixAllScope.Document, Commands);

        Assert.Equal(
            $$"""
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            [assembly: CommandJsonContext(typeof(App.TestsCommandsJsonContext))]

            namespace App;

            {{Documentation}}
            [JsonSerializable(typeof(Move))]
            [JsonSerializable(typeof(Listed))]
            [JsonSerializable(typeof(System.Collections.Generic.List<Move>))]
            internal partial class TestsCommandsJsonContext : JsonSerializerContext
            {
            }

            """,
            await CreatedTextAsync(fixedDocument));
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));

        // Built with the real System.Text.Json generator: no warning, and the commands answer.
        var compilation = await fixedDocument.Project.GetCompilationAsync(TestContext.Current.CancellationToken);
        using var commands = LoadedCommands.Load(TestCompiler.Build(compilation!));
        Assert.Equal("""{"returncode":"0","message":"a->b 3"}""", await commands.SendAsync("""{"name":"move","value":{"move":{"from":"a","to":"b"},"listed":{"n":3}}}"""));
        Assert.Equal("""{"returncode":"0","message":"[{'from':'a','to':'b'}]"}""", await commands.SendAsync("""{"name":"moves"}"""));
    }

    [Fact]
    public async Task The_created_context_binds_inner_members_as_strictly_as_parameters()
    {
        // With System.Text.Json's default options, which the fix once wrote, each refused value
        // below bound a Move of nulls and answered "0".
        var source = """
            using GuestAgent.Commands;

            namespace App;

            public sealed record Move(string From, string To);

            public static class A
            {
                [Command("move")] public static string Run(Move move) => (move.From ?? "null") + "->" + (move.To ?? "null");
            }
            """;
        var fixedDocument = await FixAsync(new CreateJsonContextCodeFix(), Id, 0, source);
        var compilation = await fixedDocument.Project.GetCompilationAsync(TestContext.Current.CancellationToken);
        using var commands = LoadedCommands.Load(TestCompiler.Build(compilation!));

        const string Refused = "Property 'move' of command 'move' must be a JSON value of type 'Move'";
        foreach (var (value, code, message) in new[]
        {
            ("""{"from":"a","to":"b"}""", "0", "a->b"),
            ("""{"from":"a","to":"b","via":"c"}""", "500", Refused + " (at $.via)"),
            ("""{"from":"a"}""", "500", Refused),
            ("""{}""", "500", Refused),
            ("""{"from":null,"to":"b"}""", "500", Refused + " (at $.from)"),
        })
        {
            Assert.Equal(
                $$"""{"returncode":"{{code}}","message":"{{message}}"}""",
                await commands.SendAsync("""{"name":"move","value":{"move":""" + value + "}}"));
        }
    }

    [Fact]
    public async Task Commands_in_the_global_namespace_get_a_context_there_with_a_free_name()
    {
        // A type already has the name the context would take: the context is numbered.
        var source = """
            using GuestAgent.Commands;

            public sealed record Move(string From, string To);
            public sealed class TestsCommandsJsonContext;
            public static class A { [Command("move")] public static void Run(Move move) { } }
            """;
        var fixedDocument = await FixAsync(new CreateJsonContextCodeFix(), Id, 0, source);

        Assert.Equal(
            $$"""
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            [assembly: CommandJsonContext(typeof(TestsCommandsJsonContext2))]

            {{Documentation}}
            [JsonSerializable(typeof(Move))]
            internal partial class TestsCommandsJsonContext2 : JsonSerializerContext
            {
            }

            """,
            await CreatedTextAsync(fixedDocument));
    }

    /// <summary>Assemblies where no context is created: each as the source beside <see cref="Commands"/>.</summary>
    private static readonly string[] ContextsThere =
    [
        // A context already named: the fix that lists the type there applies instead.
        "[assembly: CommandJsonContext(typeof(App.Ctx))]\nnamespace App { public partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext { public Ctx() : base(null) { } protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null; public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(System.Type type) => null; } }",
        // A context declared but not named: the fix that names it applies instead.
        "namespace App { public partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext { public Ctx() : base(null) { } protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null; public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(System.Type type) => null; } }",
        // A type that is not a context (GA0012): a second context would not help.
        "[assembly: CommandJsonContext(typeof(App.NotACtx))]\nnamespace App { public sealed class NotACtx; }",
    ];

    [Fact]
    public async Task Not_offered_when_the_assembly_has_a_context_or_names_a_type_that_is_not_one()
    {
        foreach (var context in ContextsThere)
        {
            var document = CreateDocument(Commands, "using GuestAgent.Commands;\n" + context);
            var diagnostics = await DiagnosticsAsync(document, Id);
            Assert.NotEmpty(diagnostics);
            foreach (var diagnostic in diagnostics)
            {
                Assert.Empty(await ActionsAsync(new CreateJsonContextCodeFix(), document, diagnostic));
            }
        }
    }

    [Fact]
    public async Task Fix_all_offers_no_action_only_where_no_GA0009_fix_can_make_an_edit()
    {
        // dotnet format asks every GA0009 provider for Fix All (with no key). With the attribute naming
        // a type that is not a context, no fix can act: no action, so dotnet format says it could not fix
        // GA0009 (an action changing nothing would hide that). With a context declared, the naming or
        // listing fix acts: an action here keeps dotnet format from saying it could not (DotnetFormatTests).
        foreach (var (context, offered) in ContextsThere.Select((c, i) => (c, i < 2)))
        {
            var document = CreateDocument(Commands, "using GuestAgent.Commands;\n" + context);
            Assert.NotEmpty(await DiagnosticsAsync(document, Id));
            foreach (var key in new[] { CreateJsonContextCodeFix.EquivalenceKey, null })
            {
                var action = await FixAllActionAsync(new CreateJsonContextCodeFix(), key!, Id, FixAllScope.Solution, document);
                Assert.Equal(offered, action is not null);
            }
        }

        // Where a context is to be created, asked with no key too.
        Assert.NotNull(await FixAllActionAsync(new CreateJsonContextCodeFix(), null!, Id, FixAllScope.Solution, CreateDocument(Commands)));
    }

    private static async Task<string> CreatedTextAsync(Document fixedDocument)
    {
        var created = Assert.Single(fixedDocument.Project.Documents, d => d.Name.Contains("JsonContext", StringComparison.Ordinal));
        return (await created.GetTextAsync(TestContext.Current.CancellationToken)).ToString();
    }
}
