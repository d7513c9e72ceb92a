using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// GA0021 is not a guess either: each result shape it reports makes the real source-generated
/// context fail as it prepares the type, so the command runs and its answer is an internal error;
/// the shapes GA0020 reports that fail only reads (or only when a request sends the member) are
/// written fine; and the analyzer reports exactly the failing commands, at their return type.
/// </summary>
public sealed class UnwritableResultExecutionTests(UnwritableResultExecutionTests.Samples samples) : IClassFixture<UnwritableResultExecutionTests.Samples>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Collections.ObjectModel;
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        // Reported: the context fails as it prepares each (two members bind one parameter; Populate
        // on a polymorphic property, on a property that cannot be populated, in a type created with values in hand).
        public sealed class CasePair(int count) { public int Count { get; } = count; public int count { get; set; } }

        [JsonDerivedType(typeof(Circle), "circle")]
        public class Shape { public int X { get; set; } }
        public sealed class Circle : Shape { }

        public sealed class Drawing { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Shape Shape { get; } = new(); }

        public sealed class Refused { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public IReadOnlyList<int> Items { get; } = new List<int>(); }

        public struct Point { public int X { get; set; } }

        public sealed class RefusedStruct { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Point Where { get; } }

        public sealed class ByConstructor(int size)
        {
            public int Size { get; } = size;
            [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public List<int> Items { get; } = new();
        }

        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class ByInit { public List<int> Items { get; } = new(); public int Size { get; init; } }

        // Reported inside what is written: a getter-only member, a list's items.
        public sealed class Album { public Drawing Cover { get; } = new(); }

        // Written fine (GA0020 reports them as parameters): a parameter that binds nothing, Populate into
        // a read-only collection or a value with an init-only property.
        public sealed class Move { public Move(string from, int speed) => From = from; public string From { get; } }

        public sealed class Frozen { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public ReadOnlyCollection<int> Items { get; } = new(new List<int> { 1 }); }

        public sealed class Limits { public int Max { get; init; } }

        public sealed class Limited { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Limits Limits { get; } = new() { Max = 2 }; }

        [JsonSerializable(typeof(CasePair))] [JsonSerializable(typeof(Drawing))] [JsonSerializable(typeof(Refused))] [JsonSerializable(typeof(RefusedStruct))]
        [JsonSerializable(typeof(ByConstructor))] [JsonSerializable(typeof(ByInit))] [JsonSerializable(typeof(Album))] [JsonSerializable(typeof(List<CasePair>))]
        [JsonSerializable(typeof(Move))] [JsonSerializable(typeof(Frozen))] [JsonSerializable(typeof(Limited))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("case-pair")] public static CasePair MakeCasePair() => new(1);
            [Command("drawing")] public static Drawing MakeDrawing() => new();
            [Command("refused")] public static Refused MakeRefused() => new();
            [Command("refused-struct")] public static RefusedStruct MakeRefusedStruct() => new();
            [Command("by-constructor")] public static ByConstructor MakeByConstructor() => new(3);
            [Command("by-init")] public static Task<ByInit> MakeByInit() => Task.FromResult(new ByInit());
            [Command("album")] public static Album MakeAlbum() => new();
            [Command("pairs")] public static List<CasePair> MakePairs() => [new(1)];

            [Command("move")] public static Move MakeMove() => new("here", 3);
            [Command("frozen")] public static Frozen MakeFrozen() => new();
            [Command("limited")] public static Limited MakeLimited() => new();
        }
        """;

    private static readonly string[] Reported =
        ["MakeCasePair", "MakeDrawing", "MakeRefused", "MakeRefusedStruct", "MakeByConstructor", "MakeByInit", "MakeAlbum", "MakePairs"];

    [Theory]
    [InlineData("case-pair")]
    [InlineData("drawing")]
    [InlineData("refused")]
    [InlineData("refused-struct")]
    [InlineData("by-constructor")]
    [InlineData("by-init")]
    [InlineData("album")]
    [InlineData("pairs")]
    public async Task Each_reported_result_fails_to_be_written_by_the_real_context(string command) =>
        Assert.Equal(
            $$"""{"returncode":"500","message":"Command '{{command}}' failed with an internal error"}""",
            await samples.Commands.SendAsync($$"""{"name":"{{command}}","value":null}"""));

    [Theory]
    [InlineData("move", "{'From':'here'}")]
    [InlineData("frozen", "{'Items':[1]}")]
    [InlineData("limited", "{'Limits':{'Max':2}}")]
    public async Task Results_that_fail_only_when_read_are_written(string command, string message) =>
        Assert.Equal(
            $$"""{"returncode":"0","message":"{{message}}"}""",
            await samples.Commands.SendAsync($$"""{"name":"{{command}}","value":null}"""));

    [Fact]
    public void The_analyzer_reports_exactly_the_commands_whose_result_fails_at_their_return_type()
    {
        Assert.All(samples.Diagnostics, d => Assert.Equal("GA0021", d.Id));
        var methods = samples.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[1]).ToList();
        Assert.Equal(Reported.Select(m => "Sample.Commands." + m + "()"), methods);
        // At the return type: the span is what precedes the method's name ("Task<ByInit>" in "Task<ByInit> MakeByInit()").
        Assert.All(samples.Diagnostics, d =>
        {
            var text = d.Location.SourceTree!.GetText(TestContext.Current.CancellationToken);
            var line = text.Lines.GetLineFromPosition(d.Location.SourceSpan.Start).ToString();
            Assert.Contains("public static " + text.ToString(d.Location.SourceSpan) + " Make", line, StringComparison.Ordinal);
        });
    }

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Source);
}
