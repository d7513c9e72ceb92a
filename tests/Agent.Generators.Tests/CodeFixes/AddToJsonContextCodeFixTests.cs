using GuestAgent.Generators.CodeFixes;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using static GuestAgent.Generators.Tests.CodeFixes.CodeFixHarness;
using static GuestAgent.Generators.Tests.CodeFixes.ListingSamples;

namespace GuestAgent.Generators.Tests.CodeFixes;

/// <summary>GA0009: the reported type is listed on the assembly's JSON context, wherever that is declared.</summary>
public sealed class AddToJsonContextCodeFixTests
{
    private const string Id = "GA0009";

    [Fact]
    public async Task The_type_is_listed_after_the_contexts_last_JsonSerializable_in_its_own_file()
    {
        var fixedDocument = await FixAsync(new AddToJsonContextCodeFix(), Id, 0, ListingCommands, ListingContext);

        Assert.Equal(
            $$"""
            using System.Text.Json.Serialization;
            using App;

            namespace App.Json;

            /// <summary>The command types.</summary>
            [JsonSourceGenerationOptions(WriteIndented = false)]
            [JsonSerializable(typeof(Listed))]
            [JsonSerializable(typeof(Move))]
            public partial class Ctx : JsonSerializerContext
            {
            {{ContextMembers}}
            }
            """,
            await CompilingTextAsync(Other(fixedDocument)));
        Assert.Equal(["Task<List<Move>>"], (await DiagnosticsAsync(fixedDocument, Id)).Select(SpanText));
    }

    [Fact]
    public async Task A_generic_type_is_spelled_for_the_usings_of_the_contexts_file()
    {
        var fixedDocument = await FixAsync(new AddToJsonContextCodeFix(), Id, 1, ListingCommands, ListingContext);

        Assert.Contains(
            "[JsonSerializable(typeof(Listed))]\n[JsonSerializable(typeof(System.Collections.Generic.List<Move>))]\npublic partial class Ctx",
            await CompilingTextAsync(Other(fixedDocument)),
            StringComparison.Ordinal);
        Assert.Equal(["Move"], (await DiagnosticsAsync(fixedDocument, Id)).Select(SpanText));
    }

    [Fact]
    public async Task A_context_with_no_attributes_gets_a_qualified_one_under_its_documentation()
    {
        var context = $$"""
            namespace App.Json
            {
                /// <summary>The command types.</summary>
                public partial class Ctx : System.Text.Json.Serialization.JsonSerializerContext
                {
                {{ContextMembers}}
                }
            }
            """;
        var fixedDocument = await FixAsync(new AddToJsonContextCodeFix(), Id, 0, ListingCommands, context);

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
            """,
            await CompilingTextAsync(Other(fixedDocument)));
    }

    [Fact]
    public async Task No_fix_when_the_assembly_names_no_context()
    {
        var document = CreateDocument("""
            using GuestAgent.Commands;

            public sealed record Move(string From, string To);
            public static class A { [Command("move")] public static void Run(Move move) { } }
            """);
        var diagnostic = Assert.Single(await DiagnosticsAsync(document, Id));
        Assert.Empty(await ActionsAsync(new AddToJsonContextCodeFix(), document, diagnostic));
    }

    [Fact]
    public async Task Fix_all_lists_every_missing_type_at_once()
    {
        var fixedDocument = await FixAllAsync(new AddToJsonContextCodeFix(), AddToJsonContextCodeFix.EquivalenceKey, Id, FixAllScope.Document, ListingCommands, ListingContext);

        Assert.Equal(
            $$"""
            using System.Text.Json.Serialization;
            using App;

            namespace App.Json;

            /// <summary>The command types.</summary>
            [JsonSourceGenerationOptions(WriteIndented = false)]
            [JsonSerializable(typeof(Listed))]
            [JsonSerializable(typeof(Move))]
            [JsonSerializable(typeof(System.Collections.Generic.List<Move>))]
            public partial class Ctx : JsonSerializerContext
            {
            {{ContextMembers}}
            }
            """,
            await CompilingTextAsync(Other(fixedDocument)));
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));
    }

    [Fact]
    public async Task A_type_whose_name_is_taken_gets_a_property_name_of_its_own()
    {
        // App.Listed is listed already; a second Listed, in App.Other, would give the System.Text.Json
        // generator two properties of the same name (SYSLIB1031).
        var commands = ListingCommands.Replace("Run(Move move, Listed listed)", "Run(Listed listed, Other.Listed other)", StringComparison.Ordinal)
            .Replace("[Command(\"moves\")] public static Task<List<Move>> All() => null!;", "", StringComparison.Ordinal);

        var fixedDocument = await FixAsync(new AddToJsonContextCodeFix(), Id, 0, commands, ListingContext, OtherListed);
        var context = await CompilingTextAsync(Other(fixedDocument));

        Assert.Contains(
            "[JsonSerializable(typeof(Listed))]\n[JsonSerializable(typeof(Other.Listed), TypeInfoPropertyName = \"AppOtherListed\")]\npublic partial class Ctx",
            context,
            StringComparison.Ordinal);
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));

        // The real generator accepts the fixed context, and rejects it without the property name.
        Assert.DoesNotContain("SYSLIB1031", JsonGeneratorDiagnostics(commands, context));
        Assert.Contains("SYSLIB1031", JsonGeneratorDiagnostics(commands, context.Replace(", TypeInfoPropertyName = \"AppOtherListed\"", "", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_type_sharing_its_name_is_titled_and_listed_with_the_qualified_name_of_the_message()
    {
        var commands = ListingCommands.Replace("Run(Move move, Listed listed)", "Run(Other.Listed other)", StringComparison.Ordinal)
            .Replace("[Command(\"moves\")] public static Task<List<Move>> All() => null!;", "", StringComparison.Ordinal);
        var document = CreateDocument(commands, ListingContext.Replace("[JsonSerializable(typeof(Listed))]\n", "", StringComparison.Ordinal), OtherListed);
        var diagnostic = Assert.Single(await DiagnosticsAsync(document, Id));
        Assert.EndsWith("add [JsonSerializable(typeof(Other.Listed))] to 'Ctx'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var action = Assert.Single(await ActionsAsync(new AddToJsonContextCodeFix(), document, diagnostic));
        Assert.Equal("Add [JsonSerializable(typeof(Other.Listed))] to 'Ctx'", action.Title);

        var fixedDocument = await FixAsync(new AddToJsonContextCodeFix(), Id, 0, commands, ListingContext.Replace("[JsonSerializable(typeof(Listed))]\n", "", StringComparison.Ordinal), OtherListed);
        Assert.Contains("[JsonSerializable(typeof(Other.Listed))]\npublic partial class Ctx", await CompilingTextAsync(Other(fixedDocument)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listed_types_own_property_name_leaves_its_default_name_free()
    {
        var commands = ListingCommands.Replace("Run(Move move, Listed listed)", "Run(Other.Listed other)", StringComparison.Ordinal)
            .Replace("[Command(\"moves\")] public static Task<List<Move>> All() => null!;", "", StringComparison.Ordinal);
        var context = await ListedTextAsync(commands, "[JsonSerializable(typeof(Listed), TypeInfoPropertyName = \"AppListed\")]", OtherListed);

        Assert.Contains("[JsonSerializable(typeof(Listed), TypeInfoPropertyName = \"AppListed\")]\n[JsonSerializable(typeof(Other.Listed))]\npublic partial class Ctx", context, StringComparison.Ordinal);
        Assert.DoesNotContain("SYSLIB1031", JsonGeneratorDiagnostics(commands, context));
    }

    [Fact]
    public async Task Generic_types_with_other_type_arguments_and_arrays_do_not_clash_with_their_element_type()
    {
        // The System.Text.Json generator names List<Listed> ListListed, List<Move> ListMove and Move[] MoveArray.
        var commands = ListingCommands.Replace("Run(Move move, Listed listed)", "Run(Move[] moves)", StringComparison.Ordinal)
            .Replace("[Command(\"moves\")] public static Task<List<Move>> All() => null!;", "[Command(\"moves\")] public static Task<List<Move>> All() => null!;\n    [Command(\"listed\")] public static List<Listed> Some() => null!;", StringComparison.Ordinal);
        var listing = "[JsonSerializable(typeof(Move))]\n[JsonSerializable(typeof(System.Collections.Generic.List<Listed>))]";

        var document = CreateDocument(commands, ListingContext.Replace("[JsonSerializable(typeof(Listed))]", listing, StringComparison.Ordinal));
        Assert.Equal(["Move[]", "Task<List<Move>>"], (await DiagnosticsAsync(document, Id)).Select(SpanText));
        var fixedDocument = await FixAllAsync(new AddToJsonContextCodeFix(), AddToJsonContextCodeFix.EquivalenceKey, Id, FixAllScope.Document, commands, ListingContext.Replace("[JsonSerializable(typeof(Listed))]", listing, StringComparison.Ordinal));
        var context = await CompilingTextAsync(Other(fixedDocument));

        Assert.Contains(listing + "\n[JsonSerializable(typeof(Move[]))]\n[JsonSerializable(typeof(System.Collections.Generic.List<Move>))]\npublic partial class Ctx", context, StringComparison.Ordinal);
        Assert.DoesNotContain("SYSLIB1031", JsonGeneratorDiagnostics(commands, context));
    }

    /// <summary>The context's file after the fix for the first GA0009, the context listing <paramref name="listing"/> instead of Listed.</summary>
    private static async Task<string> ListedTextAsync(string commands, string listing, params string[] more)
    {
        var fixedDocument = await FixAsync(new AddToJsonContextCodeFix(), Id, 0, [commands, ListingContext.Replace("[JsonSerializable(typeof(Listed))]", listing, StringComparison.Ordinal), .. more]);
        var context = await CompilingTextAsync(Other(fixedDocument));
        Assert.Empty(await DiagnosticsAsync(fixedDocument, Id));
        return context;
    }

    private const string OtherListed = "namespace App.Other;\npublic sealed record Listed(string Name);\n";

    /// <summary>The ids the System.Text.Json generator reports for the sources, the context's hand-written members taken out.</summary>
    private static List<string> JsonGeneratorDiagnostics(string commands, string context)
    {
        var (_, result) = TestCompiler.Generate(TestCompiler.Compile(commands, context.Replace(ContextMembers, "", StringComparison.Ordinal), OtherListed), withJson: true);
        return [.. result.Diagnostics.Select(d => d.Id)];
    }

    private static Document Other(Document document) => document.Project.Documents.Single(d => d.Name == "Source1.cs");

    private static string SpanText(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
