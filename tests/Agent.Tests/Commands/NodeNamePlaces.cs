using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GuestAgent.Tests.Commands;

/// <summary>
/// Types with a node in every place <see cref="GuestAgent.Commands.JsonTextCheck.HasUniqueNodeNames"/>
/// looks (a member of each node type, collection items, dictionary values, a nullable struct, a derived
/// type, a derived collection or dictionary, an <c>object</c>), and places it must not (a string member,
/// a <c>JsonElement</c>, extension data of elements, a member with its own converter).
/// </summary>
public sealed record NodeHolder(
    string? Name = null, JsonNode? Node = null, JsonObject? Obj = null, JsonArray? Arr = null, List<JsonNode?>? Items = null,
    Dictionary<string, JsonNode?>? Map = null, NodePoint? Point = null, NodeBase? Poly = null, INodeShape? Shape = null,
    JsonElement Element = default, object? Any = null, [property: JsonConverter(typeof(TextNodeConverter))] JsonNode? Converted = null)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>Every node the value holds, as a command would reach it.</summary>
    public IEnumerable<JsonNode?> Nodes() =>
        [Node, Obj, Arr, .. Items ?? [], .. (IEnumerable<JsonNode?>?)Map?.Values ?? [], Point?.V, (Poly as NodeDerived)?.X,
            .. Shape as NodeShapeList ?? [], .. (IEnumerable<JsonNode?>?)(Shape as NodeShapeMap)?.Values ?? [], Any as JsonNode, Converted];
}

public record struct NodePoint(JsonNode? V);

[JsonDerivedType(typeof(NodeDerived), "d")]
public record NodeBase(int N = 0);

public sealed record NodeDerived(JsonNode? X = null) : NodeBase;

/// <summary>A polymorphic type whose derived types are a collection and a dictionary: each is read from an object.</summary>
[JsonDerivedType(typeof(NodeShapeList), "list")]
[JsonDerivedType(typeof(NodeShapeMap), "map")]
public interface INodeShape;

public sealed class NodeShapeList : List<JsonNode?>, INodeShape;

public sealed class NodeShapeMap : Dictionary<string, JsonNode?>, INodeShape;

/// <summary>Unknown members kept in a node: the context fills it by rules of its own.</summary>
public sealed record NodeExtended(int A = 0)
{
    [JsonExtensionData]
    public JsonObject? Extra { get; set; }
}

/// <summary>Unknown members kept as objects: elements under the default handling, nodes under <c>JsonNode</c> handling.</summary>
public sealed record ObjectExtended(int A = 0)
{
    [JsonExtensionData]
    public Dictionary<string, object>? Extra { get; set; }
}

/// <summary>A type that holds itself: the walk follows it as deep as the value goes.</summary>
public sealed record NodeTree(List<NodeTree>? Kids = null, JsonNode? Leaf = null);

/// <summary>Reads any value as a <c>JsonValue</c> of its text: a repeated name given it is no node's.</summary>
public sealed class TextNodeConverter : JsonConverter<JsonNode>
{
    public override JsonNode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return JsonValue.Create(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, JsonNode value, JsonSerializerOptions options) => value.WriteTo(writer, options);
}

[JsonSerializable(typeof(NodeHolder))]
[JsonSerializable(typeof(NodeExtended))]
[JsonSerializable(typeof(ObjectExtended))]
[JsonSerializable(typeof(NodeTree))]
internal sealed partial class NodePlacesJson : JsonSerializerContext;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(NodeHolder))]
internal sealed partial class NodePlacesWebJson : JsonSerializerContext;

[JsonSourceGenerationOptions(UnknownTypeHandling = JsonUnknownTypeHandling.JsonNode)]
[JsonSerializable(typeof(NodeHolder))]
[JsonSerializable(typeof(ObjectExtended))]
internal sealed partial class NodePlacesUnknownJson : JsonSerializerContext;
