using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using GuestAgent.Commands;

namespace GuestAgent.Tests.Commands;

/// <summary>
/// <see cref="JsonTextCheck.HasUniqueNodeNames"/> finds a repeated name exactly where the context puts
/// it into a node (checked against the context: its read, then a read of every node it gave), and
/// errs toward finding one only where the value alone cannot say what the context keeps.
/// </summary>
public sealed class JsonTextCheckNodeNamesTests
{
    [Theory]
    [InlineData("""{"Node":{"a":1,"a":2}}""", false)]
    [InlineData("""{"Node":[{"b":{"a":1,"\u0061":2}}]}""", false)]
    [InlineData("""{"Obj":{"a":1,"a":2}}""", false)]
    [InlineData("""{"Arr":[{"a":1,"a":2}]}""", false)]
    [InlineData("""{"Items":[1,{"a":1,"a":2}]}""", false)]
    [InlineData("""{"Map":{"k":{"a":1,"a":2}}}""", false)]
    [InlineData("""{"Point":{"V":{"a":1,"a":2}}}""", false)]
    [InlineData("""{"Poly":{"$type":"d","X":{"a":1,"a":2}}}""", false)]
    [InlineData("""{"Shape":{"$type":"list","$values":[{"a":1,"a":2}]}}""", false)]
    [InlineData("""{"Shape":{"$type":"map","k":{"a":1,"a":2}}}""", false)]
    // A plain dictionary reads no metadata: a "$" name is an entry.
    [InlineData("""{"Map":{"$k":{"a":1,"a":2}}}""", false)]
    // The same names where no node holds them: the context keeps every one, or the last.
    [InlineData("""{"Name":"x","Name":"y"}""", true)]
    [InlineData("""{"Map":{"k":1,"k":2}}""", true)]
    [InlineData("""{"Element":{"a":1,"a":2}}""", true)]
    [InlineData("""{"Any":{"a":1,"a":2}}""", true)]
    [InlineData("""{"other":{"a":1,"a":2}}""", true)]
    [InlineData("""{"Converted":{"a":1,"a":2}}""", true)]
    [InlineData("""{"Node":{"a":1,"A":2},"Point":null}""", true)]
    // Names compare as the context's options say: "node" is extension data to this one.
    [InlineData("""{"node":{"a":1,"a":2}}""", true)]
    public void Finds_a_repeated_name_where_the_context_reads_a_node(string json, bool unique) =>
        AssertUniqueWhereTheContextsNodesRead(json, unique, NodePlacesJson.Default.NodeHolder);

    [Theory]
    [InlineData("""{"node":{"a":1,"A":2}}""", false)]
    [InlineData("""{"MAP":{"k":{"b":{"a":1,"A":2}}}}""", false)]
    [InlineData("""{"element":{"a":1,"A":2},"NAME":"x","name":"y"}""", true)]
    public void Compares_names_ignoring_case_when_the_context_does(string json, bool unique) =>
        AssertUniqueWhereTheContextsNodesRead(json, unique, NodePlacesWebJson.Default.NodeHolder);

    [Theory]
    [InlineData("""{"Any":{"a":1,"a":2}}""", false)]
    [InlineData("""{"Any":[{"a":{"b":1,"b":2}}]}""", false)]
    [InlineData("""{"Any":{"a":1,"A":2}}""", true)]
    public void Reads_an_object_as_a_node_under_JsonNode_handling(string json, bool unique) =>
        AssertUniqueWhereTheContextsNodesRead(json, unique, NodePlacesUnknownJson.Default.NodeHolder);

    // Where the value alone cannot say what the context keeps, a repeat is found: a node member given twice
    // (the setter is given each; the context keeps the last here), and unknown members kept in a node.
    [Theory]
    [InlineData("""{"Node":{"a":1,"a":2},"Node":1}""")]
    [InlineData("""{"Map":{"k":{"a":1,"a":2},"k":1}}""")]
    public void Finds_a_repeat_in_each_value_given_for_a_node(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.False(JsonTextCheck.HasUniqueNodeNames(document.RootElement, NodePlacesJson.Default.NodeHolder));
        Assert.All(JsonSerializer.Deserialize(document.RootElement, NodePlacesJson.Default.NodeHolder)!.Nodes(), ReadAll);
    }

    [Theory]
    [InlineData("""{"A":1,"A":2}""", false)]
    [InlineData("""{"A":1,"b":{"c":1,"c":2}}""", false)]
    [InlineData("""{"A":1,"b":{"c":1}}""", true)]
    public void Checks_a_whole_object_whose_unknown_members_a_node_keeps(string json, bool unique)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(unique, JsonTextCheck.HasUniqueNodeNames(document.RootElement, NodePlacesJson.Default.NodeExtended));
    }

    // Extension data of objects holds elements under the default handling (a repeat keeps the context's rules),
    // nodes under JsonNode handling (the object checked whole, as above).
    [Fact]
    public void Checks_a_whole_object_whose_unknown_members_are_nodes_only_under_JsonNode_handling()
    {
        using var document = JsonDocument.Parse("""{"A":1,"A":2,"b":{"c":1}}""");

        Assert.Equal(
            [true, false],
            [
                JsonTextCheck.HasUniqueNodeNames(document.RootElement, NodePlacesJson.Default.ObjectExtended),
                JsonTextCheck.HasUniqueNodeNames(document.RootElement, NodePlacesUnknownJson.Default.ObjectExtended),
            ]);
    }

    [Fact]
    public void A_type_without_nodes_or_unlisted_has_no_repeat_to_find()
    {
        using var document = JsonDocument.Parse("""{"a":1,"a":2}""");

        Assert.True(JsonTextCheck.HasUniqueNodeNames(document.RootElement, NodePlacesJson.Default.String));
        Assert.True(JsonTextCheck.HasUniqueNodeNames(document.RootElement, NodePlacesJson.Default.JsonElement));
        Assert.False(JsonTextCheck.HasUniqueNodeNames(document.RootElement, NodePlacesJson.Default.JsonNode));
    }

    [Theory]
    [InlineData("""{"Kids":[{"Kids":[{"Leaf":{"a":1,"a":2}}]}]}""", false)]
    [InlineData("""{"Kids":[{"Kids":[{"Leaf":{"a":1,"b":2}}]}],"Kids":[]}""", true)]
    public void Follows_a_type_that_holds_itself(string json, bool unique)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(unique, JsonTextCheck.HasUniqueNodeNames(document.RootElement, NodePlacesJson.Default.NodeTree));
    }

    /// <summary>
    /// A caller's own value may be far deeper than the binder's 64 levels: the walk along a type that
    /// holds itself refuses it with an exception rather than overflowing the stack, which would end the process.
    /// </summary>
    [Fact]
    public void A_walk_deeper_than_the_stack_allows_is_refused_with_an_exception()
    {
        const int depth = 50_000;
        var json = string.Concat(Enumerable.Repeat("""{"Kids":[""", depth)) + string.Concat(Enumerable.Repeat("]}", depth));
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 2 * depth });

        Assert.IsType<InsufficientExecutionStackException>(
            SmallStack.Run(() => JsonTextCheck.HasUniqueNodeNames(document.RootElement, NodePlacesJson.Default.NodeTree)));
    }

    /// <summary>The check passes exactly when reading every node of the context's value reads through.</summary>
    private static void AssertUniqueWhereTheContextsNodesRead(string json, bool unique, JsonTypeInfo<NodeHolder> typeInfo)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(unique, JsonTextCheck.HasUniqueNodeNames(document.RootElement, typeInfo));
        var holder = JsonSerializer.Deserialize(document.RootElement, typeInfo)!;
        var read = Record.Exception(() =>
        {
            foreach (var node in holder.Nodes())
            {
                ReadAll(node);
            }
        });
        if (unique)
        {
            Assert.Null(read);
        }
        else
        {
            Assert.IsType<ArgumentException>(read);
        }
    }

    private static void ReadAll(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var property in obj)
            {
                ReadAll(property.Value);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                ReadAll(item);
            }
        }
    }
}
