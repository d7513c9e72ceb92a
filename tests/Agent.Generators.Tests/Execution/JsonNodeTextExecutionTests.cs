using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// A <c>JsonNode</c>, <c>JsonObject</c>, <c>JsonArray</c> or <c>JsonValue</c> parameter holding a
/// string that escapes an unpaired UTF-16 surrogate, anywhere inside it and property names too, is
/// refused as a <c>JsonElement</c> one is: the node keeps the text unread, and the command reading
/// it used to throw, an internal error, instead of the caller getting the binding error.
/// </summary>
public sealed class JsonNodeTextExecutionTests(JsonNodeTextExecutionTests.Compiled compiled) : IClassFixture<JsonNodeTextExecutionTests.Compiled>
{
    private const string Source = """
        using System.Linq;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        [JsonSerializable(typeof(JsonNode))]
        [JsonSerializable(typeof(JsonObject))]
        [JsonSerializable(typeof(JsonArray))]
        [JsonSerializable(typeof(JsonValue))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("node")] public static string Node(JsonNode v) => Texts(v);

            [Command("maybe")] public static string Maybe(JsonNode? v = null, int n = 0) => Texts(v) + " " + n;

            [Command("obj")] public static string Obj(JsonObject o) => Texts(o);

            [Command("arr")] public static string Arr(JsonArray a) => Texts(a);

            [Command("val")] public static string Val(JsonValue v) => Texts(v);

            // Every string a command could read, property names included: each read throws on an
            // unpaired surrogate. Code units past ASCII as U+XXXX: the answer shows them as "?".
            private static string Texts(JsonNode? node) => node switch
            {
                null => "null",
                JsonObject o => "{" + string.Join(",", o.Select(p => Ascii(p.Key) + ":" + Texts(p.Value))) + "}",
                JsonArray a => "[" + string.Join(",", a.Select(Texts)) + "]",
                JsonValue v when v.GetValueKind() == JsonValueKind.String => "'" + Ascii(v.GetValue<string>()) + "'",
                _ => node.ToJsonString(),
            };

            private static string Ascii(string text) =>
                string.Concat(text.Select(c => c < 0x80 ? c.ToString() : "U+" + ((int)c).ToString("X4")));
        }
        """;

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("node", """{"v":"\ud800"}""", "v")]
    [InlineData("node", """{"v":{"a":[1,{"b":"x\udc00"}]}}""", "v")]
    [InlineData("node", """{"v":{"\ud83d":1}}""", "v")]
    [InlineData("node", """{"v":["\ud83d","\ude00"]}""", "v")]
    [InlineData("node", """{"v":"\ud83d\u0041\ude00"}""", "v")]
    [InlineData("maybe", """{"v":{"k":"\udfff"},"n":1}""", "v")]
    [InlineData("obj", """{"o":{"k":{"\udbff":true}}}""", "o")]
    [InlineData("arr", """{"a":[[["\ud800"]]]}""", "a")]
    [InlineData("val", """{"v":"ok\ud800"}""", "v")]
    public async Task Refuses_a_string_escaping_an_unpaired_surrogate_anywhere_inside(string command, string value, string parameter) =>
        Assert.Equal(
            $$"""{"returncode":"500","message":"Property '{{parameter}}' of command '{{command}}' must be valid Unicode text"}""",
            await _commands.SendAsync($$"""{"name":"{{command}}","value":{{value}}}"""));

    [Theory]
    [InlineData("node", """{"v":{"\ud83d\ude00":["\u0041\ud83d\ude00"]}}""", "{U+D83DU+DE00:['AU+D83DU+DE00']}")]
    [InlineData("node", """{"v":5}""", "5")]
    [InlineData("maybe", """{"v":null,"n":2}""", "null 2")]
    [InlineData("maybe", """{"n":3}""", "null 3")]
    [InlineData("obj", """{"o":{"a":"b","c":[true]}}""", "{a:'b',c:[true]}")]
    [InlineData("arr", """{"a":[1,"\u00e9"]}""", "[1,'U+00E9']")]
    [InlineData("val", """{"v":"x"}""", "'x'")]
    public async Task Reads_readable_text_as_before(string command, string value, string message) =>
        Assert.Equal(
            $$"""{"returncode":"0","message":"{{message}}"}""",
            await _commands.SendAsync($$"""{"name":"{{command}}","value":{{value}}}"""));

    [Theory]
    [InlineData("node", """{"v":null}""", "v", "JsonNode")]
    [InlineData("obj", """{"o":[1]}""", "o", "JsonObject")]
    [InlineData("arr", """{"a":{"x":1}}""", "a", "JsonArray")]
    [InlineData("val", """{"v":{"x":1}}""", "v", "JsonValue")]
    [InlineData("val", """{"v":["x"]}""", "v", "JsonValue")]
    public async Task Still_refuses_the_wrong_kind_of_value(string command, string value, string parameter, string type) =>
        Assert.Equal(
            $$"""{"returncode":"500","message":"Property '{{parameter}}' of command '{{command}}' must be a JSON value of type '{{type}}'"}""",
            await _commands.SendAsync($$"""{"name":"{{command}}","value":{{value}}}"""));

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(LoadedCommands.Compile(Source));
}
