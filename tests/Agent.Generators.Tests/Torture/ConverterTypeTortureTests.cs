using System.Text.Json;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Torture;

/// <summary>
/// Parameter and result types System.Text.Json reads and writes with converters of its own
/// (<c>Int128</c>, <c>UInt128</c>, <c>Half</c>, <c>ReadOnlyMemory&lt;byte&gt;</c>, <c>JsonNode</c> and
/// its kinds, <c>JsonDocument</c>): the schemas described them by their public properties (an
/// object for a number, <c>IsEmpty</c>/<c>Length</c>/<c>Span</c> for base64 text, a node's
/// <c>Options</c>/<c>Parent</c>/<c>Root</c>), so a client validating against them refused every
/// answer. They must describe the JSON the command takes and answers.
/// </summary>
public sealed class ConverterTypeTortureTests(ConverterTypeTortureTests.Compiled compiled) : IClassFixture<ConverterTypeTortureTests.Compiled>
{
    private const string Source = """
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;

        [assembly: CommandJsonContext(typeof(Sample.ConverterJson))]

        namespace Sample
        {
            public record Holder(Int128 Big, Half Small, ReadOnlyMemory<byte> Bytes, JsonNode? Node);

            [JsonSerializable(typeof(Int128))]
            [JsonSerializable(typeof(UInt128))]
            [JsonSerializable(typeof(Half))]
            [JsonSerializable(typeof(ReadOnlyMemory<byte>))]
            [JsonSerializable(typeof(JsonNode))]
            [JsonSerializable(typeof(JsonObject))]
            [JsonSerializable(typeof(JsonDocument))]
            [JsonSerializable(typeof(Holder))]
            internal partial class ConverterJson : JsonSerializerContext;

            public static class Converted
            {
                [Command("int128")] public static Int128 Big(Int128 x) => x;
                [Command("uint128")] public static UInt128 Unsigned(UInt128 x) => x;
                [Command("half")] public static Half Small(Half x) => x;
                [Command("bytes")] public static ReadOnlyMemory<byte> Bytes(ReadOnlyMemory<byte> x) => x;
                [Command("node")] public static JsonNode? Node(JsonNode? x) => x;
                [Command("object")] public static JsonObject Object(JsonObject x) => x;
                [Command("document")] public static JsonDocument Document(JsonDocument x) => x;
                [Command("holder")] public static Holder Hold(Holder h) => h;
            }
        }
        """;

    private const string Node = """{"type":["object","array","string","number","boolean"]}""";

    private readonly LoadedCommands _commands = compiled.Commands;

    [Theory]
    [InlineData("int128", "170141183460469231731687303715884105727", """{"type":"integer","minimum":-170141183460469231731687303715884105728,"maximum":170141183460469231731687303715884105727}""")]
    [InlineData("uint128", "340282366920938463463374607431768211455", """{"type":"integer","minimum":0,"maximum":340282366920938463463374607431768211455}""")]
    [InlineData("half", "1.5", """{"type":"number"}""")]
    [InlineData("bytes", "'AQI='", """{"type":"string","contentEncoding":"base64"}""")]
    [InlineData("node", "{'a':[1]}", Node)]
    [InlineData("object", "{'a':[1]}", """{"type":"object"}""")]
    [InlineData("document", "[true]", Node)]
    public async Task The_value_round_trips_and_both_schemas_describe_it(string name, string message, string schema)
    {
        var json = message.Replace('\'', '"');
        Assert.Equal($$"""{"returncode":"0","message":"{{message}}"}""", await _commands.SendAsync($$$"""{"name":"{{{name}}}","value":{"x":{{{json}}}}}"""));
        var command = _commands.CreateRegistry().Commands.Single(c => c.Name == name);
        using var request = JsonDocument.Parse(command.RequestSchema);
        using var result = JsonDocument.Parse(command.ResultSchema);
        var parameter = request.RootElement.GetProperty("properties").GetProperty("x");
        var answered = result.RootElement.Clone();
        if (name == "node")
        {
            // JsonNode? admits null both ways.
            Assert.Equal($$"""[{{schema}},{"type":"null"}]""", parameter.GetProperty("anyOf").GetRawText());
            Assert.Equal($$"""[{{schema}},{"type":"null"}]""", answered.GetProperty("anyOf").GetRawText());
            return;
        }

        Assert.Equal(schema, parameter.GetRawText());
        Assert.Equal(schema, JsonSerializer.Serialize(answered.EnumerateObject().Where(p => p.Name != "$schema").ToDictionary(p => p.Name, p => p.Value)));
    }

    [Fact]
    public async Task Members_of_those_types_are_described_as_written()
    {
        Assert.Equal(
            """{"returncode":"0","message":"{'Big':2,'Small':0.5,'Bytes':'AQI=','Node':{'a':1}}"}""",
            await _commands.SendAsync("""{"name":"holder","value":{"h":{"Big":2,"Small":0.5,"Bytes":"AQI=","Node":{"a":1}}}}"""));
        using var result = JsonDocument.Parse(_commands.CreateRegistry().Commands.Single(c => c.Name == "holder").ResultSchema);
        var properties = result.RootElement.GetProperty("properties");
        Assert.Equal("integer", properties.GetProperty("Big").GetProperty("type").GetString());
        Assert.Equal("number", properties.GetProperty("Small").GetProperty("type").GetString());
        Assert.Equal("base64", properties.GetProperty("Bytes").GetProperty("contentEncoding").GetString());
        Assert.Equal($$"""[{{Node}},{"type":"null"}]""", properties.GetProperty("Node").GetProperty("anyOf").GetRawText());
    }

    /// <summary>The sample, compiled and loaded once for the class's tests.</summary>
    public sealed class Compiled() : CompiledCommandsFixture(TortureCompiler.Load(TortureCompiler.Usings + Source));
}
