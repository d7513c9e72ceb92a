using System.Text.Json;
using GuestAgent.Generators.Parsing;

namespace GuestAgent.Generators.Tests.Parsing;

/// <summary>
/// The generator's reader of stated request schemas: strict JSON, compact output that the run
/// time's JSON reader reads back to the same value.
/// </summary>
public sealed class CompactJsonTests
{
    [Theory]
    [InlineData("{}", "{}")]
    [InlineData(" { \"a\" : [ 1 , -0.5e-2 , true , false , null , { } , [ ] ] } ", "{\"a\":[1,-0.5e-2,true,false,null,{},[]]}")]
    [InlineData("{\"s\":\"\\u0041\\/\\\"\\\\\\n\\t\\b\\f\\r\"}", "{\"s\":\"A/\\\"\\\\\\u000a\\u0009\\u0008\\u000c\\u000d\"}")]
    [InlineData("{\"e\":\"caf\u00e9 \\ud83d\\ude00\"}", "{\"e\":\"caf\u00e9 \ud83d\ude00\"}")]
    [InlineData("{\"x\":1,\"y\":{\"x\":2}}", "{\"x\":1,\"y\":{\"x\":2}}")]
    [InlineData("{\"n\":1E+2,\"m\":2e2}", "{\"n\":1E+2,\"m\":2e2}")]
    public void Objects_are_rendered_compact_and_mean_the_same(string text, string expected)
    {
        Assert.True(CompactJson.TryReadObject(text, out var members, out var error), error);
        var rendered = JsonText.Object(members);
        Assert.Equal(expected, rendered);
        using var original = JsonDocument.Parse(text);
        using var compact = JsonDocument.Parse(rendered);
        Assert.True(JsonElement.DeepEquals(original.RootElement, compact.RootElement));
    }

    [Theory]
    [InlineData("{", "line 1, column 2 of the schema text: expected a member name in double quotes")]
    [InlineData("{\"a\":1,}", "line 1, column 8 of the schema text: expected a member name in double quotes")]
    [InlineData("{\"a\" 1}", "line 1, column 6 of the schema text: expected ':' after the member name")]
    [InlineData("{\"a\":01}", "line 1, column 7 of the schema text: expected ',' or '}'")]
    [InlineData("{\"a\":1.}", "line 1, column 8 of the schema text: expected a digit after the decimal point")]
    [InlineData("{\"a\":1e}", "line 1, column 8 of the schema text: expected a digit in the exponent")]
    [InlineData("{\"a\":tru}", "line 1, column 6 of the schema text: expected a value (an object, array, string, number, true, false or null)")]
    [InlineData("{\"a\":'x'}", "line 1, column 6 of the schema text: expected a value (an object, array, string, number, true, false or null)")]
    [InlineData("{\"a\":\"\\x\"}", "line 1, column 7 of the schema text: invalid escape sequence in a string")]
    [InlineData("{\"a\":\"\\u12\"}", "line 1, column 7 of the schema text: invalid escape sequence in a string")]
    [InlineData("{\"a\":\"x\ty\"}", "line 1, column 8 of the schema text: a control character inside a string must be escaped (\\n, \\t, \\u0001, ...)")]
    [InlineData("{\"a\":\"x", "line 1, column 8 of the schema text: a string is not closed")]
    [InlineData("{\"a\":\"\\u123", "line 1, column 7 of the schema text: invalid escape sequence in a string")]
    [InlineData("{\"a\":-}", "line 1, column 6 of the schema text: expected a value (an object, array, string, number, true, false or null)")]
    [InlineData("{}\n  x", "line 2, column 3 of the schema text: unexpected text after the end of the object")]
    [InlineData("{// no comments\n}", "line 1, column 2 of the schema text: expected a member name in double quotes")]
    public void Invalid_json_is_refused_with_where_and_why(string text, string where)
    {
        Assert.False(CompactJson.TryReadObject(text, out _, out var error));
        Assert.Equal("invalid JSON at " + where, error);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = CompactJson.MaxDepth }));
    }

    [Theory]
    [InlineData("{\"a\":\"\\ud800\"}", "line 1, column 13")]
    [InlineData("{\"a\":\"x\\udc00\\ud800y\"}", "line 1, column 21")]
    [InlineData("{\"a\":\"\\ud800x\"}", "line 1, column 14")]
    public void A_lone_surrogate_is_refused_as_no_unicode_text(string text, string where)
    {
        Assert.False(CompactJson.TryReadObject(text, out _, out var error));
        Assert.Equal($"invalid JSON at {where} of the schema text: a string holds a lone surrogate (half of a UTF-16 pair)", error);
    }

    [Fact]
    public void Nesting_stops_where_the_schema_document_would_refuse_it()
    {
        var deepest = string.Concat(Enumerable.Repeat("{\"a\":", CompactJson.MaxDepth - 1)) + "{}" + new string('}', CompactJson.MaxDepth - 1);
        Assert.True(CompactJson.TryReadObject(deepest, out _, out _));
        using (JsonDocument.Parse(InSchemaDocument(deepest)))
        {
        }

        var tooDeep = "{\"a\":" + deepest + "}";
        Assert.False(CompactJson.TryReadObject(tooDeep, out _, out var error));
        Assert.Contains("nested more than 61 levels deep", error, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(InSchemaDocument(tooDeep)));
    }

    [Fact]
    public void Nesting_of_arrays_stops_where_the_schema_document_would_refuse_it()
    {
        // The root object is level 1; each array inside it one more.
        var deepest = "{\"a\":" + new string('[', CompactJson.MaxDepth - 1) + new string(']', CompactJson.MaxDepth - 1) + "}";
        Assert.True(CompactJson.TryReadObject(deepest, out _, out var accepted), accepted);
        using (JsonDocument.Parse(InSchemaDocument(deepest)))
        {
        }

        var tooDeep = "{\"a\":" + new string('[', CompactJson.MaxDepth) + new string(']', CompactJson.MaxDepth) + "}";
        Assert.False(CompactJson.TryReadObject(tooDeep, out _, out var error));
        Assert.Contains("nested more than 61 levels deep", error, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(InSchemaDocument(tooDeep)));
    }

    [Theory]
    [InlineData("", "the text is empty; write a JSON object, such as {\"type\":\"string\"}")]
    [InlineData(" \r\n\t ", "the text is empty; write a JSON object, such as {\"type\":\"string\"}")]
    [InlineData(" [1]", "it is a JSON array, but a request schema must be a JSON object, such as {\"type\":\"string\"}")]
    [InlineData("\"{}\"", "it is a JSON string, but a request schema must be a JSON object, such as {\"type\":\"string\"}")]
    [InlineData("false", "it is a JSON boolean, but a request schema must be a JSON object, such as {\"type\":\"string\"}")]
    [InlineData("null", "it is JSON null, but a request schema must be a JSON object, such as {\"type\":\"string\"}")]
    [InlineData("-1.5", "it is a JSON number, but a request schema must be a JSON object, such as {\"type\":\"string\"}")]
    public void A_text_that_is_no_object_is_refused_as_a_whole(string text, string expected)
    {
        Assert.False(CompactJson.TryReadObject(text, out var members, out var error, out var errorOffset));
        Assert.Equal(expected, error);
        Assert.Equal(-1, errorOffset);
        Assert.Empty(members);
    }

    [Theory]
    [InlineData("{\"a\":1,}", 7)]
    [InlineData("{\"type\":\"string\",\"type\":\"number\"}", 17)]
    [InlineData("  tru", 2)]
    [InlineData("[1,]", 3)]
    public void The_error_offset_is_the_index_of_the_character_the_json_goes_wrong_at(string text, int offset)
    {
        Assert.False(CompactJson.TryReadObject(text, out _, out var error, out var errorOffset));
        Assert.Equal(offset, errorOffset);
        Assert.Contains($"column {offset + 1} ", error, StringComparison.Ordinal);
    }

    /// <summary>Where <c>guest-agent schema</c> prints a request schema: root object, <c>commands</c>, the command.</summary>
    private static string InSchemaDocument(string schema) => $$"""{"commands":[{"name":"x","request":{{schema}}}]}""";
}
