using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GuestAgent.Commands;

/// <summary>The repeated-name check of the places in a value where the JSON context reads a node.</summary>
public static partial class JsonTextCheck
{
    /// <summary>
    /// Whether no object the context would read into a node (a <c>JsonNode</c>, <c>JsonObject</c> or
    /// <c>JsonArray</c> member, item or dictionary value, or an <c>object</c> one under
    /// <c>UnknownTypeHandling = JsonNode</c>) names a property twice, names compared as the context's
    /// nodes compare them (<c>PropertyNameCaseInsensitive</c>). Such a node throws when first read, in the
    /// command; a generated registry asks this, before the read, of a type holding a node it cannot
    /// walk to after the read (behind a member without a getter), so a repeat anywhere else (the type's
    /// own members, an unknown member, a <c>JsonElement</c>) keeps the context's rules. Follows the
    /// context's own contract, as its metadata gives it (no reflection), erring toward a refusal where
    /// the value alone cannot say what the context reads: every value of a member or dictionary key
    /// given twice (the setter is given each), every type a polymorphic type may be read as, whatever
    /// the discriminator, and a whole object whose type keeps unknown members in extension data. A member
    /// with a converter of its own is the converter's to read, and not looked into.
    /// Used by generated code; not meant to be called directly.
    /// </summary>
    /// <param name="element">The value the context is given, readable (<see cref="IsReadable(JsonElement)"/>), at most as deep as the reader's <c>MaxDepth</c>.</param>
    /// <param name="typeInfo">The context's metadata of the type it reads.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool HasUniqueNodeNames(JsonElement element, JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return NodeNamesUnique(element, typeInfo.Type, typeInfo.Options);
    }

    private static bool NodeNamesUnique(JsonElement element, Type type, JsonSerializerOptions options)
    {
        if (type == typeof(JsonNode) || type == typeof(JsonObject) || type == typeof(JsonArray)
            || (type == typeof(object) && options.UnknownTypeHandling == JsonUnknownTypeHandling.JsonNode))
        {
            return HasUniqueNames(element, options.PropertyNameCaseInsensitive);
        }

        return !options.TryGetTypeInfo(type, out var info) || NodeNamesUnique(element, info);
    }

    private static bool NodeNamesUnique(JsonElement element, JsonTypeInfo info)
    {
        // Called with a caller's own element too, which may be deeper than the binder's 64 levels.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array:
                return ItemNodeNamesUnique(element, info);
            // Under ReferenceHandler.Preserve, and for a polymorphic collection, the items are the object's "$values".
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Object:
                return !element.TryGetProperty("$values", out var values) || values.ValueKind != JsonValueKind.Array || ItemNodeNamesUnique(values, info);
            case JsonTypeInfoKind.Dictionary when element.ValueKind == JsonValueKind.Object:
                return ValueNodeNamesUnique(element, info, metadata: false);
            // A Nullable<T>'s metadata is an object's with the struct as its element type and no members.
            case JsonTypeInfoKind.Object when info.ElementType is { } inner:
                return NodeNamesUnique(element, inner, info.Options);
            case JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object:
                if (!MemberNodeNamesUnique(element, info))
                {
                    return false;
                }

                // As HasObjectOrArrayForJsonValue: the declared type's derived types, not theirs.
                foreach (var derived in info.PolymorphismOptions?.DerivedTypes ?? [])
                {
                    if (info.Options.TryGetTypeInfo(derived.DerivedType, out var derivedInfo)
                        && !(derivedInfo.Kind switch
                        {
                            JsonTypeInfoKind.Object => MemberNodeNamesUnique(element, derivedInfo),
                            JsonTypeInfoKind.Dictionary => ValueNodeNamesUnique(element, derivedInfo, metadata: true),
                            _ => NodeNamesUnique(element, derivedInfo),
                        }))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    private static bool ValueNodeNamesUnique(JsonElement element, JsonTypeInfo info, bool metadata)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!(metadata && property.Name.StartsWith('$')) && !NodeNamesUnique(property.Value, info.ElementType!, info.Options))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ItemNodeNamesUnique(JsonElement array, JsonTypeInfo info)
    {
        foreach (var item in array.EnumerateArray())
        {
            if (!NodeNamesUnique(item, info.ElementType!, info.Options))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MemberNodeNamesUnique(JsonElement element, JsonTypeInfo info)
    {
        foreach (var member in info.Properties)
        {
            // Unknown members go to extension data, a node's or an object's under JsonNode handling, by
            // rules of the context's own (a name given twice there among them): the object is checked whole.
            if (member.IsExtensionData && member.PropertyType != typeof(Dictionary<string, JsonElement>)
                && (member.PropertyType != typeof(Dictionary<string, object>) || info.Options.UnknownTypeHandling == JsonUnknownTypeHandling.JsonNode))
            {
                return HasUniqueNames(element, info.Options.PropertyNameCaseInsensitive);
            }
        }

        var comparison = info.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var property in element.EnumerateObject())
        {
            foreach (var member in info.Properties)
            {
                if (!member.IsExtensionData && member.CustomConverter is null && string.Equals(member.Name, property.Name, comparison)
                    && !NodeNamesUnique(property.Value, member.PropertyType, info.Options))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
