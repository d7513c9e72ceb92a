using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// Under the context's <c>UnknownTypeHandling = JsonNode</c> an <c>object</c> (a member, a list's or
/// a non-generic collection's item, a <c>Hashtable</c>'s value, extension data's values) is read as a
/// <c>JsonNode</c>, whose objects throw on a repeated name when the command reads them: the binder
/// walks to each and refuses one, as it does for a node member. Under the default handling the same
/// members hold <c>JsonElement</c>s, which keep every name: the value binds. An <c>object</c> the
/// type's own code set to something else is passed over.
/// </summary>
public sealed class ObjectNodeExecutionTests(CompiledSourcesFixture samples) : IClassFixture<CompiledSourcesFixture>
{
    private const string Source = """
        using System.Collections;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public sealed class Held
        {
            public object? Any { get; set; }

            public List<object>? List { get; set; }

            public ArrayList? Loose { get; set; }

            public IEnumerable? Bare { get; set; }

            public Hashtable? Table { get; set; }

            // Not from the request unless it names it: the walk passes over what is no node.
            public object? Preset { get; set; } = 5;

            [JsonExtensionData] public Dictionary<string, object>? Extra { get; set; }
        }

        OPTIONS
        [JsonSerializable(typeof(Held))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("held")]
            public static string Hold(Held x) => string.Join(" ",
                Text(x.Any), Items(x.List), Items(x.Loose), Items(x.Bare),
                x.Table is null ? "-" : string.Join(",", x.Table.Cast<DictionaryEntry>().Select(e => e.Key + "=" + Text(e.Value))),
                Text(x.Preset), x.Extra is null ? "-" : string.Join(",", x.Extra.Select(p => p.Key + "=" + Text(p.Value))));

            private static string Items(IEnumerable? items) => items is null ? "-" : string.Join(",", items.Cast<object?>().Select(Text));

            // Reads every name, as a command would: a JsonObject throws on a repeated one.
            private static string Text(object? value) => value switch
            {
                null => "-",
                JsonObject o => "{" + string.Join(",", o.Select(p => p.Key + ":" + Text(p.Value))) + "}",
                JsonArray a => "[" + string.Join(",", a.Select(Text)) + "]",
                JsonElement { ValueKind: JsonValueKind.Object } e => "{" + string.Join(",", e.EnumerateObject().Select(p => p.Name + ":" + Text(p.Value))) + "}",
                JsonElement { ValueKind: JsonValueKind.Array } e => "[" + string.Join(",", e.EnumerateArray().Select(i => Text(i))) + "]",
                _ => value.ToString() ?? "-",
            };
        }
        """;

    private const string Nodes = "[JsonSourceGenerationOptions(UnknownTypeHandling = JsonUnknownTypeHandling.JsonNode)]";

    [Theory]
    [InlineData("""{"Any":{"a":1,"a":2}}""")]
    [InlineData("""{"Any":[{"b":{"a":1,"a":2}}]}""")]
    [InlineData("""{"List":[1,{"a":1,"a":2}]}""")]
    [InlineData("""{"Loose":[{"a":1,"a":2}]}""")]
    [InlineData("""{"Bare":[{"a":1,"a":2}]}""")]
    [InlineData("""{"Table":{"k":{"a":1,"a":2}}}""")]
    [InlineData("""{"Preset":{"a":1,"a":2}}""")]
    [InlineData("""{"other":{"a":1,"a":2}}""")]
    public async Task An_object_read_as_a_node_is_refused_a_repeated_name(string value) =>
        Assert.Equal(
            """{"returncode":"500","message":"Property 'x' of command 'held' must be a JSON value of type 'Held' without a repeated property name"}""",
            await Send(Nodes, value));

    [Theory]
    [InlineData(Nodes, """{"Any":{"a":1,"b":[{"c":2}]},"List":[{"d":3}],"Table":{"k":{"e":4}},"other":{"f":5}}""", "{a:1,b:[{c:2}]} {d:3} - - k={e:4} 5 other={f:5}")]
    [InlineData(Nodes, "{}", "- - - - - 5 -")]
    // Only the nodes' own names: a member of Held named twice takes its last value, as the context reads it.
    [InlineData(Nodes, """{"Any":1,"Any":{"a":1}}""", "{a:1} - - - - 5 -")]
    [InlineData("", """{"Any":{"a":1,"a":2},"List":[{"a":1,"a":2}],"Loose":[{"a":1,"a":2}],"Preset":{"a":1,"a":2},"other":{"a":1,"a":2}}""",
        "{a:1,a:2} {a:1,a:2} {a:1,a:2} - - {a:1,a:2} other={a:1,a:2}")]
    public async Task Reads_what_holds_no_repeated_name_and_what_holds_elements(string options, string value, string message) =>
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await Send(options, value));

    private Task<string> Send(string options, string value) =>
        samples.Compile(Source.Replace("OPTIONS", options, StringComparison.Ordinal))
            .SendAsync($$$"""{"name":"held","value":{"x":{{{value}}}}}""");
}
