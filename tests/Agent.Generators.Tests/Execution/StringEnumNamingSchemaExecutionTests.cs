using System.Text.Json;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// An enum written by a converter deriving from <c>JsonStringEnumConverter</c> with a naming policy (the way to give
/// one in a source-generated context), against the real context: the schema lists the names it writes, found in the
/// converter's constructor, for a property's converter, the options' (generic or not) and the enum's own, in
/// System.Text.Json's order; dictionary keys follow the converter's policy, but the options' <c>DictionaryKeyPolicy</c>
/// when there is one; a policy the generator cannot know leaves any string.
/// </summary>
public sealed class StringEnumNamingSchemaExecutionTests(CompiledSourcesFixture samples) : IClassFixture<CompiledSourcesFixture>
{
    private const string Converters = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public enum Color { Red, DarkBlue, [JsonStringEnumMemberName("sky")] LightBlue }
        [JsonConverter(typeof(SnakeConverter))] public enum Shade { Light, DarkGrey }
        [JsonConverter(typeof(ShoutConverter))] public enum Tone { LowPitch }
        public enum Plain { OffWhite }

        public class CamelConverter<T> : JsonStringEnumConverter<T> where T : struct, Enum { public CamelConverter() : base(JsonNamingPolicy.CamelCase) { } }
        public sealed class DerivedCamel : CamelConverter<Color> { }
        public sealed class SnakeConverter : JsonStringEnumConverter<Shade> { public SnakeConverter() : base(allowIntegerValues: false, namingPolicy: JsonNamingPolicy.SnakeCaseLower) { } }
        public sealed class Shout : JsonNamingPolicy { public override string ConvertName(string name) => name.ToUpperInvariant(); }
        public sealed class ShoutConverter : JsonStringEnumConverter<Tone> { public ShoutConverter() : base(new Shout()) { } }
        public sealed class Unnamed : JsonStringEnumConverter<Plain> { public Unnamed() : base(null) { } }

        public sealed class Paint
        {
            [JsonConverter(typeof(CamelConverter<Plain>))] public Plain Own { get; set; }
            public Color Color { get; set; }
            public Shade Shade { get; set; }
            public Tone Tone { get; set; }
            public Plain Plain { get; set; }
            public Dictionary<Color, int> ByColor { get; set; } = new();
            public Dictionary<Shade, int> ByShade { get; set; } = new();
        }

        [JsonSourceGenerationOptions(Converters = [typeof(DerivedCamel), typeof(Unnamed)])]
        [JsonSerializable(typeof(Paint))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("paint")] public static Paint Make() => new()
            {
                Own = Plain.OffWhite, Color = Color.DarkBlue, Shade = Shade.DarkGrey, Tone = Tone.LowPitch, Plain = Plain.OffWhite,
                ByColor = new() { [Color.DarkBlue] = 1, [Color.LightBlue] = 2 }, ByShade = new() { [Shade.DarkGrey] = 1 },
            };

            [Command("take-paint")] public static string Take(Paint value) => $"{value.Color} {value.Shade} {string.Join(",", value.ByColor.Keys)} {string.Join(",", value.ByShade.Keys)}";
        }
        """;

    private const string Precedence = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        [JsonConverter(typeof(SnakeConverter))] public enum Shade { Light, DarkGrey }
        public enum Color { Red, DarkBlue }

        public sealed class KebabEverywhere : JsonStringEnumConverter { public KebabEverywhere() : base(JsonNamingPolicy.KebabCaseLower) { } }
        public sealed class SnakeConverter : JsonStringEnumConverter<Shade> { public SnakeConverter() : base(JsonNamingPolicy.SnakeCaseLower) { } }

        public sealed class Paint
        {
            public Shade Shade { get; set; }
            public Color Color { get; set; }
            public Dictionary<Shade, int> ByShade { get; set; } = new();
        }

        [JsonSerializable(typeof(Paint))]
        [JsonSourceGenerationOptions(Converters = [typeof(KebabEverywhere)], DictionaryKeyPolicy = JsonKnownNamingPolicy.SnakeCaseUpper)]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("paint")] public static Paint Make() => new() { Shade = Shade.DarkGrey, Color = Color.DarkBlue, ByShade = new() { [Shade.DarkGrey] = 1 } };
            [Command("take-paint")] public static string Take(Paint value) => $"{value.Shade} {string.Join(",", value.ByShade.Keys)}";
        }
        """;

    [Fact]
    public async Task Each_enum_is_written_under_its_converters_policy_and_matches_the_result_schema() =>
        await CommandContracts.AssertWrittenMatches(samples.Compile(Converters), "paint",
            "{'Own':'offWhite','Color':'darkBlue','Shade':'dark_grey','Tone':'LOWPITCH','Plain':'OffWhite','ByColor':{'darkBlue':1,'sky':2},'ByShade':{'dark_grey':1}}");

    [Theory]
    [InlineData("Own", """{"type":"string","enum":["offWhite"]}""")]
    [InlineData("Color", """{"type":"string","enum":["red","darkBlue","sky"]}""")]
    [InlineData("Shade", """{"type":"string","enum":["light","dark_grey"]}""")]
    [InlineData("Plain", """{"type":"string","enum":["OffWhite"]}""")]
    // A policy of its own: its names are not known at compile time.
    [InlineData("Tone", """{"type":"string"}""")]
    public void A_value_lists_the_names_its_converter_writes(string member, string schema)
    {
        foreach (var request in new[] { false, true })
        {
            Assert.Equal(schema, Member(samples.Compile(Converters), request, member).GetRawText());
        }
    }

    [Theory]
    [InlineData("ByColor", """{"enum":["red","darkBlue","sky"]}""")]
    [InlineData("ByShade", """{"enum":["light","dark_grey"]}""")]
    public void A_key_takes_the_names_its_converter_writes(string member, string names)
    {
        foreach (var request in new[] { false, true })
        {
            Assert.Equal(names, Member(samples.Compile(Converters), request, member).GetProperty("propertyNames").GetRawText());
        }
    }

    [Theory]
    [InlineData("""{"Color":"darkBlue","Shade":"dark_grey","ByColor":{"darkBlue":1},"ByShade":{"dark_grey":1}}""", "DarkBlue DarkGrey DarkBlue DarkGrey")]
    [InlineData("""{"ByColor":{"sky":1}}""", "Red Light LightBlue ")]
    public async Task What_the_request_schema_admits_is_read(string value, string readAs) =>
        await AssertAdmittedAndRead(samples.Compile(Converters), value, readAs);

    [Fact]
    public async Task The_options_converter_comes_before_the_enums_own_and_the_key_policy_before_both() =>
        await CommandContracts.AssertWrittenMatches(samples.Compile(Precedence), "paint", "{'Shade':'dark-grey','Color':'dark-blue','ByShade':{'DARK_GREY':1}}");

    [Theory]
    [InlineData(false, "ByShade", """{"enum":["LIGHT","DARK_GREY"]}""")]
    [InlineData(true, "ByShade", """{"enum":["light","dark-grey"]}""")]
    [InlineData(false, "Shade", """{"type":"string","enum":["light","dark-grey"]}""")]
    public void The_schema_follows_the_same_order(bool request, string member, string schema)
    {
        var described = Member(samples.Compile(Precedence), request, member);
        Assert.Equal(schema, (described.TryGetProperty("propertyNames", out var names) ? names : described).GetRawText());
    }

    [Fact]
    public async Task A_key_the_request_schema_states_is_read_under_the_key_policy() =>
        await AssertAdmittedAndRead(samples.Compile(Precedence), """{"Shade":"dark-grey","ByShade":{"dark-grey":1}}""", "DarkGrey DarkGrey");

    /// <summary>The schema of <paramref name="member"/> of <c>Paint</c> in the result schema or the request schema.</summary>
    private static JsonElement Member(LoadedCommands commands, bool request, string member) =>
        CommandContracts.MemberSchema(commands, "paint", "take-paint", request, member);

    private static async Task AssertAdmittedAndRead(LoadedCommands commands, string value, string readAs)
    {
        using var document = JsonDocument.Parse(value);
        SchemaMatcher.AssertMatches(CommandContracts.Schema(commands, "take-paint", request: true).GetProperty("properties").GetProperty("value"), document.RootElement, "take-paint");
        Assert.Equal($$"""{"returncode":"0","message":"{{readAs}}"}""", await commands.SendAsync($$$"""{"name":"take-paint","value":{"value":{{{value}}}}}"""));
    }
}
