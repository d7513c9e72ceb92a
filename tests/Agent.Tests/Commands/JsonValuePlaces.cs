using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GuestAgent.Tests.Commands;

/// <summary>
/// Types with a <c>JsonValue</c> in every place <see cref="GuestAgent.Commands.JsonTextCheck.HasObjectOrArrayForJsonValue"/>
/// looks (a member, collection items, dictionary values, a nullable struct, a memory, a derived
/// type, a derived collection or dictionary), and places it must not (a string member, extension data, a member with its own converter).
/// </summary>
public sealed record ValueHolder(
    string? Name = null, JsonValue? Value = null, List<JsonValue>? Items = null, Dictionary<string, JsonValue>? Map = null,
    ValuePoint? Point = null, ReadOnlyMemory<JsonValue> Mem = default, ValueBase? Poly = null, ValueTree? Tree = null, IValueShape? Shape = null,
    [property: JsonConverter(typeof(AnyValueConverter))] JsonValue? Converted = null)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public record struct ValuePoint(JsonValue? V);

[JsonDerivedType(typeof(ValueDerived), "d")]
public record ValueBase(int N = 0);

public sealed record ValueDerived(JsonValue? X = null) : ValueBase;

/// <summary>A polymorphic type whose derived types are a collection and a dictionary: each is read from an object.</summary>
[JsonDerivedType(typeof(ValueShapeList), "list")]
[JsonDerivedType(typeof(ValueShapeMap), "map")]
public interface IValueShape;

public sealed class ValueShapeList : List<JsonValue>, IValueShape;

public sealed class ValueShapeMap : Dictionary<string, JsonValue>, IValueShape;

public sealed record ValueTree(List<ValueTree>? Kids = null, JsonValue? Leaf = null);

/// <summary>Reads any value as a <c>JsonValue</c> of its text: an object given it is no refusal.</summary>
public sealed class AnyValueConverter : JsonConverter<JsonValue>
{
    public override JsonValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return JsonValue.Create(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, JsonValue value, JsonSerializerOptions options) => value.WriteTo(writer, options);
}

[JsonSerializable(typeof(ValueHolder))]
internal sealed partial class ValuePlacesJson : JsonSerializerContext;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ValueHolder))]
internal sealed partial class ValuePlacesWebJson : JsonSerializerContext;

[JsonSourceGenerationOptions(ReferenceHandler = JsonKnownReferenceHandler.Preserve)]
[JsonSerializable(typeof(ValueHolder))]
internal sealed partial class ValuePlacesPreservedJson : JsonSerializerContext;
