using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// Raw JSON a command keeps unread, a node parameter or a <c>JsonElement</c>, <c>JsonNode</c>,
/// <c>JsonValue</c>, <c>JsonDocument</c> or <c>object</c> member inside a complex type, is checked
/// at bind time: a repeated property name where a <c>JsonObject</c> would hold it (the object throws
/// when the command reads it), a string escaping an unpaired surrogate inside a member (the command's
/// read throws) and a <c>JsonValue</c> member given an object (its converter throws an
/// <c>InvalidOperationException</c>) all used to be internal errors. Types holding none of these
/// are read as before; a name repeated at the top level binds its last value, as System.Text.Json does.
/// </summary>
public sealed class HeldJsonExecutionTests(CompiledSourcesFixture samples) : IClassFixture<CompiledSourcesFixture>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed record Holder(
            string? Name = null, JsonNode? Node = null, JsonElement Element = default, object? Any = null, JsonValue? Value = null,
            List<JsonElement>? Items = null, Dictionary<string, JsonObject>? Map = null, JsonDocument? Doc = null, JsonNode[]? Arr = null);

        public sealed record Inner(JsonObject? Obj = null);

        public sealed record Outer(Inner? Inner = null, string? Tag = null);

        public sealed record Plain(string? Name = null, int N = 0);

        public sealed record Tree(List<Tree>? Kids = null, string? Tag = null);

        // One kind of raw JSON each: a type holding only it must be checked all the same.
        public sealed record AnyOnly(object? Any = null, int N = 0);

        public sealed record DocOnly(JsonDocument? Doc = null, int N = 0);

        public sealed record ArrOnly(JsonElement[]? Arr = null, int N = 0);

        // The extension data's values are JsonElements.
        public sealed class Bag
        {
            [JsonExtensionData] public Dictionary<string, object> Extra { get; set; } = new();

            public int N { get; set; }
        }

        // A non-generic collection's items are read as JsonElements: a class, and the interface itself.
        public sealed record Loose(System.Collections.ArrayList? L = null, int N = 0);

        public sealed record Bare(System.Collections.IEnumerable? E = null, int N = 0);

        // Read as a JSON array of its items, as an array is.
        public sealed record Mem(System.ReadOnlyMemory<JsonElement> M = default, int N = 0);

        [JsonDerivedType(typeof(Derived), "d")]
        public record Base(string? Name = null);

        public sealed record Derived(JsonElement Extra = default) : Base;

        // Nodes reached through a dictionary of lists, a nullable struct, an ImmutableArray, a
        // Memory and a derived type: the binder walks each way to them after the context's read.
        public sealed record Deep(
            Dictionary<string, List<Inner>>? Groups = null, Pt? Point = null,
            System.Collections.Immutable.ImmutableArray<JsonObject> Imm = default, System.ReadOnlyMemory<JsonArray> Mem = default, Base2? Poly = null);

        public record struct Pt(JsonObject? O);

        [JsonDerivedType(typeof(Derived2), "d")]
        public record Base2(int N = 0);

        public sealed record Derived2(JsonNode? Extra = null) : Base2;

        // A node behind a member the binder cannot read back: the whole value's names are checked.
        public sealed class WriteOnly
        {
            private JsonObject? _o;

            public JsonObject? O { set => _o = value; }

            public string? Name { get; set; }

            public string Show() => Name + " " + (_o is null ? "-" : _o.Count.ToString());
        }

        // A member without a getter that holds no node: the walk needs none of it, and the rest is walked.
        public sealed class WritePlain
        {
            public JsonObject? O { get; set; }

            public Plain? P { set { } }

            public string? Name { get; set; }
        }

        // A recursive type holding a node, and one whose getter makes a cycle the walk must stop on.
        public sealed record NTree(List<NTree>? Kids = null, JsonObject? O = null);

        public sealed class Loop
        {
            public JsonObject? O { get; set; }

            public Loop? Self { get => this; set { } }
        }

        // A derived collection or dictionary of JsonValues: read from an object ("$values", or entries beside "$type").
        [JsonDerivedType(typeof(ShapeList), "list")]
        [JsonDerivedType(typeof(ShapeMap), "map")]
        public interface IShape;

        public sealed class ShapeList : List<JsonValue>, IShape;

        public sealed class ShapeMap : Dictionary<string, JsonValue>, IShape;

        public sealed record Shaped(IShape? S = null);

        // A setter's own InvalidOperationException is no JsonValue refusal: an internal error.
        public sealed class Thrower
        {
            public JsonValue? V { get; set; }

            public int T { get => 0; set => throw new System.InvalidOperationException("not now"); }
        }

        OPTIONS
        [JsonSerializable(typeof(JsonObject))]
        [JsonSerializable(typeof(JsonNode))]
        [JsonSerializable(typeof(Holder))]
        [JsonSerializable(typeof(Outer))]
        [JsonSerializable(typeof(Plain))]
        [JsonSerializable(typeof(Tree))]
        [JsonSerializable(typeof(AnyOnly))]
        [JsonSerializable(typeof(DocOnly))]
        [JsonSerializable(typeof(ArrOnly))]
        [JsonSerializable(typeof(Base))]
        [JsonSerializable(typeof(Bag))]
        [JsonSerializable(typeof(Loose))]
        [JsonSerializable(typeof(Bare))]
        [JsonSerializable(typeof(Mem))]
        [JsonSerializable(typeof(List<JsonElement>))]
        [JsonSerializable(typeof(Deep))]
        [JsonSerializable(typeof(WriteOnly))]
        [JsonSerializable(typeof(WritePlain))]
        [JsonSerializable(typeof(Thrower))]
        [JsonSerializable(typeof(NTree))]
        [JsonSerializable(typeof(Loop))]
        [JsonSerializable(typeof(Shaped))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("obj")] public static string Obj(JsonObject o) => Texts(o);

            [Command("node")] public static string Node(JsonNode? v) => Texts(v);

            [Command("typed")] public static string Typed(int a, string b = "") => a + b;

            [Command("holder")]
            public static string Hold(Holder h) => string.Join(" ",
                h.Name ?? "-", Texts(h.Node), Texts(h.Element), h.Any is JsonElement any ? Texts(any) : "-", Texts(h.Value),
                h.Items is null ? "-" : string.Join(",", h.Items.Select(Texts)),
                h.Map is null ? "-" : string.Join(",", h.Map.Select(p => p.Key + "=" + Texts(p.Value))),
                h.Doc is null ? "-" : Texts(h.Doc.RootElement),
                h.Arr is null ? "-" : string.Join(",", h.Arr.Select(Texts)));

            [Command("outer")] public static string Out(Outer x) => Texts(x.Inner?.Obj) + " " + x.Tag;

            [Command("plain")] public static string Flat(Plain p) => p.Name + " " + p.N;

            [Command("tree")] public static string Grow(Tree t) => t.Tag + "(" + string.Join(",", (t.Kids ?? []).Select(Grow)) + ")";

            [Command("list")] public static string List(List<JsonElement> items) => string.Join(",", items.Select(Texts));

            [Command("any")] public static string Any(AnyOnly x) => x.Any is JsonElement e ? Texts(e) : "-";

            [Command("doc")] public static string Doc(DocOnly x) => x.Doc is null ? "-" : Texts(x.Doc.RootElement);

            [Command("arr")] public static string Arr(ArrOnly x) => x.Arr is null ? "-" : string.Join(",", x.Arr.Select(Texts));

            [Command("bag")] public static string Bagged(Bag x) => string.Join(",", x.Extra.Select(p => p.Key + "=" + (p.Value is JsonElement e ? Texts(e) : "?")));

            [Command("loose")] public static string Loosen(Loose x) => Items(x.L);

            [Command("bare")] public static string Bared(Bare x) => Items(x.E);

            [Command("mem")] public static string Mems(Mem x) => string.Join(",", x.M.ToArray().Select(Texts));

            [Command("base")] public static string Poly(Base b) => b is Derived d ? Texts(d.Extra) : "base";

            [Command("deep")]
            public static string Dig(Deep x) => string.Join(" ",
                x.Groups is null ? "-" : string.Join(",", x.Groups.Select(g => g.Key + "=" + string.Join("/", g.Value.Select(i => Texts(i.Obj))))),
                x.Point is { } p ? Texts(p.O) : "-",
                x.Imm.IsDefault ? "-" : string.Join(",", x.Imm.Select(Texts)),
                string.Join(",", x.Mem.ToArray().Select(Texts)),
                x.Poly is Derived2 d ? Texts(d.Extra) : x.Poly is null ? "-" : "base");

            [Command("writeonly")] public static string Wo(WriteOnly x) => x.Show();

            [Command("writeplain")] public static string Wp(WritePlain x) => x.Name + " " + Texts(x.O);

            [Command("ntree")] public static string Branch(NTree x) => Texts(x.O) + "(" + string.Join(",", (x.Kids ?? []).Select(Branch)) + ")";

            [Command("loop")] public static string Loops(Loop x) => Texts(x.Self?.O);

            [Command("thrower")] public static string Throw(Thrower x) => Texts(x.V);

            [Command("shaped")]
            public static string Shape(Shaped x) => x.S switch
            {
                ShapeList l => string.Join(",", l.Select(Texts)),
                ShapeMap m => string.Join(",", m.Select(p => p.Key + "=" + Texts(p.Value))),
                _ => "-",
            };

            private static string Items(System.Collections.IEnumerable? items) =>
                items is null ? "-" : string.Join(",", items.Cast<object>().Select(o => o is JsonElement e ? Texts(e) : "?"));

            // Every string a command could read, property names included: each read throws on an
            // unpaired surrogate, and a JsonObject's first read on a repeated name.
            private static string Texts(JsonNode? node) => node switch
            {
                null => "-",
                JsonObject o => "{" + string.Join(",", o.Select(p => p.Key + ":" + Texts(p.Value))) + "}",
                JsonArray a => "[" + string.Join(",", a.Select(Texts)) + "]",
                JsonValue v when v.GetValueKind() == JsonValueKind.String => "'" + v.GetValue<string>() + "'",
                _ => node.ToJsonString(),
            };

            private static string Texts(JsonElement element) => element.ValueKind switch
            {
                JsonValueKind.Undefined => "-",
                JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Select(p => p.Name + ":" + Texts(p.Value))) + "}",
                JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Texts)) + "]",
                JsonValueKind.String => "'" + element.GetString() + "'",
                _ => element.GetRawText(),
            };
        }
        """;

    private const string Repeated = " without a repeated property name";

    [Theory]
    [InlineData("obj", """{"o":{"a":1,"a":2}}""", "o", "JsonObject")]
    [InlineData("obj", """{"o":{"a":1,"\u0061":2}}""", "o", "JsonObject")]
    [InlineData("obj", """{"o":{"k":[{"b":1,"c":2,"b":3}]}}""", "o", "JsonObject")]
    [InlineData("node", """{"v":{"a":{"x":1,"x":1}}}""", "v", "JsonNode")]
    [InlineData("node", """{"v":[[{"x":null,"x":null}]]}""", "v", "JsonNode")]
    [InlineData("holder", """{"h":{"Node":{"a":1,"a":2}}}""", "h", "Holder")]
    [InlineData("holder", """{"h":{"Map":{"m":{"a":1,"a":2}}}}""", "h", "Holder")]
    [InlineData("holder", """{"h":{"Arr":[{"a":1,"a":2}]}}""", "h", "Holder")]
    [InlineData("outer", """{"x":{"Inner":{"Obj":{"a":1,"a":2}}}}""", "x", "Outer")]
    [InlineData("deep", """{"x":{"Groups":{"g":[{"Obj":{}},{"Obj":{"b":{"a":1,"a":2}}}]}}}""", "x", "Deep")]
    [InlineData("deep", """{"x":{"Point":{"O":{"a":1,"a":2}}}}""", "x", "Deep")]
    [InlineData("deep", """{"x":{"Imm":[{},{"a":1,"a":2}]}}""", "x", "Deep")]
    [InlineData("deep", """{"x":{"Mem":[[{"a":1,"a":2}]]}}""", "x", "Deep")]
    [InlineData("deep", """{"x":{"Poly":{"$type":"d","Extra":[{"a":1,"a":2}]}}}""", "x", "Deep")]
    [InlineData("writeonly", """{"x":{"O":{"a":1,"a":2}}}""", "x", "WriteOnly")]
    [InlineData("ntree", """{"x":{"Kids":[{"O":{}},{"Kids":[{"O":{"a":1,"a":2}}]}]}}""", "x", "NTree")]
    [InlineData("loop", """{"x":{"O":{"a":1,"a":2}}}""", "x", "Loop")]
    [InlineData("writeplain", """{"x":{"P":{},"O":{"a":1,"a":2}}}""", "x", "WritePlain")]
    public async Task Refuses_a_repeated_name_a_node_would_hold(string command, string value, string parameter, string type) =>
        Assert.Equal(
            $$"""{"returncode":"500","message":"Property '{{parameter}}' of command '{{command}}' must be a JSON value of type '{{type}}'{{Repeated}}"}""",
            await Send(Plain, command, value));

    [Theory]
    [InlineData("holder", """{"h":{"Element":"\ud800"}}""", "h")]
    [InlineData("holder", """{"h":{"Any":{"k":"x\udc00"}}}""", "h")]
    [InlineData("holder", """{"h":{"Node":{"\ud83d":1}}}""", "h")]
    [InlineData("holder", """{"h":{"Items":[1,"\ud800"]}}""", "h")]
    [InlineData("holder", """{"h":{"Doc":["\udfff"]}}""", "h")]
    [InlineData("holder", """{"h":{"Arr":[{"k":"\ud800"}]}}""", "h")]
    [InlineData("holder", """{"h":{"Name":"\ud800"}}""", "h")]
    [InlineData("list", """{"items":[1,{"k":"\ud800"}]}""", "items")]
    [InlineData("any", """{"x":{"Any":["\ud800"]}}""", "x")]
    [InlineData("doc", """{"x":{"Doc":{"\udc00":1}}}""", "x")]
    [InlineData("arr", """{"x":{"Arr":[1,"\ud800"]}}""", "x")]
    [InlineData("base", """{"b":{"$type":"d","Extra":"\ud800"}}""", "b")]
    [InlineData("bag", """{"x":{"N":1,"k":["\ud800"]}}""", "x")]
    [InlineData("loose", """{"x":{"L":[1,"\udc00"]}}""", "x")]
    [InlineData("bare", """{"x":{"E":[{"\ud800":1}]}}""", "x")]
    [InlineData("mem", """{"x":{"M":[1,"\ud800"]}}""", "x")]
    public async Task Refuses_a_string_a_member_would_keep_unreadable(string command, string value, string parameter) =>
        Assert.Equal(
            $$"""{"returncode":"500","message":"Property '{{parameter}}' of command '{{command}}' must be valid Unicode text"}""",
            await Send(Plain, command, value));

    [Theory]
    [InlineData("holder", """{"h":{"Value":{"a":1}}}""", "h", "Holder")]
    [InlineData("holder", """{"h":{"Value":[1]}}""", "h", "Holder")]
    [InlineData("shaped", """{"x":{"S":{"$type":"list","$values":[1,{}]}}}""", "x", "Shaped")]
    [InlineData("shaped", """{"x":{"S":{"$type":"map","a":1,"b":[2]}}}""", "x", "Shaped")]
    public async Task Refuses_an_object_or_array_for_a_JsonValue_member(string command, string value, string parameter, string type) =>
        Assert.Equal(
            $$"""{"returncode":"500","message":"Property '{{parameter}}' of command '{{command}}' must be a JSON value of type '{{type}}'"}""",
            await Send(Plain, command, value));

    [Theory]
    [InlineData("holder", """{"h":{"Name":"n","Node":{"a":[1,"\u0041"]},"Element":{"e":"\u0042"},"Any":"x","Value":5,"Items":[true],"Map":{"m":{"k":"v"}},"Doc":{"d":null},"Arr":["q",{"r":2}]}}""",
        "n {a:[1,'A']} {e:'B'} 'x' 5 true m={k:'v'} {d:null} 'q',{r:2}")]
    [InlineData("holder", """{"h":{}}""", "- - - - - - - - -")]
    [InlineData("tree", """{"t":{"Tag":"a","Kids":[{"Tag":"b","Kids":[{"Tag":"c"}]}]}}""", "a(b(c()))")]
    [InlineData("obj", """{"o":{"a":1,"A":2,"b":{"a":3}}}""", "{a:1,A:2,b:{a:3}}")]
    [InlineData("outer", """{"x":{"Inner":{"Obj":{"a":1}},"Tag":"t"}}""", "{a:1} t")]
    [InlineData("base", """{"b":{"$type":"d","Extra":["y"]}}""", "['y']")]
    [InlineData("list", """{"items":[1,"z"]}""", "1,'z'")]
    [InlineData("any", """{"x":{"Any":{"k":"v"}}}""", "{k:'v'}")]
    [InlineData("doc", """{"x":{"Doc":["d"]}}""", "['d']")]
    [InlineData("arr", """{"x":{"Arr":[1,"a"]}}""", "1,'a'")]
    [InlineData("bag", """{"x":{"N":1,"k":["v"]}}""", "k=['v']")]
    [InlineData("loose", """{"x":{"L":[1,"w"]}}""", "1,'w'")]
    [InlineData("bare", """{"x":{"E":[{"k":"v"}]}}""", "{k:'v'}")]
    [InlineData("mem", """{"x":{"M":[1,"s"]}}""", "1,'s'")]
    [InlineData("deep", """{"x":{"Groups":{"g":[{"Obj":{"a":1}}],"h":[]},"Point":{"O":{"b":2}},"Imm":[{"c":3}],"Mem":[[{"d":4}]],"Poly":{"$type":"d","Extra":{"e":5}}}}""",
        "g={a:1},h= {b:2} {c:3} [{d:4}] {e:5}")]
    [InlineData("deep", """{"x":{"Poly":{"N":1}}}""", "- - -  base")]
    [InlineData("writeonly", """{"x":{"O":{"a":1,"b":2},"Name":"n"}}""", "n 2")]
    // A node beyond a member the binder cannot read back: only the places the context reads into nodes are
    // checked before the read, so a member given twice takes its last value (the whole value was checked).
    [InlineData("writeonly", """{"x":{"Name":"a","Name":"b"}}""", "b -")]
    [InlineData("ntree", """{"x":{"O":{"r":0},"Kids":[{"O":{"a":1}},{"Kids":[{"O":{"b":2}}]}]}}""", "{r:0}({a:1}(),-({b:2}()))")]
    [InlineData("loop", """{"x":{"O":{"a":1}}}""", "{a:1}")]
    [InlineData("shaped", """{"x":{"S":{"$type":"list","$values":[1,"s"]}}}""", "1,'s'")]
    [InlineData("shaped", """{"x":{"S":{"$type":"map","a":true}}}""", "a=true")]
    public async Task Reads_what_holds_neither(string command, string value, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await Send(Plain, command, value));

    [Theory]
    [InlineData("typed", """{"a":1,"a":2}""", "2")]
    [InlineData("typed", """{"a":1,"b":"x","b":"y"}""", "1y")]
    [InlineData("plain", """{"p":{"Name":"a","N":1,"N":2,"Name":"b"}}""", "b 2")]
    // Only a node's own objects must not repeat a name: the rest of a type holding one keeps the context's rules.
    [InlineData("holder", """{"h":{"Name":"a","Name":"b"}}""", "b - - - - - - - -")]
    [InlineData("deep", """{"x":{"Groups":{"g":[{"Obj":{"a":1}}],"g":[{"Obj":{"b":2}}]},"Poly":{"$type":"d","N":1,"N":2}}}""", "g={b:2} - -  -")]
    [InlineData("writeplain", """{"x":{"Name":"a","Name":"b","O":{"c":1}}}""", "b {c:1}")]
    public async Task A_repeated_name_elsewhere_binds_its_last_value(string command, string value, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await Send(Plain, command, value));

    [Theory]
    [InlineData("plain", """{"p":{"Name":"\ud800"}}""", "p", "Plain", "$.Name")]
    [InlineData("tree", """{"t":{"Kids":[{"Tag":"\ud800"}]}}""", "t", "Tree", "$.Kids[0].Tag")]
    public async Task A_type_holding_no_raw_JSON_is_read_by_the_context_as_before(string command, string value, string parameter, string type, string path) =>
        Assert.Equal(
            $$"""{"returncode":"500","message":"Property '{{parameter}}' of command '{{command}}' must be a JSON value of type '{{type}}' (at {{path}})"}""",
            await Send(Plain, command, value));

    [Theory]
    [InlineData("obj", """{"o":{"a":1,"A":2}}""", "o", "JsonObject")]
    [InlineData("holder", """{"h":{"node":{"k":{"Name":1,"nAME":2}}}}""", "h", "Holder")]
    [InlineData("holder", """{"h":{"map":{"k":{"a":1,"A":2}}}}""", "h", "Holder")]
    public async Task Names_differing_only_in_case_repeat_one_when_the_context_ignores_case(string command, string value, string parameter, string type) =>
        Assert.Equal(
            $$"""{"returncode":"500","message":"Property '{{parameter}}' of command '{{command}}' must be a JSON value of type '{{type}}'{{Repeated}}"}""",
            await Send(Web, command, value));

    // Only the nodes' own names: a dictionary's keys are its own (compared as its comparer says),
    // and the type's members match case-insensitively and take their last value, as the context reads them.
    [Theory]
    [InlineData("holder", """{"h":{"map":{"k":{},"K":{"a":1}}}}""", "- - - - - - k={},K={a:1} - -")]
    [InlineData("holder", """{"h":{"name":"a","NAME":"b","node":{"x":1}}}""", "b {x:1} - - - - - - -")]
    public async Task Names_differing_only_in_case_outside_a_node_bind_when_the_context_ignores_case(string command, string value, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await Send(Web, command, value));

    [Fact]
    public async Task A_setter_throwing_InvalidOperationException_in_a_type_holding_a_JsonValue_is_an_internal_error() =>
        Assert.Equal(
            """{"returncode":"500","message":"Command 'thrower' failed with an internal error"}""",
            await Send(Plain, "thrower", """{"x":{"V":1,"T":1}}"""));

    private const string Plain = "";

    private const string Web = "[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]";

    private Task<string> Send(string options, string command, string value) =>
        samples.Compile(Source.Replace("OPTIONS", options, StringComparison.Ordinal))
            .SendAsync($$"""{"name":"{{command}}","value":{{value}}}""");
}
