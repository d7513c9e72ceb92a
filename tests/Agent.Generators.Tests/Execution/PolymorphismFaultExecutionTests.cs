using System.Globalization;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The <c>[JsonDerivedType]</c>s .NET 10 refuses as it prepares a polymorphic type (GA0020 for a
/// parameter, GA0021 for a result), against the real source-generated context, which throws for every
/// read and write of such a type: a derived type named twice, one that does not derive from the type,
/// a discriminator given twice, a member going by the discriminator's name, an open generic derived
/// type, and an abstract class or interface among them. Their neighbours the
/// context reads and writes (the type itself among its derived types, an int and a string
/// discriminator, derived types without one beside a member named <c>$type</c>, a renamed
/// discriminator, an interface's implementation, an abstract derived type under
/// <c>FallBackToNearestAncestor</c>) are not reported.
/// </summary>
public sealed class PolymorphismFaultExecutionTests(PolymorphismFaultExecutionTests.Samples samples) : IClassFixture<PolymorphismFaultExecutionTests.Samples>
{
    private const string Source = """
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        [JsonDerivedType(typeof(TwiceLeaf), "a")] [JsonDerivedType(typeof(TwiceLeaf), "b")]
        public class Twice { public int X { get; set; } }
        public sealed class TwiceLeaf : Twice { }

        [JsonDerivedType(typeof(Stranger), "a")]
        public class Unrelated { public int X { get; set; } }
        public sealed class Stranger { }

        [JsonDerivedType(typeof(SameA), "a")] [JsonDerivedType(typeof(SameB), "a")]
        public class SameTag { public int X { get; set; } }
        public sealed class SameA : SameTag { }
        public sealed class SameB : SameTag { }

        [JsonDerivedType(typeof(NumberA), -1)] [JsonDerivedType(typeof(NumberB), -1)]
        public class SameNumber { public int X { get; set; } }
        public sealed class NumberA : SameNumber { }
        public sealed class NumberB : SameNumber { }

        [JsonDerivedType(typeof(TaggedLeaf), "leaf")]
        public class Tagged { public int X { get; set; } }
        public sealed class TaggedLeaf : Tagged { [JsonPropertyName("$type")] public string Kind { get; set; } = ""; }

        [JsonDerivedType(typeof(OpenLeaf<>), "open")]
        public class Opened { public int X { get; set; } }
        public sealed class OpenLeaf<T> : Opened { }

        [JsonDerivedType(typeof(AbstractMiddle), "m")]
        public class OverAbstract { public int X { get; set; } }
        public abstract class AbstractMiddle : OverAbstract { }

        [JsonDerivedType(typeof(ISubShape), "sub")]
        public interface IBaseShape { int X { get; set; } }
        public interface ISubShape : IBaseShape { }
        public sealed class SubShape : ISubShape { public int X { get; set; } }

        // Read and written.
        [JsonDerivedType(typeof(Fine), "fine")] [JsonDerivedType(typeof(FineLeaf), 2)]
        public class Fine { public int X { get; set; } }
        public sealed class FineLeaf : Fine { }

        [JsonDerivedType(typeof(UntaggedLeaf))]
        public class Untagged { [JsonPropertyName("$type")] public string Kind { get; set; } = ""; public int X { get; set; } }
        public sealed class UntaggedLeaf : Untagged { }

        [JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")] [JsonDerivedType(typeof(RenamedLeaf), "leaf")]
        public class Renamed { [JsonPropertyName("$type")] public string Type { get; set; } = ""; public int X { get; set; } }
        public sealed class RenamedLeaf : Renamed { }

        [JsonDerivedType(typeof(ShapeImpl), "impl")]
        public interface IShape { int X { get; set; } }
        public sealed class ShapeImpl : IShape { public int X { get; set; } }

        [JsonPolymorphic(UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FallBackToNearestAncestor)] [JsonDerivedType(typeof(NearMiddle), "m")]
        public class Near { public int X { get; set; } }
        public abstract class NearMiddle : Near { public int M { get; set; } }
        public sealed class NearLeaf : NearMiddle { }

        [JsonSerializable(typeof(Twice))] [JsonSerializable(typeof(Unrelated))] [JsonSerializable(typeof(SameTag))] [JsonSerializable(typeof(Tagged))]
        [JsonSerializable(typeof(Fine))] [JsonSerializable(typeof(Untagged))] [JsonSerializable(typeof(Renamed))] [JsonSerializable(typeof(IShape))]
        [JsonSerializable(typeof(Opened))] [JsonSerializable(typeof(OverAbstract))] [JsonSerializable(typeof(IBaseShape))] [JsonSerializable(typeof(Near))]
        [JsonSerializable(typeof(SameNumber))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("twice")] public static int TakeTwice(Twice value) => value.X;
            [Command("unrelated")] public static int TakeUnrelated(Unrelated value) => value.X;
            [Command("same-tag")] public static int TakeSameTag(SameTag value) => value.X;
            [Command("tagged")] public static int TakeTagged(Tagged value) => value.X;
            [Command("make-twice")] public static Twice MakeTwice() => new();
            [Command("opened")] public static int TakeOpened(Opened value) => value.X;
            [Command("over-abstract")] public static int TakeOverAbstract(OverAbstract value) => value.X;
            [Command("make-sub-shape")] public static IBaseShape MakeSubShape() => new SubShape();
            [Command("same-number")] public static int TakeSameNumber(SameNumber value) => value.X;

            [Command("fine")] public static string TakeFine(Fine value) => value.GetType().Name + value.X;
            [Command("untagged")] public static int TakeUntagged(Untagged value) => value.X;
            [Command("renamed")] public static string TakeRenamed(Renamed value) => value.GetType().Name + value.X;
            [Command("make-fine")] public static Fine MakeFine() => new FineLeaf { X = 3 };
            [Command("shape")] public static string TakeShape(IShape value) => value.GetType().Name + value.X;
            [Command("near")] public static string TakeNear(Near value) => value.GetType().Name + value.X;
            [Command("make-near")] public static Near MakeNear() => new NearLeaf { X = 1, M = 2 };
        }
        """;

    [Theory]
    [InlineData("twice", """{"X":1}""")]
    [InlineData("unrelated", """{"X":1}""")]
    [InlineData("same-tag", """{"X":1}""")]
    [InlineData("tagged", """{"X":1}""")]
    [InlineData("make-twice", "null")]
    [InlineData("opened", """{"X":1}""")]
    [InlineData("over-abstract", """{"X":1}""")]
    [InlineData("make-sub-shape", "null")]
    [InlineData("same-number", """{"X":1}""")]
    public async Task Each_reported_shape_fails_against_the_real_context(string command, string value) =>
        Assert.Equal(AnalyzedSamples.InternalError(command), await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{value}}}""")));

    [Theory]
    [InlineData("fine", """{"$type":2,"X":1}""", "FineLeaf1")]
    [InlineData("fine", """{"$type":"fine","X":4}""", "Fine4")]
    [InlineData("untagged", """{"$type":"x","X":5}""", "5")]
    [InlineData("renamed", """{"kind":"leaf","X":6}""", "RenamedLeaf6")]
    [InlineData("make-fine", "null", "{'$type':2,'X':3}")]
    [InlineData("shape", """{"$type":"impl","X":7}""", "ShapeImpl7")]
    [InlineData("near", """{"X":8}""", "Near8")]
    [InlineData("make-near", "null", "{'$type':'m','M':2,'X':1}")]
    public async Task Their_neighbours_are_read_and_written(string command, string value, string message) =>
        Assert.Equal(
            $$"""{"returncode":"0","message":"{{message}}"}""",
            await samples.Commands.SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{value}}}""")));

    [Fact]
    public void The_analyzer_reports_exactly_the_commands_that_fail() =>
        Assert.Equal(
            ["GA0020 TakeTwice", "GA0020 TakeUnrelated", "GA0020 TakeSameTag", "GA0020 TakeTagged", "GA0021 MakeTwice", "GA0020 TakeOpened", "GA0020 TakeOverAbstract", "GA0021 MakeSubShape", "GA0020 TakeSameNumber"],
            samples.Diagnostics.Select(AnalyzedSamples.Describe));

    [Theory]
    [InlineData(0, "'Twice' names 'TwiceLeaf' in two [JsonDerivedType]s, so the context throws InvalidOperationException whenever it reads or writes a 'Twice'; name each derived type once")]
    [InlineData(1, "'Unrelated' names 'Stranger' in a [JsonDerivedType], but 'Stranger' does not derive from it, so the context throws InvalidOperationException whenever it reads or writes a 'Unrelated'; name only types derived from 'Unrelated'")]
    [InlineData(2, "'SameTag' gives two [JsonDerivedType]s the type discriminator 'a', so the context throws InvalidOperationException whenever it reads or writes a 'SameTag'; give each derived type its own")]
    [InlineData(3, "'TaggedLeaf.Kind' goes by the name '$type' in JSON, which 'Tagged' gives its type discriminator, so the context throws InvalidOperationException whenever it reads or writes a 'Tagged'; "
        + "give the member another name with [JsonPropertyName], mark it [JsonIgnore], or name the discriminator otherwise ([JsonPolymorphic(TypeDiscriminatorPropertyName = …)])")]
    [InlineData(5, "'Opened' names the open generic type 'OpenLeaf<>' in a [JsonDerivedType], so the context throws InvalidOperationException whenever it reads or writes a 'Opened'; "
        + "name a constructed type ('OpenLeaf<int>'), one [JsonDerivedType] for each")]
    [InlineData(6, "'OverAbstract' names 'AbstractMiddle', an abstract class, in a [JsonDerivedType], so the context throws InvalidOperationException whenever it reads or writes a 'OverAbstract'; "
        + "name only types the context can create, or let values of the types below it be written as it ([JsonPolymorphic(UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FallBackToNearestAncestor)])")]
    [InlineData(7, "'IBaseShape' names 'ISubShape', an interface, in a [JsonDerivedType], so the context throws InvalidOperationException whenever it reads or writes a 'IBaseShape'; "
        + "name only types the context can create, or let values of the types below it be written as it ([JsonPolymorphic(UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FallBackToNearestAncestor)])")]
    // A number as C# writes it, whatever the culture the compiler runs in (sv-SE writes -1 with U+2212).
    [InlineData(8, "'SameNumber' gives two [JsonDerivedType]s the type discriminator -1, so the context throws InvalidOperationException whenever it reads or writes a 'SameNumber'; give each derived type its own")]
    public void The_messages_say_what_the_context_refuses(int index, string message) =>
        Assert.EndsWith(message, samples.Diagnostics[index].GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The sample compiled with the real JSON context and loaded once, and the analyzer's diagnostics on it.</summary>
    public sealed class Samples() : AnalyzedSamples(Source);
}
