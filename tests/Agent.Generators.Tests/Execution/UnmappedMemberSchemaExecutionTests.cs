using System.Text.Json;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The request schema under <c>JsonUnmappedMemberHandling.Disallow</c>, against the real source-generated
/// context: it lists every name the context takes (<c>propertyNames</c>), those of the members it never
/// reads too, and the context refuses any other name; where the names cannot be listed exactly
/// (extension data taking the unknown ones, a polymorphic type, names compared ignoring case) nothing is
/// stated, and the context takes the unknown member.
/// </summary>
public sealed class UnmappedMemberSchemaExecutionTests(CompiledSourcesFixture samples) : IClassFixture<CompiledSourcesFixture>
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
        public sealed class Strict
        {
            public int Size { get; set; }
            [JsonIgnore] public int Hidden { get; set; }
            public int Twice => Size * 2;
            [JsonPropertyName("label")] public string? Name { get; set; }
        }

        // The type's own Skip wins over the options' Disallow.
        [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
        public sealed class Lenient { public int Size { get; set; } }

        public sealed class Plain { public int Size { get; set; } }

        public sealed class Extended { public int Size { get; set; } [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; } }

        [JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
        [JsonSerializable(typeof(Strict))] [JsonSerializable(typeof(Lenient))] [JsonSerializable(typeof(Plain))] [JsonSerializable(typeof(Extended))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("strict")] public static int TakeStrict(Strict value) => value.Size;
            [Command("lenient")] public static int TakeLenient(Lenient value) => value.Size;
            [Command("plain")] public static int TakePlain(Plain value) => value.Size;
            [Command("extended")] public static int TakeExtended(Extended value) => value.Size + (value.Extra?.Count ?? 0);
        }
        """;

    [Theory]
    [InlineData("strict", """["Size","Hidden","Twice","label"]""")]
    [InlineData("plain", """["Size"]""")]
    public void The_request_schema_lists_every_name_the_context_takes(string command, string names) =>
        Assert.Equal(
            names,
            ValueSchema(command).GetProperty("propertyNames").GetProperty("enum").GetRawText());

    [Theory]
    [InlineData("strict", """{"Size":1,"Hidden":2,"Twice":3,"label":"x"}""", "1")]
    [InlineData("plain", """{"Size":4}""", "4")]
    [InlineData("lenient", """{"Size":5,"Other":6}""", "5")]
    [InlineData("extended", """{"Size":7,"Other":8}""", "8")]
    public async Task The_context_takes_those_names(string command, string value, string answer) =>
        Assert.Equal(
            $$"""{"returncode":"0","message":"{{answer}}"}""",
            await samples.Compile(Source).SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{value}}}""")));

    [Theory]
    [InlineData("strict", """{"Size":1,"size":2}""")]
    [InlineData("plain", """{"Size":1,"Other":2}""")]
    public async Task And_refuses_any_other(string command, string value) =>
        Assert.StartsWith(
            $$"""{"returncode":"500","message":"Property 'value' of command '{{command}}' must be a JSON value of type""",
            await samples.Compile(Source).SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{value}}}""")),
            StringComparison.Ordinal);

    [Theory]
    [InlineData("lenient")]
    [InlineData("extended")]
    public void Where_the_context_takes_unknown_members_nothing_is_stated(string command) =>
        Assert.False(ValueSchema(command).TryGetProperty("propertyNames", out _));

    /// <summary>Names compared ignoring case, and a polymorphic type's discriminator: the names the context takes are not those listed.</summary>
    [Theory]
    [InlineData("[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, PropertyNameCaseInsensitive = true)]", "plain", """{"size":9}""", "9")]
    [InlineData("[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]", "shape", """{"$type":"disc","Size":9}""", "9")]
    public async Task Where_the_names_cannot_be_listed_exactly_nothing_is_stated(string options, string command, string value, string answer)
    {
        var source = $$"""
            using System.Text.Json.Serialization;
            using GuestAgent.Commands;

            [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

            namespace Sample;

            public sealed class Plain { public int Size { get; set; } }
            [JsonDerivedType(typeof(Disc), "disc")] public class Shape { public int Size { get; set; } }
            public sealed class Disc : Shape { }

            {{options}}
            [JsonSerializable(typeof(Plain))] [JsonSerializable(typeof(Shape))]
            public partial class SampleJson : JsonSerializerContext;

            public static class Commands
            {
                [Command("plain")] public static int TakePlain(Plain value) => value.Size;
                [Command("shape")] public static int TakeShape(Shape value) => value.Size;
            }
            """;

        Assert.Equal($$"""{"returncode":"0","message":"{{answer}}"}""", await samples.Compile(source).SendAsync(AnalyzedSamples.Request(command, $$"""{"value":{{value}}}""")));
        Assert.False(ValueSchema(command, source).TryGetProperty("propertyNames", out _));
    }

    private JsonElement ValueSchema(string command, string source = Source)
    {
        var descriptor = samples.Compile(source).CreateRegistry().Commands.Single(c => c.Name == command);
        return JsonDocument.Parse(descriptor.RequestSchema).RootElement.GetProperty("properties").GetProperty("value").Clone();
    }
}
