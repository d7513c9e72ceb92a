using System.Text.Json;
using GuestAgent.Generators.Parsing;
using static GuestAgent.Generators.Parsing.JsonText;

namespace GuestAgent.Generators.Tests.Parsing;

/// <summary>
/// The JSON text of the schemas the generator embeds: strict JSON (every control character
/// escaped), compact, and members added where a schema's readers expect them.
/// </summary>
public sealed class JsonTextTests
{
    [Fact]
    public void Every_string_reads_back_unchanged_through_a_strict_JSON_reader()
    {
        var every = new string([.. Enumerable.Range(0, 0x80).Select(i => (char)i)]) + "\u0085\u2028\u00e9\U0001F600";
        foreach (var value in new[] { string.Empty, "\"", "\\", "\\\"", "a\"b\\c", every })
        {
            var text = JsonText.String(value);
            using var document = JsonDocument.Parse(text);
            Assert.Equal(value, document.RootElement.GetString());
            Assert.DoesNotContain(text, c => c < ' ');
        }

        Assert.Equal("\"q\\\" b\\\\ \\u0000\\u001f\\u000a\u007f\u00e9\"", JsonText.String("q\" b\\ \0\u001f\n\u007f\u00e9"));
    }

    [Fact]
    public void Objects_and_arrays_are_compact_and_keep_their_order()
    {
        Assert.Equal("{}", JsonText.Object([]));
        Assert.Equal("{\"a\":1}", JsonText.Object([Member("a", "1")]));
        Assert.Equal("{\"b\":1,\"a\":[],\"c\\\"\":{}}", JsonText.Object([Member("b", "1"), Member("a", JsonText.Array([])), Member("c\"", "{}")]));
        Assert.Equal("[1,\"x\",{}]", JsonText.Array(["1", JsonText.String("x"), "{}"]));
    }

    [Theory]
    [InlineData("{}", "{\"default\":1,\"x\":true}", "{\"$schema\":1,\"x\":true}")]
    [InlineData("{\"type\":\"integer\"}", "{\"type\":\"integer\",\"default\":1,\"x\":true}", "{\"$schema\":1,\"x\":true,\"type\":\"integer\"}")]
    [InlineData("{\"a\":{},\"b\":[]}", "{\"a\":{},\"b\":[],\"default\":1,\"x\":true}", "{\"$schema\":1,\"x\":true,\"a\":{},\"b\":[]}")]
    public void Members_are_added_at_the_end_or_at_the_start(string schema, string appended, string prepended)
    {
        Assert.Equal(appended, With(schema, Member("default", "1"), Member("x", "true")));
        Assert.Equal(prepended, Prepend(schema, Member("$schema", "1"), Member("x", "true")));
        using var first = JsonDocument.Parse(appended);
        using var second = JsonDocument.Parse(prepended);
    }
}
