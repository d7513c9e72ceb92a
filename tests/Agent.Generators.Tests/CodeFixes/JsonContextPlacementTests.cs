using GuestAgent.Generators.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using static GuestAgent.Generators.Tests.CodeFixes.CodeFixHarness;
using static GuestAgent.Generators.Tests.CodeFixes.ListingSamples;

namespace GuestAgent.Generators.Tests.CodeFixes;

/// <summary>
/// GA0009's listing fix: which part of a partial context gets the lists, where among its
/// attributes they go, the line breaks and indentation they take, and each type once.
/// </summary>
public sealed class JsonContextPlacementTests
{
    private const string Id = "GA0009";

    [Fact]
    public async Task A_partial_context_gets_the_type_on_the_part_that_lists_types_not_on_its_first_part()
    {
        var firstPart = $$"""
            namespace App.Json;

            public partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext
            {
            {{ContextMembers}}
            }
            """;
        var listingPart = """
            using System.Text.Json.Serialization;

            namespace App.Json;

            [JsonSerializable(typeof(App.Listed))]
            public partial class Ctx;
            """;
        var fixedDocument = await FixAsync(new AddToJsonContextCodeFix(), Id, 0, ListingCommands, firstPart, listingPart);

        Assert.Equal(firstPart, await CompilingTextAsync(Source(fixedDocument, 1)));
        Assert.Equal(
            """
            using System.Text.Json.Serialization;

            namespace App.Json;

            [JsonSerializable(typeof(App.Listed))]
            [JsonSerializable(typeof(Move))]
            public partial class Ctx;
            """,
            await CompilingTextAsync(Source(fixedDocument, 2)));
    }

    [Fact]
    public async Task Fix_all_lists_a_type_two_commands_use_once()
    {
        var commands = ListingCommands.Replace("[Command(\"moves\")]", "[Command(\"again\")] public static void Again(Move move) { }\n    [Command(\"moves\")]", StringComparison.Ordinal);
        var document = CreateDocument(commands, ListingContext);
        Assert.Equal(["Move", "Move", "Task<List<Move>>"], (await DiagnosticsAsync(document, Id)).Select(SpanText));

        var fixedDocument = await FixAllAsync(new AddToJsonContextCodeFix(), AddToJsonContextCodeFix.EquivalenceKey, Id, FixAllScope.Document, commands, ListingContext);
        Assert.Equal(
            ListingContext.Replace(
                "[JsonSerializable(typeof(Listed))]\n",
                "[JsonSerializable(typeof(Listed))]\n[JsonSerializable(typeof(Move))]\n[JsonSerializable(typeof(System.Collections.Generic.List<Move>))]\n",
                StringComparison.Ordinal),
            await CompilingTextAsync(Source(fixedDocument, 1)));
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));
    }

    [Fact]
    public async Task The_title_shows_the_spelling_the_edit_writes_in_the_contexts_file()
    {
        // The message says List<Move>; the context's file has no using for System.Collections.Generic.
        var document = CreateDocument(ListingCommands, ListingContext);
        var diagnostic = (await DiagnosticsAsync(document, Id))[1];
        var action = Assert.Single(await ActionsAsync(new AddToJsonContextCodeFix(), document, diagnostic));
        Assert.Equal("Add [JsonSerializable(typeof(System.Collections.Generic.List<Move>))] to 'Ctx'", action.Title);
    }

    [Fact]
    public async Task The_type_goes_after_the_last_JsonSerializable_not_after_other_attributes()
    {
        var context = ListingContext
            .Replace("[JsonSourceGenerationOptions(WriteIndented = false)]\n", "", StringComparison.Ordinal)
            .Replace("[JsonSerializable(typeof(Listed))]\n", "[JsonSerializable(typeof(Listed))]\n[JsonSourceGenerationOptions(WriteIndented = false)]\n", StringComparison.Ordinal);
        var fixedDocument = await FixAsync(new AddToJsonContextCodeFix(), Id, 0, ListingCommands, context);

        Assert.Equal(
            context.Replace("[JsonSerializable(typeof(Listed))]\n", "[JsonSerializable(typeof(Listed))]\n[JsonSerializable(typeof(Move))]\n", StringComparison.Ordinal),
            await CompilingTextAsync(Source(fixedDocument, 1)));
    }

    [Fact]
    public async Task Lists_sharing_a_line_with_the_class_get_one_more_on_that_line()
    {
        var context = $$"""
            namespace App.Json
            {
                using System.Text.Json.Serialization;

                [JsonSerializable(typeof(Listed))] public partial class Ctx : JsonSerializerContext
                {
                {{ContextMembers}}
                }
            }
            """;
        var fixedDocument = await FixAsync(new AddToJsonContextCodeFix(), Id, 0, ListingCommands, context);

        Assert.Equal(
            context.Replace("[JsonSerializable(typeof(Listed))] public", "[JsonSerializable(typeof(Listed))] [JsonSerializable(typeof(Move))] public", StringComparison.Ordinal),
            await CompilingTextAsync(Source(fixedDocument, 1)));
    }

    [Fact]
    public async Task Fix_all_puts_every_list_under_the_documentation_of_a_context_without_attributes_once()
    {
        var fixedDocument = await FixAllAsync(new AddToJsonContextCodeFix(), AddToJsonContextCodeFix.EquivalenceKey, Id, FixAllScope.Document, ListingCommands, BareContext("\n"));

        Assert.Equal(
            $$"""
            namespace App.Json
            {
                /// <summary>The command types.</summary>
                [System.Text.Json.Serialization.JsonSerializable(typeof(Move))]
                [System.Text.Json.Serialization.JsonSerializable(typeof(Listed))]
                [System.Text.Json.Serialization.JsonSerializable(typeof(System.Collections.Generic.List<Move>))]
                public partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext
                {
                {{ContextMembers}}
                }
            }
            """,
            await CompilingTextAsync(Source(fixedDocument, 1)));
    }

    [Fact]
    public async Task A_list_added_above_a_context_in_a_CRLF_file_ends_in_CRLF()
    {
        var fixedDocument = await FixAsync(new AddToJsonContextCodeFix(), Id, 0, ListingCommands, BareContext("\r\n"));

        Assert.Equal(
            $$"""
            namespace App.Json
            {
                /// <summary>The command types.</summary>
                [System.Text.Json.Serialization.JsonSerializable(typeof(Move))]
                public partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext
                {
                {{ContextMembers}}
                }
            }
            """.ReplaceLineEndings("\r\n"),
            await CompilingTextAsync(Source(fixedDocument, 1)));
    }

    private static string BareContext(string newLine) => $$"""
        namespace App.Json
        {
            /// <summary>The command types.</summary>
            public partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext
            {
            {{ContextMembers}}
            }
        }
        """.ReplaceLineEndings(newLine);

    private static Document Source(Document document, int index) => document.Project.Documents.Single(d => d.Name == $"Source{index}.cs");

    private static string SpanText(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
