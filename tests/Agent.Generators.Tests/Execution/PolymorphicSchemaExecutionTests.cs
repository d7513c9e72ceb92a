using System.Text.Json;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The JSON contract of a polymorphic type, against the real source-generated context: one shape per
/// way it writes or reads a value (a listed derived type's members led by its discriminator, the type's
/// own members without one), following <c>IgnoreUnrecognizedTypeDiscriminators</c>,
/// <c>UnknownDerivedTypeHandling</c>, abstract types and <c>JsonUnmappedMemberHandling.Disallow</c>; a
/// derived type a converter reads has no shape (the context fails on it both ways), and a derived
/// collection's items go in <c>$values</c> beside the discriminator.
/// What the context writes matches the result schema, and the request schema admits exactly the
/// values the context reads.
/// </summary>
public sealed class PolymorphicSchemaExecutionTests(CompiledSourcesFixture samples) : IClassFixture<CompiledSourcesFixture>
{
    private const string Source = """
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        [JsonDerivedType(typeof(Disc), "disc")] [JsonDerivedType(typeof(Ring), 2)] [JsonDerivedType(typeof(Plain))] [JsonDerivedType(typeof(SubDisc), 3)]
        public class Shape { public int X { get; set; } }
        public class Disc : Shape { public int R { get; set; } }
        public sealed class SubDisc : Disc { public int S { get; set; } }
        public sealed class Ring : Shape { }
        public sealed class Plain : Shape { public int P { get; set; } }

        [JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", IgnoreUnrecognizedTypeDiscriminators = true)] [JsonDerivedType(typeof(LooseLeaf), "leaf")]
        public class Loose { public int X { get; set; } }
        public sealed class LooseLeaf : Loose { public int L { get; set; } }

        [JsonDerivedType(typeof(A1), "a1")]
        public abstract class Abs { public int X { get; set; } }
        public sealed class A1 : Abs { public int A { get; set; } }

        [JsonPolymorphic(UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FallBackToBaseType)] [JsonDerivedType(typeof(Fa), "fa")]
        public abstract class Fall { public int X { get; set; } }
        public sealed class Fa : Fall { }
        public sealed class FallOther : Fall { public int Q { get; set; } }

        [JsonPolymorphic(UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FallBackToNearestAncestor)] [JsonDerivedType(typeof(Middle), "m")]
        public class Near { public int X { get; set; } }
        public abstract class Middle : Near { public int M { get; set; } }
        public sealed class Below : Middle { }

        [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)] [JsonDerivedType(typeof(StrictDisc), "sd")]
        public class Strict { public int X { get; set; } }
        public sealed class StrictDisc : Strict { public int R { get; set; } }

        [JsonDerivedType(typeof(StrictBelow), "sb")]
        public class Open { public int X { get; set; } }
        [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
        public sealed class StrictBelow : Open { public int R { get; set; } }

        [JsonDerivedType(typeof(Self), "self")]
        public class Self { public int X { get; set; } }

        [JsonDerivedType(typeof(OwnConverted), "own")] [JsonDerivedType(typeof(OptionConverted), "option")] [JsonDerivedType(typeof(Unconverted), "plain")]
        public class Converted { public int X { get; set; } }
        [JsonConverter(typeof(OwnConvertedConverter))] public sealed class OwnConverted : Converted { }
        public sealed class OptionConverted : Converted { }
        public sealed class Unconverted : Converted { }
        public sealed class OwnConvertedConverter : JsonConverter<OwnConverted>
        {
            public override OwnConverted Read(ref System.Text.Json.Utf8JsonReader r, System.Type t, System.Text.Json.JsonSerializerOptions o) { r.Skip(); return new(); }
            public override void Write(System.Text.Json.Utf8JsonWriter w, OwnConverted v, System.Text.Json.JsonSerializerOptions o) => w.WriteStringValue("own");
        }
        public sealed class OptionConvertedConverter : JsonConverter<OptionConverted>
        {
            public override OptionConverted Read(ref System.Text.Json.Utf8JsonReader r, System.Type t, System.Text.Json.JsonSerializerOptions o) { r.Skip(); return new(); }
            public override void Write(System.Text.Json.Utf8JsonWriter w, OptionConverted v, System.Text.Json.JsonSerializerOptions o) => w.WriteStringValue("option");
        }

        [JsonDerivedType(typeof(IntList), "l")] [JsonDerivedType(typeof(IntMap), "m")] [JsonDerivedType(typeof(Thing), "t")]
        public interface IThing { }
        public sealed class IntList : System.Collections.Generic.List<int>, IThing { }
        public sealed class IntMap : System.Collections.Generic.Dictionary<string, int>, IThing { }
        public sealed class Thing : IThing { public int X { get; set; } }

        [JsonSourceGenerationOptions(Converters = [typeof(OptionConvertedConverter)])]
        [JsonSerializable(typeof(Self))] [JsonSerializable(typeof(Shape))] [JsonSerializable(typeof(Converted))] [JsonSerializable(typeof(IThing))] [JsonSerializable(typeof(Loose))] [JsonSerializable(typeof(Abs))] [JsonSerializable(typeof(Fall))]
        [JsonSerializable(typeof(Near))] [JsonSerializable(typeof(Strict))] [JsonSerializable(typeof(Open))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("disc")] public static Shape MakeDisc() => new Disc { X = 1, R = 2 };
            [Command("ring")] public static Shape MakeRing() => new Ring { X = 3 };
            [Command("plain")] public static Shape MakePlain() => new Plain { X = 4, P = 5 };
            [Command("sub-disc")] public static Shape MakeSubDisc() => new SubDisc { X = 6, R = 7, S = 8 };
            [Command("shape")] public static Shape MakeShape() => new Shape { X = 9 };
            [Command("leaf")] public static Loose MakeLeaf() => new LooseLeaf { X = 1, L = 2 };
            [Command("a1")] public static Abs MakeA1() => new A1 { X = 1, A = 2 };
            [Command("fall-other")] public static Fall MakeFallOther() => new FallOther { X = 1, Q = 2 };
            [Command("below")] public static Near MakeBelow() => new Below { X = 1, M = 2 };

            [Command("self")] public static Self MakeSelf() => new Self { X = 2 };

            [Command("take-shape")] public static string TakeShape(Shape value) => value.GetType().Name;
            [Command("take-loose")] public static string TakeLoose(Loose value) => value.GetType().Name;
            [Command("take-abs")] public static string TakeAbs(Abs value) => value.GetType().Name;
            [Command("take-fall")] public static string TakeFall(Fall value) => value.GetType().Name;
            [Command("take-near")] public static string TakeNear(Near value) => value.GetType().Name;
            [Command("take-strict")] public static string TakeStrict(Strict value) => value.GetType().Name;
            [Command("take-open")] public static string TakeOpen(Open value) => value.GetType().Name;
            [Command("unconverted")] public static Converted MakeUnconverted() => new Unconverted { X = 1 };
            [Command("own-converted")] public static Converted MakeOwnConverted() => new OwnConverted { X = 1 };
            [Command("option-converted")] public static Converted MakeOptionConverted() => new OptionConverted { X = 1 };
            [Command("take-converted")] public static string TakeConverted(Converted value) => value.GetType().Name;
            [Command("int-list")] public static IThing MakeIntList() => new IntList { 1, 2 };
            [Command("int-map")] public static IThing MakeIntMap() => new IntMap { ["a"] = 1 };
            [Command("take-thing")] public static string TakeThing(IThing value) => value.GetType().Name + value switch { IntList l => l.Count, IntMap m => m.Count, _ => 0 };
            [Command("take-self")] public static string TakeSelf(Self value) => value.GetType().Name + value.X;
        }
        """;

    [Theory]
    [InlineData("disc", "{'$type':'disc','R':2,'X':1}")]
    [InlineData("ring", "{'$type':2,'X':3}")]
    [InlineData("plain", "{'P':5,'X':4}")]
    [InlineData("sub-disc", "{'$type':3,'S':8,'R':7,'X':6}")]
    [InlineData("shape", "{'X':9}")]
    [InlineData("leaf", "{'kind':'leaf','L':2,'X':1}")]
    [InlineData("a1", "{'$type':'a1','A':2,'X':1}")]
    [InlineData("fall-other", "{'X':1}")]
    [InlineData("below", "{'$type':'m','M':2,'X':1}")]
    [InlineData("self", "{'$type':'self','X':2}")]
    [InlineData("unconverted", "{'$type':'plain','X':1}")]
    [InlineData("int-list", "{'$type':'l','$values':[1,2]}")]
    [InlineData("int-map", "{'$type':'m','a':1}")]
    public async Task What_the_context_writes_matches_the_result_schema(string command, string written) =>
        await CommandContracts.AssertWrittenMatches(samples.Compile(Source), command, written);

    [Theory]
    [InlineData("disc", """{"$type":"square","X":1}""")]
    [InlineData("disc", """{"$type":"disc","R":"2"}""")]
    [InlineData("disc", """{"$type":"2","X":1}""")]
    [InlineData("a1", """{"X":1}""")]
    [InlineData("a1", """{"$type":"a1","A":"2"}""")]
    [InlineData("leaf", """{"kind":"other","X":1}""")]
    [InlineData("self", """{"X":1}""")]
    [InlineData("unconverted", """{"$type":"own","X":1}""")]
    [InlineData("unconverted", """{"$type":"option","X":1}""")]
    [InlineData("int-list", """{"$type":"l","$values":[1],"X":1}""")]
    [InlineData("int-list", """[1,2]""")]
    [InlineData("int-map", """{"$type":"m","a":"x"}""")]
    public void The_result_schema_refuses_what_the_context_never_writes(string command, string value)
    {
        using var document = JsonDocument.Parse(value);
        Assert.False(SchemaMatcher.Matches(CommandContracts.Schema(samples.Compile(Source), command, request: false), document.RootElement), $"{command}: {value}");
    }

    [Theory]
    [InlineData("take-shape", """{"$type":"disc","X":1,"R":2}""", "Disc")]
    [InlineData("take-shape", """{"$type":2,"X":1}""", "Ring")]
    [InlineData("take-shape", """{"$type":3,"S":1}""", "SubDisc")]
    [InlineData("take-shape", """{"X":1,"R":2}""", "Shape")]
    [InlineData("take-shape", """{"$type":"square","X":1}""", null)]
    [InlineData("take-shape", """{"$type":"2","X":1}""", null)]
    [InlineData("take-shape", """{"$type":null,"X":1}""", null)]
    [InlineData("take-shape", """{"$type":"disc","R":"2"}""", null)]
    [InlineData("take-shape", """{"X":"1"}""", null)]
    [InlineData("take-loose", """{"kind":"leaf","L":1}""", "LooseLeaf")]
    [InlineData("take-loose", """{"kind":"square","X":1}""", "Loose")]
    [InlineData("take-loose", """{"kind":7,"X":1}""", "Loose")]
    [InlineData("take-loose", """{"X":1}""", "Loose")]
    [InlineData("take-loose", """{"kind":"leaf","L":"1"}""", null)]
    [InlineData("take-loose", """{"kind":null}""", null)]
    [InlineData("take-abs", """{"$type":"a1","A":1}""", "A1")]
    [InlineData("take-abs", """{"X":1}""", null)]
    [InlineData("take-fall", """{"$type":"fa","X":1}""", "Fa")]
    [InlineData("take-fall", """{"X":1}""", null)]
    [InlineData("take-near", """{"X":1}""", "Near")]
    [InlineData("take-near", """{"$type":"m","M":1}""", null)]
    [InlineData("take-strict", """{"$type":"sd","X":1,"R":2}""", "StrictDisc")]
    [InlineData("take-strict", """{"X":1}""", "Strict")]
    [InlineData("take-strict", """{"X":1,"R":2}""", null)]
    [InlineData("take-open", """{"$type":"sb","R":2}""", "StrictBelow")]
    [InlineData("take-open", """{"$type":"sb","Y":2}""", null)]
    [InlineData("take-open", """{"X":1,"Y":2}""", "Open")]
    [InlineData("take-self", """{"$type":"self","X":1}""", "Self1")]
    [InlineData("take-self", """{"X":2}""", "Self2")]
    [InlineData("take-self", """{"$type":"other","X":2}""", null)]
    [InlineData("take-converted", """{"$type":"plain","X":1}""", "Unconverted")]
    [InlineData("take-thing", """{"$type":"l","$values":[1,2]}""", "IntList2")]
    [InlineData("take-thing", """{"$type":"l","$values":[1],"X":1}""", null)]
    [InlineData("take-thing", """{"$type":"l"}""", null)]
    [InlineData("take-thing", """{"$type":"m","a":1,"b":2}""", "IntMap2")]
    [InlineData("take-thing", """{"$type":"m","a":"x"}""", null)]
    [InlineData("take-thing", """{"$type":"t","X":1}""", "Thing0")]
    [InlineData("take-thing", """{"X":1}""", null)]
    [InlineData("take-converted", """{"$type":"own","X":1}""", null)]
    [InlineData("take-converted", """{"$type":"option","X":1}""", null)]
    public async Task The_request_schema_admits_exactly_what_the_context_reads(string command, string value, string? readAs) =>
        await CommandContracts.AssertReadExactlyWhenAdmitted(samples.Compile(Source), command, value, readAs);

    [Theory]
    [InlineData("own-converted")]
    [InlineData("option-converted")]
    public async Task A_derived_type_a_converter_reads_is_never_written(string command) =>
        Assert.Equal($$"""{"returncode":"500","message":"Command '{{command}}' failed with an internal error"}""", await samples.Compile(Source).SendAsync($$"""{"name":"{{command}}"}"""));
}
