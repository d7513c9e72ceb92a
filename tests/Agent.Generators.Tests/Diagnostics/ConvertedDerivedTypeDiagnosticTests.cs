using GuestAgent.Generators.Tests.Infrastructure;
using static GuestAgent.Generators.Tests.Diagnostics.DiagnosticAssert;

namespace GuestAgent.Generators.Tests.Diagnostics;

/// <summary>
/// GA0028: a <c>[JsonDerivedType]</c> naming a type a converter reads (its own <c>[JsonConverter]</c>, or a
/// <c>JsonConverter&lt;T&gt;</c> among the options'), which .NET 10 fails on for every value of it through the
/// polymorphic type (PolymorphicSchemaExecutionTests runs the real context). Not where a converter reads the
/// polymorphic type itself, nor for a derived type without one.
/// </summary>
public sealed class ConvertedDerivedTypeDiagnosticTests
{
    private const string Types = """
        [JsonDerivedType(typeof(OwnConverted), "own")] [JsonDerivedType(typeof(OptionConverted), "option")] [JsonDerivedType(typeof(Plain), "plain")]
        public class Shape { public int X { get; set; } }
        [JsonConverter(typeof(OwnConverter))] public sealed class OwnConverted : Shape { }
        public sealed class OptionConverted : Shape { }
        public sealed class Plain : Shape { }

        // A converter of the polymorphic type itself reads every value: no derived type is looked at.
        [JsonConverter(typeof(WholeConverter))] [JsonDerivedType(typeof(WholeLeaf), "leaf")]
        public class Whole { }
        [JsonConverter(typeof(WholeLeafConverter))] public sealed class WholeLeaf : Whole { }

        public sealed class OwnConverter : JsonConverter<OwnConverted>
        {
            public override OwnConverted Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) { reader.Skip(); return new(); }
            public override void Write(Utf8JsonWriter writer, OwnConverted value, JsonSerializerOptions options) => writer.WriteNullValue();
        }
        public sealed class OptionConverter : JsonConverter<OptionConverted>
        {
            public override OptionConverted Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) { reader.Skip(); return new(); }
            public override void Write(Utf8JsonWriter writer, OptionConverted value, JsonSerializerOptions options) => writer.WriteNullValue();
        }
        public sealed class WholeConverter : JsonConverter<Whole>
        {
            public override Whole Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) { reader.Skip(); return new(); }
            public override void Write(Utf8JsonWriter writer, Whole value, JsonSerializerOptions options) => writer.WriteNullValue();
        }
        public sealed class WholeLeafConverter : JsonConverter<WholeLeaf>
        {
            public override WholeLeaf Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) { reader.Skip(); return new(); }
            public override void Write(Utf8JsonWriter writer, WholeLeaf value, JsonSerializerOptions options) => writer.WriteNullValue();
        }

        public static class A
        {
            [Command("shape")] public static int Take(Shape shape, Whole whole) => shape.X;
        }
        """;

    [Fact]
    public async Task GA0028_at_each_JsonDerivedType_naming_a_type_a_converter_reads()
    {
        var diagnostics = await ReportsAsync(
            HandWrittenJsonContext.Source(Types, "[JsonSourceGenerationOptions(Converters = [typeof(OptionConverter)])]", "Shape", "Whole"),
            "GA0028", "JsonDerivedType(typeof(OwnConverted), \"own\")", "JsonDerivedType(typeof(OptionConverted), \"option\")");

        Assert.Equal(
            "'Shape' names 'OwnConverted' in a [JsonDerivedType], but its [JsonConverter] 'OwnConverter' reads 'OwnConverted' and takes no type discriminator, "
                + "so the context throws NotSupportedException for every 'OwnConverted' read or written as a 'Shape'; remove the converter, or the [JsonDerivedType]",
            Message(diagnostics[0]));
        Assert.Contains("but 'OptionConverter' among the options' Converters reads 'OptionConverted'", Message(diagnostics[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_without_the_converters_nor_under_pragma()
    {
        await ReportsAsync(HandWrittenJsonContext.Source(Types.Replace("[JsonConverter(typeof(OwnConverter))] ", "", StringComparison.Ordinal), "", "Shape", "Whole"), "GA0028");

        await ReportsAsync(
            HandWrittenJsonContext.Source(
                Types.Replace("[JsonDerivedType(typeof(OwnConverted), \"own\")]", "\n#pragma warning disable GA0028\n[JsonDerivedType(typeof(OwnConverted), \"own\")]\n#pragma warning restore GA0028\n", StringComparison.Ordinal),
                "[JsonSourceGenerationOptions(Converters = [typeof(OptionConverter)])]", "Shape", "Whole"),
            "GA0028", "JsonDerivedType(typeof(OptionConverted), \"option\")");
    }
}
