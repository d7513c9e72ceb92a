using System.Text.Json;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The JSON contract of a polymorphic type, against the real source-generated context: its type
/// discriminator member (<c>$type</c>, or the one <c>[JsonPolymorphic]</c> names) lists the values its
/// <c>[JsonDerivedType]</c>s give, which are what the context writes and all it reads, but where
/// <c>IgnoreUnrecognizedTypeDiscriminators</c> lets it read any.
/// </summary>
public sealed class PolymorphicSchemaExecutionTests(CompiledSourcesFixture samples) : IClassFixture<CompiledSourcesFixture>
{
    private const string Source = """
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        [JsonDerivedType(typeof(Disc), "disc")] [JsonDerivedType(typeof(Ring), 2)]
        public class Shape { public int X { get; set; } }
        public sealed class Disc : Shape { public int R { get; set; } }
        public sealed class Ring : Shape { }

        [JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", IgnoreUnrecognizedTypeDiscriminators = true)] [JsonDerivedType(typeof(LooseLeaf), "leaf")]
        public class Loose { public int X { get; set; } }
        public sealed class LooseLeaf : Loose { }

        [JsonSerializable(typeof(Shape))] [JsonSerializable(typeof(Loose))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("disc")] public static Shape MakeDisc() => new Disc { X = 1, R = 2 };
            [Command("ring")] public static Shape MakeRing() => new Ring { X = 3 };
            [Command("shape")] public static string TakeShape(Shape value) => value.GetType().Name;
            [Command("loose")] public static string TakeLoose(Loose value) => value.GetType().Name;
        }
        """;

    [Theory]
    [InlineData("disc", "{'$type':'disc','R':2,'X':1}")]
    [InlineData("ring", "{'$type':2,'X':3}")]
    public async Task The_discriminator_written_is_one_the_result_schema_lists(string command, string written)
    {
        var commands = samples.Compile(Source);
        Assert.Equal($$"""{"returncode":"0","message":"{{written}}"}""", await commands.SendAsync($$"""{"name":"{{command}}"}"""));

        var discriminator = Schema(command, request: false).GetProperty("properties").GetProperty("$type");
        Assert.Equal("""{"enum":["disc",2]}""", discriminator.GetRawText());
        using var value = JsonDocument.Parse(written.Replace('\'', '"'));
        Assert.Contains(value.RootElement.GetProperty("$type").GetRawText(), discriminator.GetProperty("enum").EnumerateArray().Select(v => v.GetRawText()));
    }

    [Theory]
    [InlineData("""{"$type":"disc","X":1}""", "0", "Disc")]
    [InlineData("""{"$type":2,"X":1}""", "0", "Ring")]
    [InlineData("""{"X":1}""", "0", "Shape")]
    [InlineData("""{"$type":"square","X":1}""", "500", null)]
    [InlineData("""{"$type":"2","X":1}""", "500", null)]
    public async Task The_context_reads_exactly_the_discriminators_the_request_schema_lists(string value, string code, string? type)
    {
        var listed = Schema("shape", request: true).GetProperty("properties").GetProperty("value").GetProperty("properties").GetProperty("$type").GetProperty("enum");
        using var request = JsonDocument.Parse(value);
        var given = request.RootElement.TryGetProperty("$type", out var discriminator) ? discriminator.GetRawText() : null;
        Assert.Equal(code == "0", given is null || listed.EnumerateArray().Any(v => v.GetRawText() == given));

        var answer = await samples.Compile(Source).SendAsync(AnalyzedSamples.Request("shape", $$"""{"value":{{value}}}"""));
        Assert.StartsWith(type is null ? $$"""{"returncode":"{{code}}",""" : $$"""{"returncode":"0","message":"{{type}}"}""", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_unknown_discriminators_are_ignored_any_string_or_integer_is_read()
    {
        Assert.Equal(
            """{"type":["string","integer"]}""",
            Schema("loose", request: true).GetProperty("properties").GetProperty("value").GetProperty("properties").GetProperty("kind").GetRawText());
        Assert.Equal("""{"returncode":"0","message":"Loose"}""", await samples.Compile(Source).SendAsync("""{"name":"loose","value":{"value":{"kind":"square","X":1}}}"""));
        Assert.Equal("""{"returncode":"0","message":"LooseLeaf"}""", await samples.Compile(Source).SendAsync("""{"name":"loose","value":{"value":{"kind":"leaf"}}}"""));
    }

    private JsonElement Schema(string command, bool request)
    {
        var descriptor = samples.Compile(Source).CreateRegistry().Commands.Single(c => c.Name == command);
        return JsonDocument.Parse(request ? descriptor.RequestSchema : descriptor.ResultSchema).RootElement.Clone();
    }
}
