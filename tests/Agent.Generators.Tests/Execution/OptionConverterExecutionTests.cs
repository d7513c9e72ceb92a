using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// What a converter among the context's options' <c>Converters</c> reads, against the real
/// source-generated context: the type its <c>JsonConverter&lt;T&gt;</c> names, whole (so GA0020 and
/// GA0021 do not look into it), and nothing else (so they judge every other type as before); and a
/// dictionary key only when it overrides <c>ReadAsPropertyName</c> (GA0007 refuses a key whose
/// converter does not). The diagnostics are in UnreadableTypeReviewTests,
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

        [JsonSourceGenerationOptions(Converters = [typeof(FooConverter), typeof(SpotConverter), typeof(NamedSpotConverter)])]
        [JsonSerializable(typeof(FooHolder))] [JsonSerializable(typeof(BothHolder))]
        [JsonSerializable(typeof(Dictionary<Spot, int>))] [JsonSerializable(typeof(Dictionary<NamedSpot, int>))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("foo-holder")] public static int TakeFooHolder(FooHolder value) => value.Foo?.Z ?? -1;
            [Command("both-holder")] public static int TakeBothHolder(BothHolder value) => value.Bars?.Count ?? -1;
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
}
