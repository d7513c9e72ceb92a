using System.Text.Json;
using GuestAgent.Commands;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// Each member of a complex result is written by the real System.Text.Json context in the form
/// its schema describes: enums as numbers unless a string-enum converter applies, a char as a
/// one-character string, a byte array as a base64 string.
/// </summary>
public sealed class MemberSchemaExecutionTests
{
    private const string Source = """
        using System;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public enum Color { Red, Green }

        [JsonConverter(typeof(JsonStringEnumConverter<Tone>))]
        public enum Tone { Light, Dark }

        public enum Size { Small, [JsonStringEnumMemberName("XL")] Large }

        public sealed class Shape
        {
            public Color Plain { get; set; } = Color.Green;
            public Color? Maybe { get; set; } = Color.Green;
            public Tone Typed { get; set; } = Tone.Dark;
            [JsonConverter(typeof(JsonStringEnumConverter<Color>))] public Color OnProperty { get; set; } = Color.Green;
            public Size Sized { get; set; } = Size.Large;
            public char Letter { get; set; } = 'x';
            public byte[] Bytes { get; set; } = [1, 2, 3];
            public DateOnly Day { get; set; } = new(2024, 1, 2);
            public TimeSpan Span { get; set; } = TimeSpan.FromMinutes(90);
        }

        OPTIONS
        [JsonSerializable(typeof(Shape))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("shape")] public static Shape Make() => new();
            [Command("color")] public static Color Top(Color color) => color;
        }
        """;

    [Theory]
    [InlineData("")]
    [InlineData("[JsonSourceGenerationOptions(UseStringEnumConverter = true)]")]
    [InlineData("[JsonSourceGenerationOptions(Converters = new[] { typeof(JsonStringEnumConverter<Size>) })]")]
    // A converter of Size by way of a class named like System.Text.Json's (known by its symbol, not taken for one of Color).
    [InlineData("""
        public static class Mine { public class JsonStringEnumConverter<T> : System.Text.Json.Serialization.JsonStringEnumConverter<Size> { } }
        [JsonSourceGenerationOptions(Converters = new[] { typeof(Mine.JsonStringEnumConverter<Color>) })]
        """)]
    public async Task Members_are_written_as_their_schema_says(string options)
    {
        using var commands = LoadedCommands.Compile(Source.Replace("OPTIONS", options, StringComparison.Ordinal));
        var registry = commands.CreateRegistry();
        var schema = JsonDocument.Parse(registry.Commands.Single(c => c.Name == "shape").ResultSchema).RootElement.GetProperty("properties");

        var invocation = new CommandInvocation("1", new ExchangeSession(), EmptyServiceProvider.Instance, TestContext.Current.CancellationToken);
        Assert.True(registry.TryDispatch("shape"u8, default, invocation, out var running));
        var written = JsonDocument.Parse((await running).Message).RootElement;

        foreach (var property in written.EnumerateObject())
        {
            AssertMatches(property.Name, NonNull(schema.GetProperty(property.Name)), property.Value);
        }
    }

    [Fact]
    public void Enums_the_binder_reads_itself_are_described_by_name()
    {
        using var commands = LoadedCommands.Compile(Source.Replace("OPTIONS", "", StringComparison.Ordinal));
        var color = commands.CreateRegistry().Commands.Single(c => c.Name == "color");
        Assert.Contains("""{"type":"string","enum":["Red","Green"]}""", color.RequestSchema, StringComparison.Ordinal);
        Assert.EndsWith(""","type":"string","enum":["Red","Green"]}""", color.ResultSchema, StringComparison.Ordinal);
    }

    private static JsonElement NonNull(JsonElement schema) =>
        schema.TryGetProperty("anyOf", out var options) ? options.EnumerateArray().First(o => o.GetProperty("type").GetString() != "null") : schema;

    private static void AssertMatches(string name, JsonElement schema, JsonElement value)
    {
        var type = schema.GetProperty("type").GetString();
        Assert.True(
            type switch
            {
                "integer" => value.ValueKind == JsonValueKind.Number,
                "string" => value.ValueKind == JsonValueKind.String,
                _ => false,
            },
            $"{name}: schema {schema.GetRawText()}, written {value.GetRawText()}");
        if (schema.TryGetProperty("enum", out var allowed))
        {
            Assert.Contains(value.GetString(), allowed.EnumerateArray().Select(a => a.GetString()));
        }

        if (schema.TryGetProperty("maxLength", out var max))
        {
            Assert.True(value.GetString()!.Length <= max.GetInt32(), name);
            Assert.True(value.GetString()!.Length >= schema.GetProperty("minLength").GetInt32(), name);
        }
    }
}
