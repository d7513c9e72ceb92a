using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// GA0020 is not a guess: each shape it reports really fails against the real source-generated
/// context (the request is answered with an internal error), while the readable shapes next to
/// them, and a result-only type with the same fault, work; and the analyzer reports exactly the
/// failing commands, on the same source.
/// </summary>
public sealed class UnreadableTypeExecutionTests(UnreadableTypeExecutionTests.Samples samples) : IClassFixture<UnreadableTypeExecutionTests.Samples>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Collections.ObjectModel;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        // Reported: a constructor parameter binds no member (speed; count, marked; count is int? there).
        public sealed class Move
        {
            public Move(string from, int speed) => From = from;
            public string From { get; }
        }

        public sealed class Marked
        {
            public Marked() { }
            [JsonConstructor] public Marked(int count) { }
            public int Total { get; set; }
        }

        public sealed class Mismatch(int? count) { public int Count { get; } = count ?? 0; }

        public sealed class Holder { public List<Mismatch>? Items { get; set; } }

        public sealed class Ignored(int count) { [JsonIgnore] internal int Count { get; } = count; }

        // Reported: Populate in a type created with values in hand.
        public sealed class ByConstructor(int size)
        {
            public int Size { get; } = size;
            [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public List<int> Items { get; } = new();
        }

        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class ByInit
        {
            public List<int> Items { get; } = new();
            public int Size { get; init; }
        }

        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class ByRequired
        {
            public List<int> Items { get; } = new();
            public required int Size { get; set; }
        }

        // Reported: Populate into a value with an init-only property, into a read-only collection
        // (on the property; on a derived class, for an inherited one), onto a read-only interface.
        public sealed class Limits { public int Max { get; init; } }

        public sealed class Limited { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Limits Limits { get; } = new(); }

        public sealed class Frozen { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public ReadOnlyCollection<int> Items { get; } = new(new List<int>()); }

        public class Plain { public ReadOnlyCollection<int> Items { get; } = new(new List<int>()); }

        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class DerivedPopulates : Plain { }

        public sealed class Refused { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public IReadOnlyList<int> Items { get; } = new List<int>(); }

        public struct Point { public int X { get; set; } }

        public sealed class RefusedStruct { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Point Where { get; } }

        // Reported: two members differing only in case bind one constructor parameter; Populate on a
        // property whose type reads a type discriminator; a populated value that may be null is created.
        public sealed class CasePair(int count) { public int Count { get; } = count; public int count { get; set; } }

        [JsonDerivedType(typeof(Circle), "circle")]
        public class Shape { public int X { get; set; } }
        public sealed class Circle : Shape { }

        public sealed class Drawing { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Shape Shape { get; } = new(); }

        public sealed class Sized(int size) { public int Size { get; } = size; public int Count { get; set; } }

        public sealed class Unbound(int speed) { public int Other { get; set; } = speed; }

        public sealed class MaybeNull { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Unbound? Value { get; set; } }

        // Readable: a value populated in place is never created, so its constructor binds nothing
        // (Size is not read, an unbound parameter does no harm); a type-level Populate of a polymorphic type.
        public sealed class HoldsSized { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Sized Inner { get; } = new(7); }

        public sealed class KeptUnbound { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Unbound Value { get; } = new(3); }

        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class TypeLevelShape { public Shape Shape { get; } = new(); }

        // Readable: every parameter binds (ignoring case), Populate into mutable members of a type
        // with a parameterless constructor, a base class's Populate that does not reach its derived class.
        public sealed record Pair(string From, string To);

        public sealed class Cased { public Cased(int COUNT) => Count = COUNT; public int Count { get; } }

        public sealed class Included(int size) { [JsonInclude] internal int Size { get; } = size; public int Read => Size; }

        public sealed class IgnoredPublic(int count) { [JsonIgnore] public int Count { get; } = count; }

        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class Filled
        {
            public List<int> Items { get; } = new();
            public Dictionary<string, int> Map { get; } = new();
        }

        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public class BasePopulates { public ReadOnlyCollection<int> Items { get; } = new(new List<int>()); }

        public sealed class Derived : BasePopulates { }

        // Members the generated code cannot set are no initializer values: a private init, required
        // members a [SetsRequiredMembers] constructor sets.
        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class PrivateInit
        {
            public List<int> Items { get; } = new();
            public int Size { get; private init; }
            [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Hidden Inner { get; } = new();
        }

        public sealed class Hidden { public int Max { get; private init; } public int Min { get; set; } }

        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class SetsAll
        {
            [System.Diagnostics.CodeAnalysis.SetsRequiredMembers] public SetsAll() => Size = 1;
            public List<int> Items { get; } = new();
            public required int Size { get; set; }
        }

        public class PlainList { public List<int> Items { get; } = new(); }

        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class DerivedList : PlainList { }

        [JsonSerializable(typeof(Move))] [JsonSerializable(typeof(Marked))] [JsonSerializable(typeof(Holder))] [JsonSerializable(typeof(Ignored))]
        [JsonSerializable(typeof(ByConstructor))] [JsonSerializable(typeof(ByInit))] [JsonSerializable(typeof(ByRequired))]
        [JsonSerializable(typeof(Limited))] [JsonSerializable(typeof(Frozen))] [JsonSerializable(typeof(DerivedPopulates))] [JsonSerializable(typeof(Refused))] [JsonSerializable(typeof(RefusedStruct))]
        [JsonSerializable(typeof(Pair))] [JsonSerializable(typeof(Cased))] [JsonSerializable(typeof(Included))] [JsonSerializable(typeof(IgnoredPublic))] [JsonSerializable(typeof(Filled))] [JsonSerializable(typeof(Derived))] [JsonSerializable(typeof(DerivedList))]
        [JsonSerializable(typeof(PrivateInit))] [JsonSerializable(typeof(SetsAll))]
        [JsonSerializable(typeof(CasePair))] [JsonSerializable(typeof(Drawing))] [JsonSerializable(typeof(MaybeNull))]
        [JsonSerializable(typeof(HoldsSized))] [JsonSerializable(typeof(KeptUnbound))] [JsonSerializable(typeof(TypeLevelShape))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("move")] public static string TakeMove(Move move) => move.From;
            [Command("marked")] public static int TakeMarked(Marked marked) => marked.Total;
            [Command("holder")] public static int TakeHolder(Holder holder) => holder.Items?.Count ?? -1;
            [Command("ignored")] public static int TakeIgnored(Ignored ignored) => ignored.Count;
            [Command("by-constructor")] public static int TakeByConstructor(ByConstructor value) => value.Items.Count;
            [Command("by-init")] public static int TakeByInit(ByInit value) => value.Items.Count;
            [Command("by-required")] public static int TakeByRequired(ByRequired value) => value.Items.Count;
            [Command("limited")] public static int TakeLimited(Limited value) => value.Limits.Max;
            [Command("frozen")] public static int TakeFrozen(Frozen value) => value.Items.Count;
            [Command("derived-populates")] public static int TakeDerivedPopulates(DerivedPopulates value) => value.Items.Count;
            [Command("refused")] public static int TakeRefused(Refused value) => value.Items.Count;
            [Command("refused-struct")] public static int TakeRefusedStruct(RefusedStruct value) => value.Where.X;

            [Command("case-pair")] public static int TakeCasePair(CasePair pair) => pair.Count;
            [Command("drawing")] public static int TakeDrawing(Drawing drawing) => drawing.Shape.X;
            [Command("maybe-null")] public static int TakeMaybeNull(MaybeNull value) => value.Value?.Other ?? -1;

            [Command("holds-sized")] public static string TakeHoldsSized(HoldsSized value) => value.Inner.Size + "," + value.Inner.Count;
            [Command("kept-unbound")] public static int TakeKeptUnbound(KeptUnbound value) => value.Value.Other;
            [Command("type-level-shape")] public static int TakeTypeLevelShape(TypeLevelShape value) => value.Shape.X;
            [Command("pair")] public static string TakePair(Pair pair) => pair.From + pair.To;
            [Command("cased")] public static int TakeCased(Cased cased) => cased.Count;
            [Command("included")] public static int TakeIncluded(Included included) => included.Read;
            [Command("ignored-public")] public static int TakeIgnoredPublic(IgnoredPublic value) => value.Count;
            [Command("filled")] public static string TakeFilled(Filled filled) => filled.Items.Count + "," + filled.Map.Count;
            [Command("derived")] public static int TakeDerived(Derived value) => value.Items.Count;
            [Command("derived-list")] public static int TakeDerivedList(DerivedList value) => value.Items.Count;
            [Command("private-init")] public static string TakePrivateInit(PrivateInit value) => value.Items.Count + "," + value.Inner.Min;
            [Command("sets-all")] public static string TakeSetsAll(SetsAll value) => value.Items.Count + "," + value.Size;
            [Command("make-move")] public static Move MakeMove() => new("here", 3);
        }
        """;

    private static readonly string[] Reported =
        ["TakeMove", "TakeMarked", "TakeHolder", "TakeIgnored", "TakeByConstructor", "TakeByInit", "TakeByRequired", "TakeLimited", "TakeFrozen", "TakeDerivedPopulates", "TakeRefused", "TakeRefusedStruct",
            "TakeCasePair", "TakeDrawing", "TakeMaybeNull"];

    [Theory]
    [InlineData("move", """{"move":{"From":"a","Speed":1}}""")]
    [InlineData("marked", """{"marked":{"Total":1}}""")]
    [InlineData("holder", """{"holder":{"Items":[{"Count":1}]}}""")]
    [InlineData("ignored", """{"ignored":{}}""")]
    [InlineData("by-constructor", """{"value":{}}""")]
    [InlineData("by-init", """{"value":{}}""")]
    [InlineData("by-required", """{"value":{"Size":1}}""")]
    [InlineData("limited", """{"value":{"Limits":{"Max":1}}}""")]
    [InlineData("frozen", """{"value":{"Items":[1]}}""")]
    [InlineData("derived-populates", """{"value":{"Items":[1]}}""")]
    [InlineData("refused", """{"value":{}}""")]
    [InlineData("refused-struct", """{"value":{}}""")]
    [InlineData("case-pair", """{"pair":{"Count":1}}""")]
    [InlineData("case-pair", """{"pair":{}}""")]
    [InlineData("drawing", """{"drawing":{}}""")]
    [InlineData("maybe-null", """{"value":{"Value":{"Other":1}}}""")]
    public async Task Each_reported_shape_fails_against_the_real_context(string command, string value) =>
        Assert.Equal(
            $$"""{"returncode":"500","message":"Command '{{command}}' failed with an internal error"}""",
            await samples.Commands.SendAsync($$"""{"name":"{{command}}","value":{{value}}}"""));

    [Theory]
    [InlineData("limited", """{"value":{"Limits":{}}}""", "0")]
    [InlineData("frozen", """{"value":{}}""", "0")]
    [InlineData("pair", """{"pair":{"From":"a","To":"b"}}""", "ab")]
    [InlineData("cased", """{"cased":{"Count":4}}""", "4")]
    [InlineData("included", """{"included":{"Size":5}}""", "5")]
    [InlineData("ignored-public", """{"value":{"Count":6}}""", "0")]
    [InlineData("filled", """{"filled":{"Items":[1,2],"Map":{"k":1}}}""", "2,1")]
    [InlineData("derived", """{"value":{"Items":[1]}}""", "0")]
    [InlineData("derived-list", """{"value":{"Items":[1,2]}}""", "2")]
    [InlineData("private-init", """{"value":{"Items":[1],"Inner":{"Min":2}}}""", "1,2")]
    [InlineData("sets-all", """{"value":{"Items":[1],"Size":3}}""", "1,3")]
    [InlineData("make-move", "null", "{'From':'here'}")]
    [InlineData("maybe-null", """{"value":{}}""", "-1")]
    [InlineData("holds-sized", """{"value":{"Inner":{"Size":5,"Count":2}}}""", "7,2")]
    [InlineData("kept-unbound", """{"value":{"Value":{"Other":4}}}""", "4")]
    [InlineData("type-level-shape", """{"value":{"Shape":{"X":5}}}""", "5")]
    public async Task Readable_shapes_and_reported_ones_without_the_failing_member_work(string command, string value, string message) =>
        Assert.Equal(
            $$"""{"returncode":"0","message":"{{message}}"}""",
            await samples.Commands.SendAsync($$"""{"name":"{{command}}","value":{{value}}}"""));

    [Theory]
    [InlineData("derived-list", "Items")]
    [InlineData("derived")]
    [InlineData("filled", "Items", "Map")]
    public void A_type_level_Populate_counts_for_the_type_being_read_and_the_properties_it_inherits(string command, params string[] read) =>
        Assert.Equal(
            read,
            System.Text.Json.JsonDocument.Parse(samples.Commands.CreateRegistry().Commands.Single(c => c.Name == command).RequestSchema).RootElement
                .GetProperty("properties").EnumerateObject().Single().Value.GetProperty("properties")
                .EnumerateObject().Select(p => p.Name));

    [Fact]
    public void The_request_schema_of_a_value_populated_in_place_omits_what_only_its_constructor_sets() =>
        Assert.Equal(
            ["Count"],
            System.Text.Json.JsonDocument.Parse(samples.Commands.CreateRegistry().Commands.Single(c => c.Name == "holds-sized").RequestSchema).RootElement
                .GetProperty("properties").GetProperty("value").GetProperty("properties").GetProperty("Inner").GetProperty("properties")
                .EnumerateObject().Select(p => p.Name));

    [Fact]
    public void The_analyzer_reports_exactly_the_commands_that_fail_at_their_parameters_type()
    {
        Assert.All(samples.Diagnostics, d => Assert.Equal("GA0020", d.Id));
        var methods = samples.Diagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[3]).ToList();
        Assert.Equal(Reported.Select(m => "Sample.Commands." + m), methods.Select(m => m[..m.IndexOf('(')]));
        // At the parameter's type: the span is the type the method takes ("Move" in "TakeMove(Move move)").
        Assert.All(samples.Diagnostics, d =>
        {
            var text = d.Location.SourceTree!.GetText(TestContext.Current.CancellationToken);
            var line = text.Lines.GetLineFromPosition(d.Location.SourceSpan.Start).ToString();
            Assert.Contains("(" + text.ToString(d.Location.SourceSpan) + " ", line, StringComparison.Ordinal);
        });
    }

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Source);
}
