using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using GuestAgent.Commands;

namespace GuestAgent.Tests.Commands;

/// <summary>
/// <see cref="JsonTextCheck.IsReadable"/> says a value is readable exactly when
/// <see cref="JsonElement.GetString"/> reads every string and property name in it: checked on
/// chosen cases and on seeded values against System.Text.Json itself; and
/// <see cref="JsonTextCheck.HasUniqueNames"/> that no object in it names a property twice exactly
/// when a <c>JsonNode</c> made from it reads through without throwing.
/// </summary>
public sealed class JsonTextCheckTests
{
    [Theory]
    [InlineData("""
        "plain"
        """, true)]
    [InlineData("""
        "\ud83d\ude00 paired, \u00e9 and \n \\ud800 (an escaped backslash, then text)"
        """, true)]
    [InlineData("""
        {"k\u00e9y":["\"","\\","\/"],"n":1}
        """, true)]
    [InlineData("""
        "\ud800"
        """, false)]
    [InlineData("""
        "\udc00"
        """, false)]
    [InlineData("""
        "\ud800x\udc00"
        """, false)]
    [InlineData("""
        "\ud800\ud800\udc00"
        """, false)]
    [InlineData("""
        "\ud800\n"
        """, false)]
    [InlineData("""
        "\uD83D\uDE00\uDBFF"
        """, false)]
    [InlineData("""
        {"\ud800":1}
        """, false)]
    [InlineData("""
        ["ok","\\\udfff"]
        """, false)]
    public void A_value_is_readable_when_its_escapes_pair_every_surrogate(string json, bool readable)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(readable, JsonTextCheck.IsReadable(document.RootElement));
        Assert.Equal(readable, EveryStringReads(document.RootElement));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'"', 0xC3, (byte)'"' })]
    [InlineData(new byte[] { (byte)'"', 0xED, 0xA0, 0x80, (byte)'"' })] // a surrogate encoded as UTF-8
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}' })]
    public void Bytes_that_are_not_UTF8_are_not_readable(byte[] json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.False(JsonTextCheck.IsReadable(document.RootElement));
        Assert.False(EveryStringReads(document.RootElement));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Seeded_values_agree_with_System_Text_Json(int seed)
    {
        var random = new Random(seed);
        var readable = 0;
        for (var i = 0; i < 2000; i++)
        {
            var json = RandomValue(random);
            using var document = JsonDocument.Parse(json);
            var expected = EveryStringReads(document.RootElement);
            Assert.True(expected == JsonTextCheck.IsReadable(document.RootElement), $"disagreement on {json}");
            readable += expected ? 1 : 0;
        }

        // Both answers must be common, or the agreement says little.
        Assert.InRange(readable, 300, 1700);
    }

    [Theory]
    [InlineData("""{"a":1,"b":2}""", false, true)]
    [InlineData("""{"a":1,"a":2}""", false, false)]
    [InlineData("""{"a":1,"\u0061":2}""", false, false)]
    [InlineData("""{"a":1,"A":2}""", false, true)]
    [InlineData("""{"a":1,"A":2}""", true, false)]
    [InlineData("""{"\u00e9":1,"\u00c9":2}""", true, false)]
    [InlineData("""{"a":{"a":1},"b":{"a":2}}""", false, true)]
    [InlineData("""{"a":{"x":1,"y":2,"x":3}}""", false, false)]
    [InlineData("""[1,{"k":[{"z":1}]},{"k":[{"z":1,"z":2}]}]""", false, false)]
    [InlineData("""[{"a":1},{"a":1}]""", false, true)]
    [InlineData("""[{"x":1,"y":2},{"x":1,"y":2}]""", false, true)]
    [InlineData("""{"one":{}}""", false, true)]
    [InlineData("\"x\"", true, true)]
    [InlineData("""[]""", false, true)]
    public void Names_are_unique_when_a_node_made_from_the_value_reads(string json, bool ignoreCase, bool unique)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(unique, JsonTextCheck.HasUniqueNames(document.RootElement, ignoreCase));
        Assert.Equal(unique, NodeReads(json, ignoreCase));
        Assert.Equal(unique, JsonTextCheck.HasUniqueNames(JsonNode.Parse(json, new JsonNodeOptions { PropertyNameCaseInsensitive = ignoreCase })));
    }

    [Fact]
    public void A_null_node_has_no_names() => Assert.True(JsonTextCheck.HasUniqueNames((JsonNode?)null));

    /// <summary>
    /// A caller's own document may be far deeper than the binder's 64 levels: the walks refuse it
    /// with an exception rather than overflowing the stack, which would end the process (run on
    /// <see cref="SmallStack"/>).
    /// </summary>
    [Fact]
    public void A_value_deeper_than_the_stack_allows_is_refused_with_an_exception()
    {
        const int depth = 100_000;
        var json = new string('[', depth) + new string(']', depth);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = depth + 1 });
        var node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = depth + 1 });

        Assert.IsType<InsufficientExecutionStackException>(SmallStack.Run(() => JsonTextCheck.HasUniqueNames(document.RootElement, ignoreCase: false)));
        Assert.IsType<InsufficientExecutionStackException>(SmallStack.Run(() => JsonTextCheck.HasUniqueNames(node)));
    }

    /// <summary>
    /// Each case is checked against the context itself: where this finds an object or array for a
    /// <c>JsonValue</c>, reading the value throws the <see cref="InvalidOperationException"/> the
    /// generated registry answers as the wrong type (a derived type's member is looked at whatever
    /// the discriminator, so that one reads without it).
    /// </summary>
    [Theory]
    [InlineData("""{"Value":{"a":1}}""", true)]
    [InlineData("""{"Value":[1]}""", true)]
    [InlineData("""{"Name":"n","Value":1}""", false)]
    [InlineData("""{"Value":"s","Items":[1,"t"],"Map":{"k":true},"Point":{"V":2},"Mem":[3],"Poly":{"$type":"d","X":4}}""", false)]
    [InlineData("""{"Items":[1,{}]}""", true)]
    [InlineData("""{"Map":{"k":1,"m":[]}}""", true)]
    // Only a type that reads metadata keeps "$" names from its entries.
    [InlineData("""{"Map":{"$m":{}}}""", true)]
    [InlineData("""{"Point":{"V":{}}}""", true)]
    [InlineData("""{"Point":null}""", false)]
    [InlineData("""{"Mem":[1,[2]]}""", true)]
    [InlineData("""{"Poly":{"$type":"d","X":{}}}""", true)]
    [InlineData("""{"Tree":{"Kids":[{"Leaf":1},{"Kids":[{"Leaf":{}}]}]}}""", true)]
    // Names compare as the context's options say: this context's are case-sensitive, so "value" is extension data.
    [InlineData("""{"value":{}}""", false)]
    [InlineData("""{"Other":{"Value":{}}}""", false)]
    [InlineData("""{"Converted":{"a":1}}""", false)]
    public void An_object_or_array_is_found_where_the_context_reads_a_JsonValue(string json, bool found) =>
        AssertFoundWhereTheContextThrows(json, found, ValuePlacesJson.Default.ValueHolder);

    [Theory]
    [InlineData("""{"value":{}}""", true)]
    [InlineData("""{"POINT":{"v":[]}}""", true)]
    [InlineData("""{"items":[1]}""", false)]
    public void Names_compare_ignoring_case_when_the_context_does(string json, bool found)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(found, JsonTextCheck.HasObjectOrArrayForJsonValue(document.RootElement, ValuePlacesWebJson.Default.ValueHolder));
    }

    /// <summary>
    /// Under <c>ReferenceHandler.Preserve</c> a collection may come as an object whose <c>$values</c>
    /// holds its items: the context reads them, so an object there is its refusal too (checked against the context).
    /// </summary>
    [Theory]
    [InlineData("""{"Items":{"$id":"1","$values":[1,{}]}}""", true)]
    [InlineData("""{"Items":{"$id":"1","$values":[1,"s"]}}""", false)]
    public void A_preserved_collections_values_are_looked_at(string json, bool found) =>
        AssertFoundWhereTheContextThrows(json, found, ValuePlacesPreservedJson.Default.ValueHolder);

    /// <summary>
    /// A polymorphic type's derived collection comes as an object whose <c>$values</c> are its items
    /// (after an <c>$id</c> under <c>ReferenceHandler.Preserve</c>), a derived dictionary as its entries
    /// beside <c>$type</c>; its other <c>$</c> names are never entries (a list's <c>$values</c> is none of the map's).
    /// </summary>
    [Theory]
    [InlineData("""{"Shape":{"$type":"list","$values":[1,{}]}}""", true)]
    [InlineData("""{"Shape":{"$type":"list","$values":[1,"s"]}}""", false)]
    [InlineData("""{"Shape":{"$type":"map","a":1,"b":[]}}""", true)]
    [InlineData("""{"Shape":{"$type":"map","a":1}}""", false)]
    public void A_derived_collections_or_dictionarys_values_are_looked_at(string json, bool found) =>
        AssertFoundWhereTheContextThrows(json, found, ValuePlacesJson.Default.ValueHolder);

    [Theory]
    [InlineData("""{"Shape":{"$id":"1","$type":"list","$values":[{}]}}""", true)]
    [InlineData("""{"Shape":{"$id":"1","$type":"map","a":[1]}}""", true)]
    [InlineData("""{"Shape":{"$id":"1","$type":"list","$values":[true]}}""", false)]
    public void A_preserved_derived_collections_values_are_looked_at(string json, bool found) =>
        AssertFoundWhereTheContextThrows(json, found, ValuePlacesPreservedJson.Default.ValueHolder);

    /// <summary>
    /// In a derived dictionary (one the context reads metadata for) every name starting with <c>$</c>,
    /// escaped or not, is metadata: the context refuses one that is not with a <c>JsonException</c>
    /// (plain and under <c>ReferenceHandler.Preserve</c>; <c>AllowOutOfOrderMetadataProperties</c> refuses
    /// it too, probed), never reads it as an entry, so the check passing it over misses no refusal.
    /// </summary>
    [Theory]
    [InlineData("""{"Shape":{"$type":"map","$foo":{}}}""")]
    [InlineData("""{"Shape":{"$type":"map","\u0024foo":[]}}""")]
    [InlineData("""{"Shape":{"$type":"map","a":1,"$type2":{}}}""")]
    public void A_dollar_name_in_a_derived_dictionary_is_never_an_entry(string json)
    {
        foreach (var typeInfo in new[] { ValuePlacesJson.Default.ValueHolder, ValuePlacesPreservedJson.Default.ValueHolder })
        {
            using var document = JsonDocument.Parse(json);
            Assert.False(JsonTextCheck.HasObjectOrArrayForJsonValue(document.RootElement, typeInfo));
            Assert.IsType<JsonException>(Record.Exception(() => JsonSerializer.Deserialize(document.RootElement, typeInfo)));
        }
    }

    /// <summary>The check finds an object or array for a <c>JsonValue</c> exactly when the context's read of the value throws.</summary>
    private static void AssertFoundWhereTheContextThrows(string json, bool found, JsonTypeInfo<ValueHolder> typeInfo)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(found, JsonTextCheck.HasObjectOrArrayForJsonValue(document.RootElement, typeInfo));
        var read = Record.Exception(() => JsonSerializer.Deserialize(document.RootElement, typeInfo));
        if (found)
        {
            Assert.IsType<InvalidOperationException>(read);
        }
        else
        {
            Assert.Null(read);
        }
    }

    /// <summary>A polymorphic member's derived types are all looked at, the discriminator unread (the read has already failed when this is asked).</summary>
    [Fact]
    public void A_derived_types_JsonValue_is_looked_at_whatever_the_discriminator()
    {
        using var document = JsonDocument.Parse("""{"Poly":{"X":{}}}""");
        Assert.True(JsonTextCheck.HasObjectOrArrayForJsonValue(document.RootElement, ValuePlacesJson.Default.ValueHolder));
    }

    [Fact]
    public void A_JsonValue_walk_deeper_than_the_stack_allows_is_refused_with_an_exception()
    {
        const int depth = 50_000;
        var json = """{"Tree":""" + string.Concat(Enumerable.Repeat("""{"Kids":[""", depth)) + new string(']', depth).Replace("]", "]}", StringComparison.Ordinal) + "}";
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = (2 * depth) + 2 });

        Assert.IsType<InsufficientExecutionStackException>(
            SmallStack.Run(() => JsonTextCheck.HasObjectOrArrayForJsonValue(document.RootElement, ValuePlacesJson.Default.ValueHolder)));
    }

    /// <summary>Whether a node of <paramref name="json"/> reads through: a JsonObject refuses a name twice only when first read.</summary>
    private static bool NodeReads(string json, bool ignoreCase)
    {
        try
        {
            Walk(JsonNode.Parse(json, new JsonNodeOptions { PropertyNameCaseInsensitive = ignoreCase }));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }

        static void Walk(JsonNode? node)
        {
            foreach (var child in node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a, _ => [] })
            {
                Walk(child);
            }
        }
    }

    /// <summary>An object, array or string whose strings mix text, plain escapes and surrogate escapes.</summary>
    private static string RandomValue(Random random)
    {
        var text = new StringBuilder("{");
        var members = random.Next(1, 4);
        for (var m = 0; m < members; m++)
        {
            text.Append(m == 0 ? "" : ",").Append(RandomString(random)).Append(":[").Append(RandomString(random)).Append(",1]");
        }

        return text.Append('}').ToString();
    }

    private static string RandomString(Random random)
    {
        string[] pieces = ["a", "\u00e9", "\\n", "\\\\", "\\\"", "\\u0041", "\\ud83d", "\\ude00", "\\uDBFF", "\\uDC00", "\\\\u", "\\ud83d\\ude00"];
        var text = new StringBuilder("\"");
        var length = random.Next(0, 4);
        for (var i = 0; i < length; i++)
        {
            text.Append(pieces[random.Next(pieces.Length)]);
        }

        return text.Append('"').ToString();
    }

    private static bool EveryStringReads(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(EveryStringReads);
                case JsonValueKind.Object:
                    return element.EnumerateObject().All(property => { _ = property.Name; return EveryStringReads(property.Value); });
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
