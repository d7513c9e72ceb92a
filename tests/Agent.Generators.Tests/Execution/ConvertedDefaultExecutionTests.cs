using System.Text.Json;
using GuestAgent.Generators.Tests.Infrastructure;

namespace GuestAgent.Generators.Tests.Execution;

/// <summary>
/// The zero default of an <c>Int128</c>, <c>UInt128</c> or <c>Half</c> parameter, stated as <c>0</c>
/// (<c>DefaultValueExecutionTests</c>), when a <c>JsonConverter&lt;T&gt;</c> of that type among the
/// context's options reads it: the context reads those numbers (the binder does not read them itself),
/// so the converter does, its JSON is not known here and the schema admits any (<c>{}</c>), and a
/// <c>0</c> stated beside it may be a value the converter refuses (this one reads a string). None is
/// stated then; a nullable one's <c>null</c> still is (System.Text.Json reads a null itself, never
/// asking the converter), and so is the <c>0</c> of a type no converter reads. A <c>JsonConverterFactory</c>
/// among the options (or a converter overriding <c>CanConvert</c>) may read any type, which cannot be known
/// before it runs: no <c>0</c> is stated beside one either, while the schema keeps the number's own (a
/// factory is taken to read only what it is for there: describing every type as any JSON would say nothing).
/// </summary>
public sealed class ConvertedDefaultExecutionTests(CompiledSourcesFixture samples) : IClassFixture<CompiledSourcesFixture>
{
    private const string Source = """
        using System;
        using System.Globalization;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        // Written as a JSON string of its digits: a JSON number is refused.
        public sealed class Int128TextConverter : JsonConverter<Int128>
        {
            public override Int128 Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => Int128.Parse(r.GetString()!, CultureInfo.InvariantCulture);
            public override void Write(Utf8JsonWriter w, Int128 v, JsonSerializerOptions o) => w.WriteStringValue(v.ToString(CultureInfo.InvariantCulture));
        }

        public sealed class HalfTextConverter : JsonConverter<Half>
        {
            public override Half Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => Half.Parse(r.GetString()!, CultureInfo.InvariantCulture);
            public override void Write(Utf8JsonWriter w, Half v, JsonSerializerOptions o) => w.WriteStringValue(v.ToString(CultureInfo.InvariantCulture));
        }

        [JsonSourceGenerationOptions(Converters = [typeof(Int128TextConverter), typeof(HalfTextConverter)])]
        [JsonSerializable(typeof(Int128))] [JsonSerializable(typeof(UInt128))] [JsonSerializable(typeof(Half))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("zeros")]
            public static string Zeros(Int128 wide = default, Half half = default, UInt128 unsigned = default, Int128? maybe = default)
                => string.Join(" ", wide.ToString(CultureInfo.InvariantCulture), half.ToString(CultureInfo.InvariantCulture),
                    unsigned.ToString(CultureInfo.InvariantCulture), maybe?.ToString(CultureInfo.InvariantCulture) ?? "null");
        }
        """;

    [Fact]
    public void A_zero_a_converter_of_the_options_reads_is_stated_in_neither_the_descriptor_nor_the_schema()
    {
        var command = samples.Compile(Source).CreateRegistry().Commands.Single(c => c.Name == "zeros");
        Assert.Equal([null, null, "0", "null"], command.Parameters.Select(p => p.DefaultValue));

        var properties = CommandContracts.Schema(samples.Compile(Source), "zeros", request: true).GetProperty("properties");
        Assert.Equal("{}", properties.GetProperty("wide").GetRawText());
        Assert.Equal("{}", properties.GetProperty("half").GetRawText());
        Assert.Equal("0", properties.GetProperty("unsigned").GetProperty("default").GetRawText());
        Assert.Equal("null", properties.GetProperty("maybe").GetProperty("default").GetRawText());
    }

    [Fact]
    public async Task The_converter_reads_the_value_sent_and_refuses_the_0_no_longer_stated()
    {
        var commands = samples.Compile(Source);
        Assert.Equal("""{"returncode":"0","message":"0 0 0 null"}""", await commands.SendAsync("""{"name":"zeros"}"""));
        Assert.Equal("""{"returncode":"0","message":"7 1.5 0 null"}""", await commands.SendAsync("""{"name":"zeros","value":{"wide":"7","half":"1.5","maybe":null}}"""));
        Assert.DoesNotContain("\"returncode\":\"0\"", await commands.SendAsync("""{"name":"zeros","value":{"wide":0}}"""), StringComparison.Ordinal);
        Assert.DoesNotContain("\"returncode\":\"0\"", await commands.SendAsync("""{"name":"zeros","value":{"half":0}}"""), StringComparison.Ordinal);
    }

    private const string FactorySource = """
        using System;
        using System.Globalization;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using GuestAgent.Commands;

        [assembly: CommandJsonContext(typeof(Sample.SampleJson))]

        namespace Sample;

        // Reads an Int128 as a JSON string of its digits; whether it does, only its CanConvert says, at run time.
        public sealed class TextNumbers : JsonConverterFactory
        {
            public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(Int128);
            public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) => new Int128Text();

            private sealed class Int128Text : JsonConverter<Int128>
            {
                public override Int128 Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => Int128.Parse(r.GetString()!, CultureInfo.InvariantCulture);
                public override void Write(Utf8JsonWriter w, Int128 v, JsonSerializerOptions o) => w.WriteStringValue(v.ToString(CultureInfo.InvariantCulture));
            }
        }

        [JsonSourceGenerationOptions(Converters = [typeof(TextNumbers)])]
        [JsonSerializable(typeof(Int128))]
        public partial class SampleJson : JsonSerializerContext;

        public static class Commands
        {
            [Command("zero")]
            public static string Zero(Int128 wide = default, Int128? maybe = default)
                => wide.ToString(CultureInfo.InvariantCulture) + " " + (maybe?.ToString(CultureInfo.InvariantCulture) ?? "null");
        }
        """;

    [Fact]
    public async Task A_zero_a_converter_factory_of_the_options_may_read_is_stated_in_neither_the_descriptor_nor_the_schema()
    {
        var commands = samples.Compile(FactorySource);
        var command = commands.CreateRegistry().Commands.Single(c => c.Name == "zero");
        Assert.Equal([null, "null"], command.Parameters.Select(p => p.DefaultValue));

        var properties = CommandContracts.Schema(commands, "zero", request: true).GetProperty("properties");
        Assert.False(properties.GetProperty("wide").TryGetProperty("default", out _));
        Assert.Equal("null", properties.GetProperty("maybe").GetProperty("default").GetRawText());

        // The 0 a schema would have stated is a value the factory's converter refuses.
        Assert.Equal("""{"returncode":"0","message":"0 null"}""", await commands.SendAsync("""{"name":"zero"}"""));
        Assert.Equal("""{"returncode":"0","message":"7 null"}""", await commands.SendAsync("""{"name":"zero","value":{"wide":"7"}}"""));
        Assert.DoesNotContain("\"returncode\":\"0\"", await commands.SendAsync("""{"name":"zero","value":{"wide":0}}"""), StringComparison.Ordinal);
    }
}
