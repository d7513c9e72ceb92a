using GuestAgent.Generators.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using static GuestAgent.Generators.Tests.CodeFixes.CodeFixHarness;

namespace GuestAgent.Generators.Tests.CodeFixes;

/// <summary>
/// GA0009 in a project that declares a JSON context no <c>[assembly: CommandJsonContext]</c>
/// names: the fix names that context and lists the type on it; it never creates a second one.
/// </summary>
public sealed class NameJsonContextCodeFixTests
{
    private const string Id = "GA0009";

    private const string Commands = """
        using GuestAgent.Commands;

        namespace App;

        public sealed record Move(string From, string To);
        public sealed record Listed(int N);

        public static class A
        {
            [Command("move")] public static void Run(Move move, Listed listed) { }
        }
        """;

    // The members the System.Text.Json generator would emit: the test compiles without it.
    private static string Context(string name) => $$"""
            public {{name}}() : base(null) { }
            protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(System.Type type) => null;
        """;

    private static readonly string OneContext = $$"""
        using System.Text.Json.Serialization;

        namespace App.Json;

        /// <summary>The command types.</summary>
        [JsonSerializable(typeof(App.Listed))]
        internal partial class MyJson : JsonSerializerContext
        {
        {{Context("MyJson")}}
        }
        """;

    [Fact]
    public async Task The_declared_context_is_named_and_lists_the_type_and_Create_is_not_offered()
    {
        var document = CreateDocument(Commands, OneContext);
        var diagnostics = await DiagnosticsAsync(document, Id);
        Assert.Equal(2, diagnostics.Length);
        var action = Assert.Single(await ActionsAsync(new NameJsonContextCodeFix(), document, diagnostics[0]));
        Assert.Equal("Name 'MyJson' with [assembly: CommandJsonContext] and add [JsonSerializable(typeof(Move))] to it", action.Title);
        foreach (var diagnostic in diagnostics)
        {
            Assert.Empty(await ActionsAsync(new CreateJsonContextCodeFix(), document, diagnostic));
        }

        var fixedDocument = await FixAsync(new NameJsonContextCodeFix(), Id, 0, Commands, OneContext);
        Assert.Equal(
            $$"""
            using System.Text.Json.Serialization;

            [assembly: GuestAgent.Commands.CommandJsonContext(typeof(App.Json.MyJson))]

            namespace App.Json;

            /// <summary>The command types.</summary>
            [JsonSerializable(typeof(App.Listed))]
            [JsonSerializable(typeof(Move))]
            internal partial class MyJson : JsonSerializerContext
            {
            {{Context("MyJson")}}
            }
            """,
            await CompilingTextAsync(ContextDocument(fixedDocument, 1)));

        // Listed was already on the context: once it is named, nothing is left to report.
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));
    }

    [Fact]
    public async Task A_context_that_lists_the_type_is_only_named_after_the_files_assembly_attributes()
    {
        var context = "using System.Reflection;\nusing GuestAgent.Commands;\nusing App;\n\n[assembly: AssemblyTrademark(\"t\")]\n\nnamespace App.Json\n{\n    [System.Text.Json.Serialization.JsonSerializable(typeof(Listed))]\n    [System.Text.Json.Serialization.JsonSerializable(typeof(Move))]\n    internal partial class MyJson : System.Text.Json.Serialization.JsonSerializerContext\n    {\n" + Context("MyJson") + "\n    }\n}\n";
        var document = CreateDocument(Commands, context);
        var action = Assert.Single(await ActionsAsync(new NameJsonContextCodeFix(), document, (await DiagnosticsAsync(document, Id))[0]));
        Assert.Equal("Name 'MyJson' with [assembly: CommandJsonContext]", action.Title);

        var fixedDocument = await FixAsync(new NameJsonContextCodeFix(), Id, 0, Commands, context);
        Assert.Equal(
            context.Replace("[assembly: AssemblyTrademark(\"t\")]\n", "[assembly: AssemblyTrademark(\"t\")]\n[assembly: CommandJsonContext(typeof(App.Json.MyJson))]\n", StringComparison.Ordinal),
            await CompilingTextAsync(ContextDocument(fixedDocument, 1)));
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));
    }

    [Fact]
    public async Task With_several_contexts_one_fix_per_context_and_fix_all_names_the_chosen_one_once()
    {
        var other = "namespace App.Other;\n\ninternal partial class Second : System.Text.Json.Serialization.JsonSerializerContext\n{\n" + Context("Second") + "\n}\n";
        var document = CreateDocument(Commands, OneContext, other);
        var diagnostic = (await DiagnosticsAsync(document, Id))[0];
        var actions = await ActionsAsync(new NameJsonContextCodeFix(), document, diagnostic);
        Assert.Equal(
            ["Name 'MyJson' with [assembly: CommandJsonContext] and add [JsonSerializable(typeof(Move))] to it",
             "Name 'Second' with [assembly: CommandJsonContext] and add [JsonSerializable(typeof(Move))] to it"],
            actions.Select(a => a.Title));
        Assert.Empty(await ActionsAsync(new CreateJsonContextCodeFix(), document, diagnostic));

        var fixedDocument = await FixAllAsync(new NameJsonContextCodeFix(), actions[1].EquivalenceKey!, Id, FixAllScope.Project, Commands, OneContext, other);
        Assert.Equal(
            "[assembly: GuestAgent.Commands.CommandJsonContext(typeof(App.Other.Second))]\n\nnamespace App.Other;\n\n"
            + "[System.Text.Json.Serialization.JsonSerializable(typeof(Move))]\n[System.Text.Json.Serialization.JsonSerializable(typeof(Listed))]\n"
            + "internal partial class Second : System.Text.Json.Serialization.JsonSerializerContext\n{\n" + Context("Second") + "\n}\n",
            await CompilingTextAsync(ContextDocument(fixedDocument, 2)));
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));
    }

    [Fact]
    public async Task Fix_all_asked_for_with_no_key_names_the_project_s_only_context_as_dotnet_format_asks()
    {
        // dotnet format run with several ids (--diagnostics GA0003 GA0009) may start GA0009's Fix All
        // from GA0003's diagnostic, where this fix offers nothing, and so passes no key: the one
        // declared context is still the only choice the fix offers, so it is the one named.
        var fixedDocument = await FixAllAsync(new NameJsonContextCodeFix(), null!, Id, FixAllScope.Solution, Commands, OneContext);

        Assert.Equal(
            $$"""
            using System.Text.Json.Serialization;

            [assembly: GuestAgent.Commands.CommandJsonContext(typeof(App.Json.MyJson))]

            namespace App.Json;

            /// <summary>The command types.</summary>
            [JsonSerializable(typeof(App.Listed))]
            [JsonSerializable(typeof(Move))]
            internal partial class MyJson : JsonSerializerContext
            {
            {{Context("MyJson")}}
            }
            """,
            await CompilingTextAsync(ContextDocument(fixedDocument, 1)));
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));
    }

    [Fact]
    public async Task Fix_all_asked_for_with_no_key_offers_nothing_with_several_contexts_or_none()
    {
        // Which of several the commands should use is the author's choice, not the tool's; and an
        // action that changes nothing would hide it: with none, dotnet format says it could not fix GA0009.
        var other = "namespace App.Other;\n\ninternal partial class Second : System.Text.Json.Serialization.JsonSerializerContext\n{\n" + Context("Second") + "\n}\n";
        var several = CreateDocument(Commands, OneContext, other);
        Assert.Equal(2, (await DiagnosticsAsync(several, Id)).Length);
        Assert.Null(await FixAllActionAsync(new NameJsonContextCodeFix(), null!, Id, FixAllScope.Solution, several));

        var none = CreateDocument(Commands);
        Assert.Equal(2, (await DiagnosticsAsync(none, Id)).Length);
        Assert.Null(await FixAllActionAsync(new NameJsonContextCodeFix(), null!, Id, FixAllScope.Solution, none));
    }

    [Fact]
    public async Task In_a_CRLF_file_the_attribute_goes_under_the_header_comment_on_a_CRLF_line()
    {
        var context = ("// The team's header.\nnamespace App.Json;\n\n[System.Text.Json.Serialization.JsonSerializable(typeof(App.Move))]\n"
            + "[System.Text.Json.Serialization.JsonSerializable(typeof(App.Listed))]\ninternal partial class MyJson : System.Text.Json.Serialization.JsonSerializerContext\n{\n"
            + Context("MyJson") + "\n}\n").ReplaceLineEndings("\r\n");
        var fixedDocument = await FixAsync(new NameJsonContextCodeFix(), Id, 0, Commands, context);

        Assert.Equal(
            context.Replace("// The team's header.\r\n", "// The team's header.\r\n[assembly: GuestAgent.Commands.CommandJsonContext(typeof(App.Json.MyJson))]\r\n\r\n", StringComparison.Ordinal),
            await CompilingTextAsync(ContextDocument(fixedDocument, 1)));
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));
    }

    [Fact]
    public async Task Usings_inside_the_namespace_do_not_shorten_the_attribute_written_above_it()
    {
        var context = "namespace App.Json\n{\n    using GuestAgent.Commands;\n    using System.Text.Json.Serialization;\n\n"
            + "    [JsonSerializable(typeof(Move))]\n    [JsonSerializable(typeof(Listed))]\n    internal partial class MyJson : JsonSerializerContext\n    {\n"
            + Context("MyJson") + "\n    }\n}\n";
        var fixedDocument = await FixAsync(new NameJsonContextCodeFix(), Id, 0, Commands, context);

        Assert.Equal(
            "[assembly: GuestAgent.Commands.CommandJsonContext(typeof(App.Json.MyJson))]\n\n" + context,
            await CompilingTextAsync(ContextDocument(fixedDocument, 1)));
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));
    }

    private static Document ContextDocument(Document fixedDocument, int index) =>
        Assert.Single(fixedDocument.Project.Documents, d => d.Name == $"Source{index}.cs");
}
