using System.Text.Json;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A parameter type with a property that has a setter and no getter: the binder binds what the
/// context's own read binds. .NET 10's source-generated context reads such a property of a scalar, node
/// or object type, and one marked <c>[JsonInclude]</c>, but leaves a public collection, array or
/// dictionary one unset without a word (probed: <c>{"Items":[1,2]}</c> leaves <c>Items</c> unset),
/// and so the command gets it unset too. GA0026 says so (<c>SetOnlyCollectionDiagnosticTests</c>), and
/// the request schema lists only the members the context sets.
/// </summary>
public sealed class SetOnlyCollectionExecutionTests(SetOnlyCollectionExecutionTests.Sample sample) : IClassFixture<SetOnlyCollectionExecutionTests.Sample>
{
    private static string Source(string options) => $$"""
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class SetList
        {
            private List<int>? items;
            public List<int> Items { set => items = value; }
            public string Show() => items is null ? "-" : string.Join(",", items);
        }

        [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
        public sealed class SetListPopulated
        {
            private List<int>? items;
            public List<int> Items { set => items = value; }
            public string Show() => items is null ? "-" : string.Join(",", items);
        }

        public sealed class SetArray
        {
            private int[]? items;
            public int[] Items { set => items = value; }
            public string Show() => items is null ? "-" : string.Join(",", items);
        }

        public sealed class SetInternal
        {
            private IReadOnlyList<int>? items;
            [JsonInclude] internal IReadOnlyList<int> Items { set => items = value; }
            public string Show() => items is null ? "-" : string.Join(",", items);
        }

        public sealed class SetMap
        {
            private Dictionary<string, int>? map;
            public Dictionary<string, int> Map { set => map = value; }
            public string Show() => map is null ? "-" : string.Join(",", map.Select(p => p.Key + "=" + p.Value));
        }

        public sealed class SetInt { private int x = -1; public int X { set => x = value; } public string Show() => x.ToString(); }

        public sealed class SetNode { private System.Text.Json.Nodes.JsonNode? n; public System.Text.Json.Nodes.JsonNode? N { set => n = value; } public string Show() => n?.ToJsonString() ?? "-"; }

        public sealed class SetIncluded { private List<int>? items; [JsonInclude] public List<int> Items { set => items = value; } public string Show() => items is null ? "-" : string.Join(",", items); }

        public sealed class SetRecordItem { private Item? item; public Item Item { set => item = value; } public string Show() => item is null ? "-" : item.A.ToString(); }

        public sealed class Item { public int A { get; set; } }

        // Which set-only members the context sets: those whose converter reads a value, not a collection's
        // (an immutable array and a memory are collections to it; a string and a byte[] are values).
        public sealed class Mixed
        {
            private readonly List<string> seen = new();
            public IEnumerable<int> Seq { set => seen.Add("Seq"); }
            public string Text { set => seen.Add("Text"); }
            [JsonPropertyName("named")] public List<int> Named { set => seen.Add("Named"); }
            public HashSet<int> Set { set => seen.Add("Set"); }
            public System.Collections.ArrayList Loose { set => seen.Add("Loose"); }
            public System.Collections.Immutable.ImmutableArray<int> Imm { set => seen.Add("Imm"); }
            public byte[] Bytes { set => seen.Add("Bytes"); }
            public System.Memory<int> Mem { set => seen.Add("Mem"); }
            public string Show() => string.Join(",", seen);
        }

        [JsonSourceGenerationOptions({{options}})]
        [JsonSerializable(typeof(SetInt))]
        [JsonSerializable(typeof(Mixed))]
        [JsonSerializable(typeof(SetNode))]
        [JsonSerializable(typeof(SetIncluded))]
        [JsonSerializable(typeof(SetRecordItem))]
        [JsonSerializable(typeof(SetList))]
        [JsonSerializable(typeof(SetListPopulated))]
        [JsonSerializable(typeof(SetArray))]
        [JsonSerializable(typeof(SetInternal))]
        [JsonSerializable(typeof(SetMap))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("list")] public static string TakeList(SetList v) => v.Show();
            [Command("populated")] public static string TakePopulated(SetListPopulated v) => v.Show();
            [Command("array")] public static string TakeArray(SetArray v) => v.Show();
            [Command("internal")] public static string TakeInternal(SetInternal v) => v.Show();
            [Command("map")] public static string TakeMap(SetMap v) => v.Show();
            [Command("int")] public static string TakeInt(SetInt v) => v.Show();
            [Command("mixed")] public static string TakeMixed(Mixed v) => v.Show();
            [Command("node")] public static string TakeNode(SetNode v) => v.Show();
            [Command("included")] public static string TakeIncluded(SetIncluded v) => v.Show();
            [Command("item")] public static string TakeItem(SetRecordItem v) => v.Show();

            public static string Reference(string command, string json) => command switch
            {
                "list" => JsonSerializer.Deserialize(json, SampleJson.Default.SetList)!.Show(),
                "populated" => JsonSerializer.Deserialize(json, SampleJson.Default.SetListPopulated)!.Show(),
                "array" => JsonSerializer.Deserialize(json, SampleJson.Default.SetArray)!.Show(),
                "internal" => JsonSerializer.Deserialize(json, SampleJson.Default.SetInternal)!.Show(),
                "int" => JsonSerializer.Deserialize(json, SampleJson.Default.SetInt)!.Show(),
                "mixed" => JsonSerializer.Deserialize(json, SampleJson.Default.Mixed)!.Show(),
                "node" => JsonSerializer.Deserialize(json, SampleJson.Default.SetNode)!.Show(),
                "included" => JsonSerializer.Deserialize(json, SampleJson.Default.SetIncluded)!.Show(),
                "item" => JsonSerializer.Deserialize(json, SampleJson.Default.SetRecordItem)!.Show(),
                _ => JsonSerializer.Deserialize(json, SampleJson.Default.SetMap)!.Show(),
            };
        }
        """;

    [Theory]
    [InlineData("list", """{"Items":[1,2]}""", "-")]
    [InlineData("populated", """{"Items":[1,2]}""", "-")]
    [InlineData("array", """{"Items":[1,2]}""", "-")]
    [InlineData("map", """{"Map":{"a":1}}""", "-")]
    [InlineData("internal", """{"Items":[1,2]}""", "1,2")]
    [InlineData("included", """{"Items":[1,2]}""", "1,2")]
    [InlineData("int", """{"X":5}""", "5")]
    [InlineData("node", """{"N":{"a":1}}""", "{'a':1}")]
    [InlineData("item", """{"Item":{"A":3}}""", "3")]
    [InlineData("mixed", """{"Seq":[1],"Text":"t","named":[1],"Set":[1],"Loose":[1],"Imm":[1],"Bytes":"AQ==","Mem":[1]}""", "Text,Bytes")]
    public async Task Binds_a_set_only_property_as_the_context_does(string command, string value, string shown)
    {
        var reference = (Func<string, string, string>)sample.Commands.GetType("Sample.Commands").GetMethod("Reference")!.CreateDelegate(typeof(Func<string, string, string>));

        Assert.Equal(
            [shown, $$"""{"returncode":"0","message":"{{shown}}"}"""],
            [reference(command, value).Replace('"', '\''), await sample.Commands.SendAsync(AnalyzedSamples.Request(command, "{\"v\":" + value + "}"))]);
    }

    [Theory]
    [InlineData("list", "")]
    [InlineData("populated", "")]
    [InlineData("array", "")]
    [InlineData("map", "")]
    [InlineData("internal", "Items")]
    [InlineData("included", "Items")]
    [InlineData("int", "X")]
    [InlineData("node", "N")]
    [InlineData("item", "Item")]
    [InlineData("mixed", "Bytes,Text")]
    public void The_request_schema_lists_the_members_the_context_sets(string command, string members)
    {
        using var schema = JsonDocument.Parse(sample.Commands.CreateRegistry().Commands.Single(c => c.Name == command).RequestSchema);

        var properties = schema.RootElement.GetProperty("properties").GetProperty("v").GetProperty("properties");

        Assert.Equal(members, string.Join(",", properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
    }

    public sealed class Sample : IDisposable
    {
        internal LoadedCommands Commands { get; } = LoadedCommands.Compile(Source(""));

        public void Dispose() => Commands.Dispose();
    }
}
