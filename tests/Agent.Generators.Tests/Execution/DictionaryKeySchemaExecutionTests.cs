using System.Text.Json;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The names a dictionary's keys take in the JSON contract (<c>propertyNames</c>), against the real source-generated
/// context: every key it writes matches the result schema, the forms it never writes (<c>"01"</c>, <c>"true"</c>, an
/// enum's declared name under a <c>DictionaryKeyPolicy</c>) do not, every key the request schema admits is read, and
/// the keys the context refuses are not admitted. The context reads more than the schema states (as for values):
/// those cases are named below.
/// </summary>
public sealed class DictionaryKeySchemaExecutionTests(CompiledSourcesFixture samples) : IClassFixture<CompiledSourcesFixture>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public enum Color { Red, DarkBlue, [JsonStringEnumMemberName("sky")] LightBlue }
        [Flags] public enum Perm { None = 0, Read = 1, Write = 2 }

        [JsonConverter(typeof(PtConverter))]
        public readonly record struct Pt(int X);

        public sealed class PtConverter : JsonConverter<Pt>
        {
            public override Pt Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => new(reader.GetInt32());
            public override void Write(Utf8JsonWriter writer, Pt value, JsonSerializerOptions options) => writer.WriteNumberValue(value.X);
            public override Pt ReadAsPropertyName(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => new(int.Parse(reader.GetString()![1..]));
            public override void WriteAsPropertyName(Utf8JsonWriter writer, Pt value, JsonSerializerOptions options) => writer.WritePropertyName("p" + value.X);
        }

        [JsonConverter(typeof(ShadeConverter))]
        public enum Shade { Light, Dark }

        public sealed class ShadeConverter : JsonConverter<Shade>
        {
            public override Shade Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => (Shade)reader.GetInt32();
            public override void Write(Utf8JsonWriter writer, Shade value, JsonSerializerOptions options) => writer.WriteNumberValue((int)value);
            public override Shade ReadAsPropertyName(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) => (Shade)int.Parse(reader.GetString()![1..]);
            public override void WriteAsPropertyName(Utf8JsonWriter writer, Shade value, JsonSerializerOptions options) => writer.WritePropertyName("s" + (int)value);
        }

        public sealed class Keys
        {
            public Dictionary<int, int> Ints { get; set; } = new();
            public Dictionary<long, int> Longs { get; set; } = new();
            public Dictionary<uint, int> Uints { get; set; } = new();
            public Dictionary<byte, int> Bytes { get; set; } = new();
            public Dictionary<Int128, int> Bigs { get; set; } = new();
            public Dictionary<UInt128, int> Ubigs { get; set; } = new();
            public Dictionary<double, int> Doubles { get; set; } = new();
            public Dictionary<float, int> Floats { get; set; } = new();
            public Dictionary<decimal, int> Decimals { get; set; } = new();
            public Dictionary<Half, int> Halves { get; set; } = new();
            public Dictionary<bool, int> Bools { get; set; } = new();
            public Dictionary<char, int> Chars { get; set; } = new();
            public Dictionary<Color, int> Colors { get; set; } = new();
            public Dictionary<Perm, int> Perms { get; set; } = new();
            public Dictionary<Guid, int> Ids { get; set; } = new();
            public Dictionary<DateTime, int> Times { get; set; } = new();
            public Dictionary<DateOnly, int> Days { get; set; } = new();
            public Dictionary<TimeSpan, int> Spans { get; set; } = new();
            public Dictionary<TimeOnly, int> Clocks { get; set; } = new();
            public Dictionary<Version, int> Versions { get; set; } = new();
            public Dictionary<Uri, int> Links { get; set; } = new();
            public Dictionary<string, int> Names { get; set; } = new();
            public Dictionary<Pt, int> Points { get; set; } = new();
            public Dictionary<Shade, int> Shades { get; set; } = new();
        }

        [JsonSourceGenerationOptions(DictionaryKeyPolicy = JsonKnownNamingPolicy.KebabCaseLower)]
        [JsonSerializable(typeof(Keys))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("keys")] public static Keys Make() => new()
            {
                Ints = new() { [int.MinValue] = 1, [0] = 2, [42] = 3 },
                Longs = new() { [long.MaxValue] = 1, [-7] = 2 },
                Uints = new() { [uint.MaxValue] = 1, [0] = 2 },
                Bytes = new() { [255] = 1 },
                Bigs = new() { [Int128.MinValue] = 1 },
                Ubigs = new() { [UInt128.MaxValue] = 1 },
                Doubles = new() { [1.5] = 1, [1e20] = 2, [-0.0] = 3, [1e-7] = 4, [double.MaxValue] = 5, [0] = 6 },
                Floats = new() { [float.Epsilon] = 1, [-2.5f] = 2 },
                Decimals = new() { [1.50m] = 1, [-3m] = 2, [0.001m] = 3 },
                Halves = new() { [(Half)1.5] = 1, [Half.MaxValue] = 2 },
                Bools = new() { [true] = 1, [false] = 2 },
                Chars = new() { ['a'] = 1, ['7'] = 2 },
                Colors = new() { [Color.Red] = 1, [Color.DarkBlue] = 2, [Color.LightBlue] = 3 },
                Perms = new() { [Perm.Read | Perm.Write] = 1 },
                Ids = new() { [new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff")] = 1 },
                Times = new()
                {
                    [new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc)] = 1, [new DateTime(2020, 1, 2)] = 2, [new DateTime(2020, 1, 2, 3, 4, 5, 120)] = 3,
                    [new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Local)] = 4, [DateTime.MaxValue] = 5, [new DateTime(2020, 1, 2, 3, 4, 5).AddTicks(1)] = 6,
                },
                Days = new() { [new DateOnly(2020, 1, 2)] = 1 },
                Spans = new() { [TimeSpan.FromMinutes(90)] = 1, [TimeSpan.MinValue] = 2, [TimeSpan.FromTicks(1)] = 3 },
                Clocks = new() { [TimeOnly.MaxValue] = 1 },
                Versions = new() { [new Version(1, 2, 3, 4)] = 1 },
                Links = new() { [new Uri("http://a/b")] = 1 },
                Names = new() { ["AbC"] = 1 },
                Points = new() { [new Pt(3)] = 1 },
                Shades = new() { [Shade.Dark] = 1 },
            };

            [Command("take-keys")] public static int Take(Keys value) =>
                value.Ints.Count + value.Uints.Count + value.Doubles.Count + value.Decimals.Count + value.Bools.Count + value.Chars.Count
                + value.Colors.Count + value.Perms.Count + value.Bigs.Count + value.Points.Count + value.Shades.Count + value.Spans.Count + value.Versions.Count;
        }
        """;

    private const string MetadataSource = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public enum Color { Red, Blue }

        [JsonDerivedType(typeof(ByColor), "c")]
        public interface IMap { }
        public sealed class ByColor : Dictionary<Color, int>, IMap { }

        [JsonSourceGenerationOptions(ReferenceHandler = JsonKnownReferenceHandler.Preserve)]
        [JsonSerializable(typeof(Dictionary<int, int>))] [JsonSerializable(typeof(IMap))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("numbered")] public static Dictionary<int, int> Numbered() => new() { [1] = 2 };
            [Command("by-color")] public static IMap MakeByColor() => new ByColor { [Color.Blue] = 1 };
        }
        """;

    [Fact]
    public async Task Every_key_the_context_writes_matches_the_result_schema()
    {
        var commands = samples.Compile(Source);
        var written = await CommandContracts.Written(commands, "keys");
        Assert.Equal("""{"red":1,"dark-blue":2,"sky":3}""", written.GetProperty("Colors").GetRawText());
        Assert.Equal("""{"True":1,"False":2}""", written.GetProperty("Bools").GetRawText());
        Assert.Equal("""{"1.5":1,"1E+20":2,"-0":6,"1E-07":4,"1.7976931348623157E+308":5}""", written.GetProperty("Doubles").GetRawText());
        Assert.Equal("""{"p3":1}""", written.GetProperty("Points").GetRawText());
        Assert.Equal("""{"s1":1}""", written.GetProperty("Shades").GetRawText());
        SchemaMatcher.AssertMatches(CommandContracts.Schema(commands, "keys", request: false), written, "keys");
    }

    [Theory]
    [InlineData("Ints", """{"pattern":"^(0|-?[1-9][0-9]*)$"}""")]
    [InlineData("Bigs", """{"pattern":"^(0|-?[1-9][0-9]*)$"}""")]
    [InlineData("Uints", """{"pattern":"^(0|[1-9][0-9]*)$"}""")]
    [InlineData("Ubigs", """{"pattern":"^(0|[1-9][0-9]*)$"}""")]
    [InlineData("Doubles", """{"pattern":"^-?(0|[1-9][0-9]*)([.][0-9]+)?(E[+-][0-9]+)?$"}""")]
    [InlineData("Halves", """{"pattern":"^-?(0|[1-9][0-9]*)([.][0-9]+)?(E[+-][0-9]+)?$"}""")]
    [InlineData("Bools", """{"enum":["True","False"]}""")]
    [InlineData("Chars", """{"minLength":1,"maxLength":1}""")]

    [InlineData("Ids", """{"format":"uuid"}""")]
    [InlineData("Times", """{"anyOf":[{"format":"date-time"},{"pattern":"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{0,6}[1-9])?$"}]}""")]
    [InlineData("Days", """{"format":"date"}""")]
    [InlineData("Spans", """{"pattern":"^-?([1-9][0-9]*[.])?([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{7})?$"}""")]
    [InlineData("Clocks", """{"pattern":"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{7})?$"}""")]
    [InlineData("Versions", """{"pattern":"^(0|[1-9][0-9]*)([.](0|[1-9][0-9]*)){1,3}$"}""")]
    [InlineData("Links", null)]
    // Any name: flags combine names, a string or Uri is any name, a converter names its own keys (an enum's too).
    [InlineData("Perms", null)]
    [InlineData("Names", null)]
    [InlineData("Points", null)]
    [InlineData("Shades", null)]
    public void Each_key_type_states_its_names(string member, string? names)
    {
        foreach (var request in new[] { false, true })
        {
            var schema = Member(samples.Compile(Source), request, member);
            Assert.Equal(names, schema.TryGetProperty("propertyNames", out var stated) ? stated.GetRawText() : null);
        }
    }

    [Theory]
    [InlineData(false, """{"enum":["red","dark-blue","sky"]}""")]
    [InlineData(true, """{"enum":["Red","DarkBlue","sky"]}""")]
    public void An_enum_key_is_written_under_the_key_policy_and_read_as_declared(bool request, string names) =>
        Assert.Equal(names, Member(samples.Compile(Source), request, "Colors").GetProperty("propertyNames").GetRawText());

    [Theory]
    [InlineData("Ints", "01")]
    [InlineData("Ints", "+1")]
    [InlineData("Ints", "-0")]
    [InlineData("Ints", "1\n")]
    [InlineData("Ints", "1.0")]
    [InlineData("Uints", "-1")]
    [InlineData("Doubles", "1e20")]
    [InlineData("Doubles", ".5")]
    [InlineData("Doubles", "1.")]
    [InlineData("Doubles", "NaN")]
    [InlineData("Doubles", "Infinity")]
    [InlineData("Bools", "true")]
    [InlineData("Chars", "ab")]
    [InlineData("Chars", "")]
    [InlineData("Colors", "DarkBlue")]
    [InlineData("Colors", "LightBlue")]
    [InlineData("Colors", "1")]
    [InlineData("Spans", "1:30:00")]
    [InlineData("Clocks", "01:02")]
    [InlineData("Versions", "01.2")]
    [InlineData("Times", "2020-01-02T03:04:05.1200000")]
    [InlineData("Times", "2020-01-02")]
    [InlineData("Times", "2020-01-02T03:04")]
    public void A_key_the_context_never_writes_does_not_match_the_result_schema(string member, string key)
    {
        var schema = Member(samples.Compile(Source), request: false, member);
        Assert.False(SchemaMatcher.Matches(schema, Map(key)), $"{member}: {key} against {schema.GetRawText()}");
    }

    [Theory]
    [InlineData("Ints", "-2147483648", true, true)]
    [InlineData("Ints", "7", true, true)]
    [InlineData("Ints", "x", false, false)]
    [InlineData("Ints", "1.0", false, false)]
    [InlineData("Ints", " 1", false, false)]
    [InlineData("Ints", "", false, false)]
    [InlineData("Uints", "-1", false, false)]
    [InlineData("Doubles", "1E+20", true, true)]
    [InlineData("Doubles", "-0", true, true)]
    [InlineData("Doubles", "x", false, false)]
    [InlineData("Decimals", "0.001", true, true)]
    [InlineData("Bools", "False", true, true)]
    [InlineData("Bools", "yes", false, false)]
    [InlineData("Chars", "z", true, true)]
    [InlineData("Chars", "ab", false, false)]
    [InlineData("Colors", "sky", true, true)]
    [InlineData("Colors", "DarkBlue", true, true)]
    [InlineData("Colors", "LightBlue", false, false)]
    // Written under the key policy, yet refused: the request states the names the context reads.
    [InlineData("Colors", "dark-blue", false, false)]
    [InlineData("Colors", "Purple", false, false)]
    [InlineData("Bigs", "-170141183460469231731687303715884105728", true, true)]
    [InlineData("Points", "p9", true, true)]
    [InlineData("Shades", "s0", true, true)]
    [InlineData("Spans", "-10675199.02:48:05.4775808", true, true)]
    [InlineData("Spans", "00:60:00", false, false)]
    [InlineData("Versions", "1.2.3.4", true, true)]
    [InlineData("Versions", "1.2.3.-1", false, false)]
    [InlineData("Times", "2020-01-02T03:04:05", true, true)]
    [InlineData("Times", "2020-01-02T03:04:05.5Z", true, true)]
    [InlineData("Times", "2020-01-02T03:04:05-01:00", true, true)]
    [InlineData("Times", "2020-01-02 03:04:05", false, false)]
    [InlineData("Times", "2020-13-02T03:04:05", false, false)]
    // Read, not stated (the context reads keys loosely, as it reads enum names in any case).
    [InlineData("Ints", "+1", false, true)]
    [InlineData("Ints", "01", false, true)]
    [InlineData("Doubles", "1e20", false, true)]
    [InlineData("Bools", "true", false, true)]
    [InlineData("Colors", "darkblue", false, true)]
    [InlineData("Doubles", "NaN", false, true)]
    [InlineData("Spans", "1:30:00", false, true)]
    [InlineData("Versions", "01.2", false, true)]
    [InlineData("Times", "2020-01-02", false, true)]
    [InlineData("Colors", "1", false, true)]
    public async Task The_request_schema_admits_only_keys_the_context_reads(string member, string key, bool admitted, bool read)
    {
        var commands = samples.Compile(Source);
        var schema = Member(commands, request: true, member);
        Assert.Equal(admitted, SchemaMatcher.Matches(schema, Map(key)));

        var request = JsonSerializer.Serialize(new Dictionary<string, object> { ["name"] = "take-keys", ["value"] = new Dictionary<string, object> { ["value"] = new Dictionary<string, object> { [member] = new Dictionary<string, int> { [key] = 1 } } } });
        var answer = await commands.SendAsync(request);
        Assert.True(read == answer.Contains("\"returncode\":\"0\"", StringComparison.Ordinal), $"{member}: {key} answered {answer}");
    }

    [Theory]
    [InlineData("numbered", "{'$id':'1','1':2}")]
    [InlineData("by-color", "{'$id':'1','$type':'c','Blue':1}")]
    public async Task The_metadata_members_are_names_beside_the_keys(string command, string written) =>
        await CommandContracts.AssertWrittenMatches(samples.Compile(MetadataSource), command, written);

    [Theory]
    [InlineData("numbered", """{"$id":"1","x":2}""")]
    [InlineData("numbered", """{"$id":"1","$type":"c","1":2}""")]
    [InlineData("by-color", """{"$id":"1","$type":"c","Green":1}""")]
    public void A_key_beside_the_metadata_still_takes_the_key_names(string command, string value)
    {
        using var document = JsonDocument.Parse(value);
        Assert.False(SchemaMatcher.Matches(CommandContracts.Schema(samples.Compile(MetadataSource), command, request: false), document.RootElement), value);
    }

    /// <summary>The schema of <paramref name="member"/> of <c>Keys</c> in the result schema or the request schema.</summary>
    private static JsonElement Member(LoadedCommands commands, bool request, string member) =>
        CommandContracts.MemberSchema(commands, "keys", "take-keys", request, member);

    private static JsonElement Map(string key)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, int> { [key] = 1 }));
        return document.RootElement.Clone();
    }
}
