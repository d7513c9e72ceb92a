using System.Text.Json;
using GuestAgent.Generators.Parsing;
using GuestAgent.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Tests.Parsing;

/// <summary>
/// The types System.Text.Json writes as one JSON string are described as strings, as it writes
/// them; arrays of other elements, other ranks and the binder's primitives are left to the rest.
/// </summary>
public sealed class WellKnownSchemasTests
{
    [Fact]
    public void Types_written_as_one_string_are_described_as_strings()
    {
        var compilation = TestCompiler.Compile("""
            public static class Shapes
            {
                public static void M(char c, byte[] b, System.DateOnly d, System.TimeSpan t, System.TimeOnly o, System.Uri u, System.Version v,
                    byte[,] square, int[] numbers, System.DateTime time, string text) { }
            }
            """);
        var method = compilation.GetTypeByMetadataName("Shapes")!.GetMembers("M").OfType<IMethodSymbol>().Single();
        var schemas = method.Parameters.ToDictionary(p => p.Name, p => WellKnownSchemas.For(p.Type));

        Assert.Equal("{\"type\":\"string\",\"minLength\":1,\"maxLength\":1}", schemas["c"]);
        Assert.Equal("{\"type\":\"string\",\"contentEncoding\":\"base64\"}", schemas["b"]);
        Assert.Equal("{\"type\":\"string\",\"format\":\"date\"}", schemas["d"]);
        Assert.Equal("{\"type\":\"string\",\"pattern\":\"^-?([1-9][0-9]*[.])?([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{7})?$\"}", schemas["t"]);
        Assert.Equal("{\"type\":\"string\",\"pattern\":\"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{7})?$\"}", schemas["o"]);
        Assert.Equal("{\"type\":\"string\",\"pattern\":\"^(0|[1-9][0-9]*)([.](0|[1-9][0-9]*)){1,3}$\"}", schemas["v"]);
        Assert.Equal("{\"type\":\"string\"}", schemas["u"]);
        Assert.All(new[] { "square", "numbers", "time", "text" }, name => Assert.Null(schemas[name]));

        // As System.Text.Json writes them: one string each, a char one character long, a DateOnly a full-date.
        Assert.Equal("\"x\"", JsonSerializer.Serialize('x'));
        Assert.Equal("\"AQI=\"", JsonSerializer.Serialize(new byte[] { 1, 2 }));
        Assert.Equal("\"2024-02-29\"", JsonSerializer.Serialize(new DateOnly(2024, 2, 29)));
        Assert.All(new object[] { TimeSpan.FromMinutes(1), new TimeOnly(1, 2), new Uri("http://a/"), new Version(1, 2) },
            value => Assert.Equal(JsonValueKind.String, JsonSerializer.SerializeToElement(value).ValueKind));
    }

    [Fact]
    public void Time_spans_times_of_day_and_versions_match_their_patterns_as_written()
    {
        var compilation = TestCompiler.Compile("""
            public static class Shapes { public static void M(System.TimeSpan t, System.TimeOnly o, System.Version? v) { } }
            """);
        var method = compilation.GetTypeByMetadataName("Shapes")!.GetMembers("M").OfType<IMethodSymbol>().Single();
        JsonElement Schema(string name)
        {
            using var schema = JsonDocument.Parse(WellKnownSchemas.For(method.Parameters.Single(p => p.Name == name).Type)!);
            return schema.RootElement.Clone();
        }

        var written = new (string Name, object Value)[]
        {
            ("t", TimeSpan.Zero), ("t", TimeSpan.FromMinutes(90)), ("t", -TimeSpan.FromSeconds(1)), ("t", TimeSpan.FromTicks(1)),
            ("t", TimeSpan.FromDays(1) + TimeSpan.FromSeconds(4.5)), ("t", TimeSpan.MinValue), ("t", TimeSpan.MaxValue),
            ("o", TimeOnly.MinValue), ("o", TimeOnly.MaxValue), ("o", new TimeOnly(1, 2, 3, 500)),
            ("v", new Version(0, 0)), ("v", new Version(1, 2, 3)), ("v", new Version(int.MaxValue, 2, 3, 4)),
        };
        Assert.All(written, item => SchemaMatcher.AssertMatches(Schema(item.Name), JsonSerializer.SerializeToElement(item.Value), item.Name));

        // Read by System.Text.Json, never written.
        Assert.All(new[] { ("t", "1:30:00"), ("t", "1"), ("t", "01.02:03:04"), ("t", "00:00:00.5"), ("t", "+00:00:01"), ("t", "24:00:00"),
            ("o", "1:02:03"), ("o", "01:02"), ("o", "01:02:03.5"), ("v", "01.2"), ("v", "1"), ("v", "1.2.3.4.5"), ("v", "1.2 ") },
            item => Assert.False(SchemaMatcher.Matches(Schema(item.Item1), JsonSerializer.SerializeToElement(item.Item2)), $"{item.Item1}: {item.Item2}"));
    }

    [Fact]
    public void Types_with_converters_of_their_own_are_described_as_written()
    {
        var compilation = TestCompiler.Compile("""
            public static class Shapes
            {
                public static void M(System.Int128 i, System.UInt128 u, System.Half h, System.Memory<byte> m, System.ReadOnlyMemory<byte> r,
                    System.Text.Json.Nodes.JsonNode? n, System.Text.Json.Nodes.JsonObject o, System.Text.Json.Nodes.JsonArray a, System.Text.Json.Nodes.JsonValue v,
                    System.Text.Json.JsonDocument d, System.Memory<int> ints) { }
            }
            """);
        var method = compilation.GetTypeByMetadataName("Shapes")!.GetMembers("M").OfType<IMethodSymbol>().Single();
        var schemas = method.Parameters.ToDictionary(p => p.Name, p => WellKnownSchemas.For(p.Type));

        Assert.Equal("{\"type\":\"integer\",\"minimum\":-170141183460469231731687303715884105728,\"maximum\":170141183460469231731687303715884105727}", schemas["i"]);
        Assert.Equal("{\"type\":\"integer\",\"minimum\":0,\"maximum\":340282366920938463463374607431768211455}", schemas["u"]);
        Assert.Equal("{\"type\":\"number\"}", schemas["h"]);
        Assert.All(new[] { "m", "r" }, name => Assert.Equal("{\"type\":\"string\",\"contentEncoding\":\"base64\"}", schemas[name]));
        Assert.All(new[] { "n", "d" }, name => Assert.Equal("{\"type\":[\"object\",\"array\",\"string\",\"number\",\"boolean\"]}", schemas[name]));
        Assert.Equal("{\"type\":\"object\"}", schemas["o"]);
        Assert.Equal("{\"type\":\"array\"}", schemas["a"]);
        Assert.Equal("{\"type\":[\"string\",\"number\",\"boolean\"]}", schemas["v"]);
        Assert.Null(schemas["ints"]);

        // As System.Text.Json writes them (its own converters, not the types' properties).
        Assert.Equal("170141183460469231731687303715884105727", JsonSerializer.Serialize(Int128.MaxValue));
        Assert.Equal("340282366920938463463374607431768211455", JsonSerializer.Serialize(UInt128.MaxValue));
        Assert.Equal("1.5", JsonSerializer.Serialize((Half)1.5));
        Assert.Equal("\"AQI=\"", JsonSerializer.Serialize(new Memory<byte>([1, 2])));
        Assert.Equal("\"AQI=\"", JsonSerializer.Serialize(new ReadOnlyMemory<byte>([1, 2])));
        Assert.Equal("{\"a\":[1]}", JsonSerializer.Serialize(System.Text.Json.Nodes.JsonNode.Parse("{\"a\":[1]}")));
        using var document = JsonDocument.Parse("[true]");
        Assert.Equal("[true]", JsonSerializer.Serialize(document));
    }
}
