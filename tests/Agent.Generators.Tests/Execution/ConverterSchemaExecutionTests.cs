using System.Text.Json;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The JSON contract of a value a converter reads and writes its own way (other than the string
/// enum ones): a type's own <c>[JsonConverter]</c>, a member's, or a <c>JsonConverter&lt;T&gt;</c>
/// among the options' <c>Converters</c>. The JSON it gives is not known at compile time, so the
/// schema admits any (<c>{}</c>); the type's members, which never reach the wire, are not listed
/// (they were, and the real context read and wrote these values as strings). A simple parameter or
/// result the generated binder reads and writes itself keeps its own schema.
/// </summary>
public sealed class ConverterSchemaExecutionTests(CompiledSourcesFixture samples) : IClassFixture<CompiledSourcesFixture>
{
    private const string Source = """
        using System;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        public enum Level { Low, High }

        // Written as a number: the context would use it, the generated binder reads and writes a parameter by name.
        [JsonConverter(typeof(ToneConverter))]
        public enum Tone { Light, Dark }
        public sealed class ToneConverter : JsonConverter<Tone>
        {
            public override Tone Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => (Tone)r.GetInt32();
            public override void Write(Utf8JsonWriter w, Tone v, JsonSerializerOptions o) => w.WriteNumberValue((int)v);
        }

        // Each is written as a string of 'x's as long as its number.
        [JsonConverter(typeof(OwnConverter))]
        public sealed class Own { public Own(int z) { Z = z; } public int Z { get; } }
        public sealed class Optioned { public int Z { get; set; } }
        public readonly record struct Spot(int X);

        public sealed class OwnConverter : JsonConverter<Own>
        {
            public override Own Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => new(r.GetString()!.Length);
            public override void Write(Utf8JsonWriter w, Own v, JsonSerializerOptions o) => w.WriteStringValue(new string('x', v.Z));
        }

        public sealed class OptionedConverter : JsonConverter<Optioned>
        {
            public override Optioned Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => new() { Z = r.GetString()!.Length };
            public override void Write(Utf8JsonWriter w, Optioned v, JsonSerializerOptions o) => w.WriteStringValue(new string('x', v.Z));
        }

        public sealed class SpotConverter : JsonConverter<Spot>
        {
            public override Spot Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => new(r.GetString()!.Length);
            public override void Write(Utf8JsonWriter w, Spot v, JsonSerializerOptions o) => w.WriteStringValue(new string('x', v.X));
        }

        public sealed class CountConverter : JsonConverter<int>
        {
            public override int Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => r.GetString()!.Length;
            public override void Write(Utf8JsonWriter w, int v, JsonSerializerOptions o) => w.WriteStringValue(new string('x', v));
        }

        public sealed class Holder
        {
            public Own? Own { get; set; }
            public Optioned? Optioned { get; set; }
            public Spot? Maybe { get; set; }
            [JsonConverter(typeof(CountConverter))] public int Count { get; set; }
            [JsonConverter(typeof(JsonStringEnumConverter<Level>))] public Level Level { get; set; }
            public int Plain { get; set; }
        }

        [JsonSourceGenerationOptions(Converters = [typeof(OptionedConverter), typeof(SpotConverter)])]
        [JsonSerializable(typeof(Holder))] [JsonSerializable(typeof(Own))] [JsonSerializable(typeof(Optioned))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("holder")] public static Holder Echo(Holder holder) => holder;
            [Command("own")] public static Own EchoOwn(Own own) => own;
            [Command("tone")] public static Tone EchoTone(Tone tone) => tone;
        }
        """;

    [Fact]
    public void A_member_a_converter_writes_admits_any_JSON_and_the_others_keep_their_schema()
    {
        var properties = Schema("holder", request: false).GetProperty("properties");

        Assert.Equal("{}", properties.GetProperty("Own").GetRawText());
        Assert.Equal("{}", properties.GetProperty("Optioned").GetRawText());
        Assert.Equal("{}", properties.GetProperty("Maybe").GetRawText());
        Assert.Equal("{}", properties.GetProperty("Count").GetRawText());
        Assert.Equal("""{"type":"string","enum":["Low","High"]}""", properties.GetProperty("Level").GetRawText());
        Assert.Equal("""{"type":"integer","minimum":-2147483648,"maximum":2147483647}""", properties.GetProperty("Plain").GetRawText());
        Assert.Equal(
            properties.EnumerateObject().Select(p => p.Name),
            Schema("holder", request: true).GetProperty("properties").GetProperty("holder").GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_real_context_reads_and_writes_those_members_as_the_converters_do()
    {
        var commands = samples.Compile(Source);
        Assert.Equal(
            """{"returncode":"0","message":"{'Own':'xx','Optioned':'xxx','Maybe':'x','Count':'xxxx','Level':'High','Plain':5}"}""",
            await commands.SendAsync("""{"name":"holder","value":{"holder":{"Own":"xx","Optioned":"xxx","Maybe":"x","Count":"xxxx","Level":"High","Plain":5}}}"""));
    }

    [Fact]
    public async Task A_parameter_or_result_a_converter_writes_admits_any_JSON()
    {
        Assert.Equal("{}", Schema("own", request: true).GetProperty("properties").GetProperty("own").GetRawText());
        Assert.Equal("""{"$schema":"https://json-schema.org/draft/2020-12/schema"}""", samples.Compile(Source).CreateRegistry().Commands.Single(c => c.Name == "own").ResultSchema);
        Assert.Equal("""{"returncode":"0","message":"'xx'"}""", await samples.Compile(Source).SendAsync("""{"name":"own","value":{"own":"xx"}}"""));
    }

    [Fact]
    public async Task A_simple_value_the_binder_reads_itself_keeps_its_schema()
    {
        Assert.Equal("""{"type":"string","enum":["Light","Dark"]}""", Schema("tone", request: true).GetProperty("properties").GetProperty("tone").GetRawText());
        var result = Schema("tone", request: false);
        Assert.Equal("string", result.GetProperty("type").GetString());
        Assert.Equal(["Light", "Dark"], result.GetProperty("enum").EnumerateArray().Select(name => name.GetString()));
        Assert.Equal("""{"returncode":"0","message":"'Dark'"}""", await samples.Compile(Source).SendAsync("""{"name":"tone","value":{"tone":"Dark"}}"""));
    }

    private JsonElement Schema(string command, bool request) => CommandContracts.Schema(samples.Compile(Source), command, request);
}
