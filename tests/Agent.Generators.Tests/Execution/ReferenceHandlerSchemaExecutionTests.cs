using System.Text.Json;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The JSON contract under the options' <c>ReferenceHandler</c>, against the real source-generated context:
/// under <c>Preserve</c> what it writes (an <c>$id</c> on every object, collection and dictionary of a
/// reference type but arrays and immutable collections, a collection's items in <c>$values</c>, a value
/// written before as <c>$ref</c>) matches
/// the result schema, which refuses the value without its metadata, and the request schema admits what
/// the context reads (a plain array too, a struct with an <c>$id</c>, <c>$id</c> beside <c>Disallow</c>)
/// and refuses what it refuses; under <c>IgnoreCycles</c> a cycle written as null matches.
/// </summary>
public sealed class ReferenceHandlerSchemaExecutionTests(CompiledSourcesFixture samples) : IClassFixture<CompiledSourcesFixture>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Node { public string? Name { get; set; } }
        public record struct Pt(int X);
        public sealed class Holder
        {
            public Node? A { get; set; }
            public Node? B { get; set; }
            public List<int>? List { get; set; }
            public Dictionary<string, int>? Map { get; set; }
            public Node[]? Nodes { get; set; }
            public Pt P { get; set; }
            public string? S { get; set; }
            public System.Collections.Immutable.ImmutableList<int>? Fixed { get; set; }
        }

        [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
        public sealed class Strict { public int X { get; set; } }

        [JsonDerivedType(typeof(Disc), "disc")]
        public abstract class Shape { }
        public sealed class Disc : Shape { public int R { get; set; } }

        [JsonDerivedType(typeof(IntList), "l")]
        public interface IThing { }
        public sealed class IntList : List<int>, IThing { }

        [JsonSourceGenerationOptions(ReferenceHandler = JsonKnownReferenceHandler.Preserve)]
        [JsonSerializable(typeof(Holder))] [JsonSerializable(typeof(List<int>))] [JsonSerializable(typeof(Strict))] [JsonSerializable(typeof(Shape))] [JsonSerializable(typeof(IThing))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("holder")] public static Holder MakeHolder()
            {
                var node = new Node { Name = "n" };
                return new Holder { A = node, B = node, List = [1, 2], Map = new() { ["k"] = 1 }, Nodes = [node], P = new Pt(3), S = "s", Fixed = [4] };
            }

            [Command("list")] public static List<int> MakeList() => [1];
            [Command("take-holder")] public static string TakeHolder(Holder value) => $"{value.A?.Name}{ReferenceEquals(value.A, value.B)}{value.List?.Count}{value.Map?.Count}{value.P.X}";
            [Command("take-strict")] public static int TakeStrict(Strict value) => value.X;
            [Command("shape")] public static Shape MakeShape() => new Disc { R = 2 };
            [Command("int-list")] public static IThing MakeIntList() => new IntList { 1 };
            [Command("take-thing")] public static string TakeThing(IThing value) => value.GetType().Name + ((IntList)value).Count;
            [Command("take-shape")] public static string TakeShape(Shape value) => value.GetType().Name;
        }
        """;

    private const string CycleSource = """
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Loop { public string Name { get; set; } = ""; public Loop Again { get; set; } = null!; }

        [JsonSourceGenerationOptions(ReferenceHandler = JsonKnownReferenceHandler.IgnoreCycles)]
        [JsonSerializable(typeof(Loop))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("loop")] public static Loop MakeLoop() { var loop = new Loop { Name = "l" }; loop.Again = loop; return loop; }
        }
        """;

    [Theory]
    [InlineData("holder", "{'$id':'1','A':{'$id':'2','Name':'n'},'B':{'$ref':'2'},'List':{'$id':'3','$values':[1,2]},'Map':{'$id':'4','k':1},'Nodes':[{'$ref':'2'}],'P':{'X':3},'S':'s','Fixed':[4]}")]
    [InlineData("list", "{'$id':'1','$values':[1]}")]
    [InlineData("shape", "{'$id':'1','$type':'disc','R':2}")]
    [InlineData("int-list", "{'$id':'1','$type':'l','$values':[1]}")]
    public async Task What_the_context_writes_under_Preserve_matches_the_result_schema(string command, string written) =>
        await CommandContracts.AssertWrittenMatches(samples.Compile(Source), command, written);

    [Theory]
    [InlineData("holder", """{"A":{"Name":"n"}}""")]
    [InlineData("holder", """{"$id":"1","List":[1]}""")]
    [InlineData("holder", """{"$id":"1","Map":{"k":1}}""")]
    [InlineData("holder", """{"$ref":"1"}""")]
    [InlineData("list", "[1]")]
    public void The_result_schema_refuses_a_value_without_its_metadata(string command, string value)
    {
        using var document = JsonDocument.Parse(value);
        Assert.False(SchemaMatcher.Matches(CommandContracts.Schema(samples.Compile(Source), command, request: false), document.RootElement), $"{command}: {value}");
    }

    [Theory]
    [InlineData("take-holder", """{"$id":"1","A":{"$id":"2","Name":"x"},"B":{"$ref":"2"}}""", "xTrue0")]
    [InlineData("take-holder", """{"A":{"Name":"x"},"List":[1,2]}""", "xFalse20")]
    [InlineData("take-holder", """{"List":{"$id":"3","$values":[1]},"Map":{"$id":"4","k":1,"j":2}}""", "True120")]
    [InlineData("take-holder", """{"P":{"$id":"3","X":7}}""", "True7")]
    [InlineData("take-holder", """{"P":{"$id":3,"X":7}}""", null)]
    [InlineData("take-holder", """{"A":{"$id":2,"Name":"x"}}""", null)]
    [InlineData("take-holder", """{"List":{"$values":[1]}}""", null)]
    [InlineData("take-holder", """{"Map":{"$id":4,"k":1}}""", null)]
    [InlineData("take-holder", """{"S":{"$ref":"1"}}""", null)]
    [InlineData("take-holder", """{"Nodes":{"$id":"1","$values":[]}}""", null)]
    [InlineData("take-holder", """{"Nodes":[{"$id":"1","Name":"x"}]}""", "True0")]
    [InlineData("take-holder", """{"Fixed":[1]}""", "True0")]
    [InlineData("take-holder", """{"Fixed":{"$id":"1","$values":[1]}}""", null)]
    [InlineData("take-strict", """{"$id":"1","X":5}""", "5")]
    [InlineData("take-strict", """{"X":5,"Y":1}""", null)]
    [InlineData("take-shape", """{"$id":"1","$type":"disc","R":1}""", "Disc")]
    [InlineData("take-shape", """{"$type":"disc","R":1}""", "Disc")]
    [InlineData("take-shape", """{"$id":"1","R":1}""", null)]
    [InlineData("take-thing", """{"$id":"1","$type":"l","$values":[1,2]}""", "IntList2")]
    [InlineData("take-thing", """{"$type":"l","$values":[1]}""", "IntList1")]
    [InlineData("take-thing", """{"$id":"1","$values":[1]}""", null)]
    public async Task The_request_schema_under_Preserve_admits_what_the_context_reads(string command, string value, string? readAs) =>
        await CommandContracts.AssertReadExactlyWhenAdmitted(samples.Compile(Source), command, value, readAs);

    [Fact]
    public async Task A_cycle_written_as_null_under_IgnoreCycles_matches_the_result_schema() =>
        await CommandContracts.AssertWrittenMatches(samples.Compile(CycleSource), "loop", "{'Name':'l','Again':null}");
}
