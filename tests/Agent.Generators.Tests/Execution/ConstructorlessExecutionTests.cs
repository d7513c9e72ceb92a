using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// Classes read as objects (created, not populated in place) that may have no constructor the
/// source-generated context uses (no <c>[JsonConstructor]</c>, no public parameterless one, not
/// exactly one public one), each against the real context: which shapes fail every read
/// (NotSupportedException, answered as an internal error) and which are read fine (one public
/// constructor beside a private one, a positional record, structs, a converter of its own, a
/// discriminator naming a derived type, a value populated in place), and written fine.
/// </summary>
public sealed class ConstructorlessExecutionTests(ConstructorlessExecutionTests.Samples samples) : IClassFixture<ConstructorlessExecutionTests.Samples>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class OnlyPrivate { private OnlyPrivate() { } public int X { get; set; } public static OnlyPrivate Make() => new() { X = 1 }; }
        public sealed class OnlyInternal { internal OnlyInternal() { } public int X { get; set; } }
        public sealed class TwoPublic { public TwoPublic(int x) => X = x; public TwoPublic(string x) => X = x.Length; public int X { get; set; } }
        public record TwoPublicRecord(int X) { public TwoPublicRecord(string x) : this(x.Length) { } }
        public class ProtectedOnly { protected internal ProtectedOnly() { } public int X { get; set; } }
        public class ProtectedPlain { protected ProtectedPlain() { } public int X { get; set; } }

        public sealed class PublicAndPrivate { public PublicAndPrivate(int x) => X = x; private PublicAndPrivate() { } public int X { get; set; } }
        public record Positional(int X);
        public struct PrivateStruct { private PrivateStruct(int x) => X = x; public int X { get; set; } }
        public struct TwoPublicStruct { public TwoPublicStruct(int x) => X = x; public TwoPublicStruct(string x) => X = x.Length; public int X { get; set; } }
        [JsonConverter(typeof(ConvertedConverter))]
        public sealed class Converted { private Converted() { } public int X { get; set; } public static Converted Make(int x) => new() { X = x }; }
        public sealed class ConvertedConverter : JsonConverter<Converted>
        {
            public override Converted Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => Converted.Make(reader.GetInt32());
            public override void Write(Utf8JsonWriter writer, Converted value, JsonSerializerOptions options) => writer.WriteNumberValue(value.X);
        }
        [JsonPolymorphic] [JsonDerivedType(typeof(Leaf), "leaf")]
        public class Base { private protected Base() { } public int X { get; set; } }
        public sealed class Leaf : Base { public Leaf() { } }
        public sealed class Bag : List<int> { private Bag() { } public static Bag Make() => new(); }
        public sealed class HoldsOnlyPrivate { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public OnlyPrivate Inner { get; } = OnlyPrivate.Make(); }
        public sealed class HoldsBag { [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] public Bag Items { get; } = Bag.Make(); }

        [JsonSerializable(typeof(OnlyPrivate))] [JsonSerializable(typeof(OnlyInternal))] [JsonSerializable(typeof(TwoPublic))] [JsonSerializable(typeof(TwoPublicRecord))]
        [JsonSerializable(typeof(ProtectedOnly))] [JsonSerializable(typeof(ProtectedPlain))] [JsonSerializable(typeof(PublicAndPrivate))] [JsonSerializable(typeof(Positional))] [JsonSerializable(typeof(PrivateStruct))]
        [JsonSerializable(typeof(TwoPublicStruct))] [JsonSerializable(typeof(Converted))] [JsonSerializable(typeof(Base))] [JsonSerializable(typeof(Bag))] [JsonSerializable(typeof(HoldsOnlyPrivate))]
        [JsonSerializable(typeof(HoldsBag))] [JsonSerializable(typeof(ImmutableList<int>))] [JsonSerializable(typeof(Uri))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("only-private")] public static int TakeOnlyPrivate(OnlyPrivate value) => value.X;
            [Command("only-internal")] public static int TakeOnlyInternal(OnlyInternal value) => value.X;
            [Command("two-public")] public static int TakeTwoPublic(TwoPublic value) => value.X;
            [Command("two-public-record")] public static int TakeTwoPublicRecord(TwoPublicRecord value) => value.X;
            [Command("protected-only")] public static int TakeProtectedOnly(ProtectedOnly value) => value.X;
            [Command("protected-plain")] public static int TakeProtectedPlain(ProtectedPlain value) => value.X;

            [Command("public-and-private")] public static int TakePublicAndPrivate(PublicAndPrivate value) => value.X;
            [Command("positional")] public static int TakePositional(Positional value) => value.X;
            [Command("private-struct")] public static int TakePrivateStruct(PrivateStruct value) => value.X;
            [Command("two-public-struct")] public static int TakeTwoPublicStruct(TwoPublicStruct value) => value.X;
            [Command("converted")] public static int TakeConverted(Converted value) => value.X;
            [Command("base")] public static int TakeBase(Base value) => value.X;
            [Command("bag")] public static int TakeBag(Bag value) => value.Count;
            [Command("holds-only-private")] public static int TakeHoldsOnlyPrivate(HoldsOnlyPrivate value) => value.Inner.X;
            [Command("holds-bag")] public static int TakeHoldsBag(HoldsBag value) => value.Items.Count;
            // Built by System.Text.Json another way, though no public constructor would do (ImmutableList<T> has none, Uri several).
            [Command("immutable")] public static int TakeImmutable(ImmutableList<int> value) => value.Count;
            [Command("uri")] public static string TakeUri(Uri value) => value.Host;

            [Command("make-only-private")] public static OnlyPrivate MakeOnlyPrivate() => OnlyPrivate.Make();
            [Command("make-two-public")] public static TwoPublic MakeTwoPublic() => new(2);
        }
        """;

    [Theory]
    [InlineData("only-private", """{"value":{"X":1}}""")]
    [InlineData("only-private", """{"value":{}}""")]
    [InlineData("only-internal", """{"value":{"X":1}}""")]
    [InlineData("two-public", """{"value":{"X":1}}""")]
    [InlineData("two-public-record", """{"value":{"X":1}}""")]
    [InlineData("protected-only", """{"value":{"X":1}}""")]
    [InlineData("protected-plain", """{"value":{"X":1}}""")]
    [InlineData("base", """{"value":{"X":1}}""")]
    [InlineData("bag", """{"value":[1,2]}""")]
    public async Task A_class_without_a_constructor_the_context_uses_fails_every_read(string command, string value) =>
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, value)));

    [Theory]
    [InlineData("public-and-private", """{"value":{"X":1}}""", "1")]
    [InlineData("positional", """{"value":{"X":2}}""", "2")]
    [InlineData("private-struct", """{"value":{"X":3}}""", "3")]
    [InlineData("two-public-struct", """{"value":{"X":4}}""", "4")]
    [InlineData("converted", """{"value":5}""", "5")]
    [InlineData("base", """{"value":{"$type":"leaf","X":6}}""", "6")]
    [InlineData("holds-only-private", """{"value":{"Inner":{"X":7}}}""", "7")]
    [InlineData("holds-bag", """{"value":{"Items":[1,2,3]}}""", "3")]
    [InlineData("immutable", """{"value":[1,2]}""", "2")]
    [InlineData("uri", """{"value":"http://example.org/x"}""", "example.org")]
    [InlineData("make-only-private", "null", "{'X':1}")]
    [InlineData("make-two-public", "null", "{'X':2}")]
    public async Task Shapes_the_real_context_reads_and_writes_work(string command, string value, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await samples.Commands.SendAsync(AnalyzedSamples.Request(command, value)));

    [Fact]
    public void The_analyzer_reports_exactly_the_commands_that_fail() =>
        Assert.Equal(
            ["GA0020 TakeOnlyPrivate", "GA0020 TakeOnlyInternal", "GA0020 TakeTwoPublic", "GA0020 TakeTwoPublicRecord", "GA0020 TakeProtectedOnly", "GA0020 TakeProtectedPlain", "GA0020 TakeBag"],
            samples.Diagnostics.Select(AnalyzedSamples.Describe));

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Source);
}
