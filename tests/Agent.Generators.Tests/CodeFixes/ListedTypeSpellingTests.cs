using System.Globalization;
using GuestAgent.Generators.CodeFixes;
using Microsoft.CodeAnalysis;
using static GuestAgent.Generators.Tests.CodeFixes.CodeFixHarness;
using static GuestAgent.Generators.Tests.CodeFixes.ListingSamples;

namespace GuestAgent.Generators.Tests.CodeFixes;

/// <summary>
/// GA0009's <c>[JsonSerializable(typeof(...))]</c> names the type as it binds where the fix lists it, at the
/// context's declaration: the readable spelling (qualified only as far as another type of the compilation
/// or the context shares its name) where that binds there, else with as much of its namespace as the
/// context's file needs, else <c>global::</c>-qualified. Two types of one short name from different
/// namespaces are never both spelled alike, and the message, the fix's title and its edit agree.
/// </summary>
public sealed class ListedTypeSpellingTests
{
    private const string Id = "GA0009";

    // Two Moves the context's file (namespace App.Json, 'using App;') has no using for.
    private const string Moves = """
        namespace Lib.Left { public sealed record Move(int X); }
        namespace Lib.Right { public sealed record Move(int Y); }
        """;

    private static readonly string Commands = ListingCommands
        .Replace("Run(Move move, Listed listed)", "Run(Lib.Left.Move left, Lib.Right.Move right, Listed listed)", StringComparison.Ordinal)
        .Replace("[Command(\"moves\")] public static Task<List<Move>> All() => null!;", "[Command(\"moves\")] public static Task<List<Move>> All() => null!;\n    [Command(\"lefts\")] public static List<Lib.Left.Move> Lefts() => null!;", StringComparison.Ordinal);

    [Fact]
    public async Task Two_types_of_one_name_are_listed_as_they_bind_at_the_context_and_the_message_says_so()
    {
        var document = CreateDocument(Commands, ListingContext, Moves);
        var diagnostics = await DiagnosticsAsync(document, Id);
        Assert.Equal(
            [
                "add [JsonSerializable(typeof(Lib.Left.Move))] to 'Ctx'",
                "add [JsonSerializable(typeof(Lib.Right.Move))] to 'Ctx'",
                "add [JsonSerializable(typeof(System.Collections.Generic.List<Move>))] to 'Ctx'",
                "add [JsonSerializable(typeof(System.Collections.Generic.List<Lib.Left.Move>))] to 'Ctx'",
            ],
            diagnostics.Select(d => Advice(d.GetMessage(CultureInfo.InvariantCulture))));

        foreach (var (diagnostic, index) in diagnostics.Select((d, i) => (d, i)))
        {
            var advice = Advice(diagnostic.GetMessage(CultureInfo.InvariantCulture));
            var action = Assert.Single(await ActionsAsync(new AddToJsonContextCodeFix(), document, diagnostic));
            Assert.Equal("A" + advice[1..], action.Title);

            var fixedDocument = await FixAsync(new AddToJsonContextCodeFix(), Id, index, Commands, ListingContext, Moves);
            var listed = advice["add ".Length..advice.IndexOf(" to 'Ctx'", StringComparison.Ordinal)];
            Assert.Contains(listed + "\npublic partial class Ctx", await CompilingTextAsync(ContextDocument(fixedDocument)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_spelling_a_type_of_the_contexts_file_captures_is_qualified_with_global()
    {
        // 'Lib' at the context is App.Json.Lib, a namespace of its own: only global:: reaches the Move meant.
        var context = $$"""
            using System.Text.Json.Serialization;
            using App;

            namespace App.Json.Lib { public static class Marker { } }

            namespace App.Json
            {
                [JsonSerializable(typeof(Listed))]
                public partial class Ctx : JsonSerializerContext
                {
                {{ContextMembers}}
                }
            }
            """;
        var commands = ListingCommands.Replace("Run(Move move, Listed listed)", "Run(Lib.Left.Move left, Listed listed)", StringComparison.Ordinal)
            .Replace("[Command(\"moves\")] public static Task<List<Move>> All() => null!;", "", StringComparison.Ordinal);
        var document = CreateDocument(commands, context, Moves);
        var diagnostic = Assert.Single(await DiagnosticsAsync(document, Id));
        Assert.EndsWith("add [JsonSerializable(typeof(global::Lib.Left.Move))] to 'Ctx'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var action = Assert.Single(await ActionsAsync(new AddToJsonContextCodeFix(), document, diagnostic));
        Assert.Equal("Add [JsonSerializable(typeof(global::Lib.Left.Move))] to 'Ctx'", action.Title);
    }

    [Fact]
    public async Task The_spelling_binds_at_the_part_of_the_context_that_lists_types()
    {
        // The first part names no type; the part the fix lists on imports Lib.Left, where 'Move' is Lib.Left.Move.
        const string Bare = """
            namespace App.Json;

            public partial class Ctx;
            """;
        var listing = ListingContext.Replace("using App;", "using App;\nusing Lib.Left;", StringComparison.Ordinal);
        // Without App.Move, which App.Json would find before any using.
        var commands = ListingCommands.Replace("Run(Move move, Listed listed)", "Run(Lib.Left.Move left, Listed listed)", StringComparison.Ordinal)
            .Replace("[Command(\"moves\")] public static Task<List<Move>> All() => null!;", "", StringComparison.Ordinal)
            .Replace("public sealed record Move(string From, string To);", "", StringComparison.Ordinal);
        var diagnostic = Assert.Single(await DiagnosticsAsync(CreateDocument(commands, Bare, listing, Moves), Id));
        Assert.EndsWith("add [JsonSerializable(typeof(Move))] to 'Ctx'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_one_context_no_attribute_names_gets_the_spelling_that_binds_at_it()
    {
        var commands = ListingCommands.Replace("[assembly: CommandJsonContext(typeof(App.Json.Ctx))]", "", StringComparison.Ordinal)
            .Replace("Run(Move move, Listed listed)", "Run(Lib.Left.Move left, Listed listed)", StringComparison.Ordinal)
            .Replace("[Command(\"moves\")] public static Task<List<Move>> All() => null!;", "", StringComparison.Ordinal);
        // The first is Lib.Left.Move's; Listed's says the context lists it.
        var diagnostic = (await DiagnosticsAsync(CreateDocument(commands, ListingContext, Moves), Id))[0];
        Assert.EndsWith(
            "name 'Ctx' with [assembly: CommandJsonContext(typeof(App.Json.Ctx))] and add [JsonSerializable(typeof(Lib.Left.Move))] to it",
            diagnostic.GetMessage(CultureInfo.InvariantCulture),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_leading_name_tells_two_types_of_one_name_apart_as_far_as_they_need()
    {
        // App.Move, Lib.Left.Move and Lib.Right.Move: each qualified as far as the others share its name, its annotation kept;
        // a keyword's type stays a keyword.
        var commands = ListingCommands.Replace("Run(Move move, Listed listed)", "Run(Lib.Left.Move left, Lib.Right.Move? right, Listed listed, Dictionary<string, int> counts)", StringComparison.Ordinal);
        var diagnostics = await DiagnosticsAsync(CreateDocument(commands, ListingContext, Moves), Id);
        Assert.Equal(
            ["Type 'Left.Move' of command method", "Type 'Right.Move?' of command method", "Type 'Dictionary<string, int>' of command method", "Type 'List<App.Move>' of command method"],
            diagnostics.Select(d => Leading(d.GetMessage(CultureInfo.InvariantCulture))));

        // One Move only: the name alone, as every ordinary message spells it.
        var single = Assert.Single(await DiagnosticsAsync(CreateDocument(ListingCommands.Replace("Run(Move move, Listed listed)", "Run(Listed listed)", StringComparison.Ordinal), ListingContext), Id));
        Assert.Equal("Type 'List<Move>' of command method", Leading(single.GetMessage(CultureInfo.InvariantCulture)));
    }

    private static string Leading(string message) => message[..(message.IndexOf(" of command method", StringComparison.Ordinal) + " of command method".Length)];

    private static string Advice(string message) => message[message.IndexOf("add [", StringComparison.Ordinal)..];

    private static Document ContextDocument(Document document) => document.Project.Documents.Single(d => d.Name == "Source1.cs");
}
