using System.Text.Json;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// What a converter among the context's options' <c>Converters</c> reads, against the real
/// source-generated context: the type its <c>JsonConverter&lt;T&gt;</c> names, whole (so GA0020 and
/// GA0021 do not look into it), and nothing else (so they judge every other type as before); and a
/// dictionary key only when it overrides <c>ReadAsPropertyName</c> (GA0007 refuses a key whose
/// converter does not); and what System.Text.Json alone refuses (GA0007: a value tuple, a stream), which the
/// converter of it reads and writes. The diagnostics are in UnreadableTypeReviewTests,
/// UnwritableResultDiagnosticTests and UnsupportedTypeDiagnosticTests.
/// </summary>
public sealed class OptionConverterExecutionTests(CompiledSourcesFixture samples) : IClassFixture<CompiledSourcesFixture>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        // Neither constructor parameter binds a member: the context cannot create either type itself.
        public sealed class Foo { public Foo(int zzz) { Z = zzz; } public int Z { get; } }
        public sealed class Bar { public Bar(int qqq) { Z = qqq; } public int Z { get; } }
        public sealed class FooHolder { public Foo? Foo { get; set; } }
        public sealed class BothHolder { public Foo? Foo { get; set; } public List<Bar>? Bars { get; set; } }

        public sealed class FooConverter : JsonConverter<Foo>
        {
            public override Foo Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => new(r.GetString()!.Length);
            public override void Write(Utf8JsonWriter w, Foo v, JsonSerializerOptions o) => w.WriteStringValue(new string('x', v.Z));
        }

        public readonly record struct Spot(int X);
        public readonly record struct NamedSpot(int X);

        // Reads a Spot, but no Spot key: JsonConverter<T>'s ReadAsPropertyName throws NotSupportedException.
        public sealed class SpotConverter : JsonConverter<Spot>
        {
            public override Spot Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => new(r.GetInt32());
            public override void Write(Utf8JsonWriter w, Spot v, JsonSerializerOptions o) => w.WriteNumberValue(v.X);
        }

        public sealed class NamedSpotConverter : JsonConverter<NamedSpot>
        {
            public override NamedSpot Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => new(r.GetInt32());
            public override void Write(Utf8JsonWriter w, NamedSpot v, JsonSerializerOptions o) => w.WriteNumberValue(v.X);
            public override NamedSpot ReadAsPropertyName(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => new(int.Parse(r.GetString()!));
        }

        // System.Text.Json alone writes a value tuple as {} and no stream: a converter of its own comes first.
        public sealed class PairConverter : JsonConverter<(int, int)>
        {
            public override (int, int) Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) { var parts = r.GetString()!.Split(','); return (int.Parse(parts[0]), int.Parse(parts[1])); }
            public override void Write(Utf8JsonWriter w, (int, int) v, JsonSerializerOptions o) => w.WriteStringValue($"{v.Item1},{v.Item2}");
        }

        public sealed class MemoryConverter : JsonConverter<System.IO.MemoryStream>
        {
            public override System.IO.MemoryStream Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => new(r.GetBytesFromBase64());
            public override void Write(Utf8JsonWriter w, System.IO.MemoryStream v, JsonSerializerOptions o) => w.WriteBase64StringValue(v.ToArray());
        }

        [JsonSourceGenerationOptions(Converters = [typeof(FooConverter), typeof(SpotConverter), typeof(NamedSpotConverter), typeof(PairConverter), typeof(MemoryConverter)])]
        [JsonSerializable(typeof(FooHolder))] [JsonSerializable(typeof(BothHolder))]
        [JsonSerializable(typeof((int, int)))] [JsonSerializable(typeof(List<(int, int)>))] [JsonSerializable(typeof(System.IO.MemoryStream))]
        [JsonSerializable(typeof(Dictionary<Spot, int>))] [JsonSerializable(typeof(Dictionary<NamedSpot, int>))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("foo-holder")] public static int TakeFooHolder(FooHolder value) => value.Foo?.Z ?? -1;
            [Command("both-holder")] public static int TakeBothHolder(BothHolder value) => value.Bars?.Count ?? -1;
            [Command("pair")] public static int TakePair((int, int) pair) => pair.Item1 * 10 + pair.Item2;
            [Command("pairs")] public static List<(int, int)> MakePairs() => [(1, 2), (3, 4)];
            [Command("memory")] public static System.IO.MemoryStream Echo(System.IO.MemoryStream memory) => new([.. memory.ToArray(), 9]);
            [Command("named-spots")] public static int TakeNamedSpots(Dictionary<NamedSpot, int> spots) => spots.Count == 1 && spots[new NamedSpot(4)] == 5 ? 45 : 0;

            // GA0007 refuses a Dictionary<Spot, int> parameter: these read the whole value through the same context, as its binding would.
            [Command("spots")] public static int TakeSpots(JsonElement spots) => JsonSerializer.Deserialize(spots.GetRawText(), SampleJson.Default.DictionarySpotInt32)!.Count;
            [Command("named-spots-raw")] public static int TakeNamedSpotsRaw(JsonElement spots) => JsonSerializer.Deserialize(spots.GetRawText(), SampleJson.Default.DictionaryNamedSpotInt32)!.Count;
        }
        """;

    [Fact]
    public async Task The_type_a_converter_names_is_read_by_it_whatever_its_shape()
    {
        var commands = samples.Compile(Source);
        Assert.Equal("""{"returncode":"0","message":"3"}""", await commands.SendAsync("""{"name":"foo-holder","value":{"value":{"Foo":"xxx"}}}"""));
    }

    [Fact]
    public async Task A_type_beside_it_is_read_by_the_context_and_fails_as_without_the_converter()
    {
        var commands = samples.Compile(Source);
        Assert.Equal(
            """{"returncode":"500","message":"Command 'both-holder' failed with an internal error"}""",
            await commands.SendAsync("""{"name":"both-holder","value":{"value":{"Foo":"xxx","Bars":[{"Z":1}]}}}"""));
    }

    [Fact]
    public async Task A_key_converter_overriding_ReadAsPropertyName_reads_keys()
    {
        var commands = samples.Compile(Source);
        Assert.Equal("""{"returncode":"0","message":"45"}""", await commands.SendAsync("""{"name":"named-spots","value":{"spots":{"4":5}}}"""));
    }

    [Fact]
    public async Task A_key_converter_without_it_fails_every_read_of_a_key()
    {
        var commands = samples.Compile(Source);
        Assert.Equal(
            """{"returncode":"500","message":"Command 'spots' failed with an internal error"}""",
            await commands.SendAsync("""{"name":"spots","value":{"1":2}}"""));

        // Only an empty one is read: no key asks the converter for one.
        Assert.Equal("""{"returncode":"0","message":"0"}""", await commands.SendAsync("""{"name":"spots","value":{}}"""));

        // The same read of a key whose converter overrides ReadAsPropertyName works.
        Assert.Equal("""{"returncode":"0","message":"1"}""", await commands.SendAsync("""{"name":"named-spots-raw","value":{"1":2}}"""));
    }

    [Fact]
    public async Task What_System_Text_Json_alone_refuses_its_converter_reads_and_writes()
    {
        var commands = samples.Compile(Source);
        Assert.Equal("""{"returncode":"0","message":"34"}""", await commands.SendAsync("""{"name":"pair","value":{"pair":"3,4"}}"""));
        Assert.Equal("""{"returncode":"0","message":"['1,2','3,4']"}""", await commands.SendAsync("""{"name":"pairs"}"""));
        Assert.Equal("""{"returncode":"0","message":"'AQk='"}""", await commands.SendAsync("""{"name":"memory","value":{"memory":"AQ=="}}"""));

        // The converter's JSON is its own: any JSON, as far as the contract can say.
        var pair = commands.CreateRegistry().Commands.Single(c => c.Name == "pair");
        Assert.Equal("{}", JsonDocument.Parse(pair.RequestSchema).RootElement.GetProperty("properties").GetProperty("pair").GetRawText());
    }
}
