using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace GuestAgent.Commands;

/// <summary>
/// Whether every string of a JSON value (property names included) can be read as .NET text. JSON
/// may escape an unpaired UTF-16 surrogate (<c>"\ud800"</c>), which no .NET string holds, and a
/// caller of <c>TryDispatch</c> may pass bytes that are not UTF-8: <see cref="JsonElement.GetString"/>
/// throws on either. A generated registry checks a <see cref="JsonElement"/> value with this before
/// calling the command, so a command that takes its value whole answers the same binding error as
/// one that takes a typed <c>string</c> (<see cref="BindingErrors.InvalidText"/>), instead of
/// failing inside the command with an internal error.
/// </summary>
public static partial class JsonTextCheck
{
    /// <summary>
    /// Whether every string in <paramref name="element"/> reads as .NET text. Reads the element's
    /// own bytes: no allocation, and a value without a backslash is checked in one vectorised pass.
    /// Used by generated code; not meant to be called directly.
    /// </summary>
    /// <param name="element">A value parsed by <see cref="JsonElement.ParseValue"/>.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool IsReadable(JsonElement element) => IsReadable(JsonMarshal.GetRawUtf8Value(element));

    /// <summary>
    /// Whether no object in <paramref name="element"/>, at any depth, names a property twice. A
    /// <c>JsonObject</c> made from such an element throws when first read (its dictionary refuses
    /// the second name), so a generated registry refuses the value of a <c>JsonNode</c> parameter,
    /// or of a type holding one, with this before calling the command. Call it after
    /// <see cref="IsReadable(JsonElement)"/> has passed: names are unescaped to compare them.
    /// Used by generated code; not meant to be called directly.
    /// </summary>
    /// <param name="element">
    /// A value parsed by <see cref="JsonElement.ParseValue"/>, its text readable. The walk recurses
    /// once a level: the reader's <c>MaxDepth</c> (64 for the generated binder's reader) bounds it.
    /// </param>
    /// <param name="ignoreCase">
    /// Whether names differing only in case are the same name, as the JSON context's
    /// <c>PropertyNameCaseInsensitive</c> makes them for its nodes.
    /// </param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool HasUniqueNames(JsonElement element, bool ignoreCase)
    {
        HashSet<string>? names = null;
        return HasUniqueNames(element, ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal, ref names);
    }

    /// <summary>
    /// The walk of <see cref="HasUniqueNames(JsonElement, bool)"/>: one set for the whole walk,
    /// made at the first object with two properties, since an object's names are all compared
    /// before any of its values is looked into.
    /// </summary>
    private static bool HasUniqueNames(JsonElement element, StringComparer comparer, ref HashSet<string>? names)
    {
        // A caller's own document may be parsed with a MaxDepth far past the binder's 64: refused
        // with an exception rather than overflowing the stack, which would end the process.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (!HasUniqueNames(item, comparer, ref names))
                {
                    return false;
                }
            }

            return true;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        if (element.GetPropertyCount() > 1)
        {
            names ??= new HashSet<string>(comparer);
            names.Clear();
            foreach (var property in element.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    return false;
                }
            }
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!HasUniqueNames(property.Value, comparer, ref names))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether no object in <paramref name="node"/>, at any depth, names a property twice, found by
    /// reading each: a <c>JsonObject</c> made from an element builds its dictionary on its first
    /// read, and throws an <see cref="ArgumentException"/> there for a name it holds twice (names
    /// compared as the options it was made with say). A generated registry walks a deserialized
    /// complex value to each node it holds and calls this on it, so the command's own first read
    /// cannot throw. Only node code runs inside, so the exception caught is that refusal.
    /// Used by generated code; not meant to be called directly.
    /// </summary>
    /// <param name="node">A node, or null (no names).</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool HasUniqueNames(JsonNode? node)
    {
        try
        {
            ReadAll(node);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void ReadAll(JsonNode? node)
    {
        // Nodes made from the binder's value are at most 64 deep; a caller's own may be deeper.
        RuntimeHelpers.EnsureSufficientExecutionStack();
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

    /// <summary>
    /// Whether <paramref name="element"/>, read as <paramref name="typeInfo"/>'s type, gives an object
    /// or array where a <c>JsonValue</c> is read. Its converter refuses one with an
    /// <see cref="InvalidOperationException"/>, not a <c>JsonException</c>; a generated registry
    /// answers that exception as the wrong type only when this finds such a place in the value
    /// (one a setter or constructor of the type throws stays an internal error), so no message is
    /// compared. Follows the context's own contract, as its metadata gives it (no reflection):
    /// the members each object has (names compared as its options say), collection items (an
    /// object's <c>$values</c> under <c>ReferenceHandler.Preserve</c>),
    /// dictionary values, a <c>Nullable&lt;T&gt;</c>'s value, and every type a polymorphic type may be
    /// read as (a collection or dictionary among them), whatever the discriminator (only asked once
    /// the read has thrown, so a place the read would not reach can at worst answer a type's own
    /// exception as the wrong type). A member
    /// with a converter of its own, and extension data, are the converter's and the context's to read.
    /// Used by generated code; not meant to be called directly.
    /// </summary>
    /// <param name="element">The value the context was given, at most as deep as the reader's <c>MaxDepth</c>.</param>
    /// <param name="typeInfo">The context's metadata of the type it was reading.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static bool HasObjectOrArrayForJsonValue(JsonElement element, JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return ForJsonValue(element, typeInfo.Type, typeInfo.Options);
    }

    private static bool ForJsonValue(JsonElement element, Type type, JsonSerializerOptions options) =>
        type == typeof(JsonValue)
            ? element.ValueKind is JsonValueKind.Object or JsonValueKind.Array
            : options.TryGetTypeInfo(type, out var info) && ForJsonValue(element, info);

    private static bool ForJsonValue(JsonElement element, JsonTypeInfo info)
    {
        // Called with a caller's own element too, which may be deeper than the binder's 64 levels.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array:
                return InItems(element, info);
            // Under ReferenceHandler.Preserve, and for a polymorphic collection, the items are the object's "$values".
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Object:
                return element.TryGetProperty("$values", out var values) && values.ValueKind == JsonValueKind.Array && InItems(values, info);
            case JsonTypeInfoKind.Dictionary when element.ValueKind == JsonValueKind.Object:
                return InValues(element, info, metadata: false);
            // A Nullable<T>'s metadata is an object's with the struct as its element type and no members.
            case JsonTypeInfoKind.Object when info.ElementType is { } inner:
                return ForJsonValue(element, inner, info.Options);
            case JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object:
                if (InMembers(element, info))
                {
                    return true;
                }

                // A derived type's own metadata is not looked through for further derived types: the
                // context reads only the declared type's discriminator. A derived collection comes as an
                // object too ({"$type":…,"$values":[…]}), a derived dictionary as its entries beside "$type".
                foreach (var derived in info.PolymorphismOptions?.DerivedTypes ?? [])
                {
                    if (info.Options.TryGetTypeInfo(derived.DerivedType, out var derivedInfo)
                        && derivedInfo.Kind switch
                        {
                            JsonTypeInfoKind.Object => InMembers(element, derivedInfo),
                            JsonTypeInfoKind.Dictionary => InValues(element, derivedInfo, metadata: true),
                            _ => ForJsonValue(element, derivedInfo),
                        })
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// A dictionary's values. Where the context reads metadata (a derived type's), a name starting
    /// with <c>$</c> is metadata or refused with a <c>JsonException</c>, never an entry: passed over,
    /// or a derived list's <c>$values</c> would be taken for one.
    /// </summary>
    private static bool InValues(JsonElement element, JsonTypeInfo info, bool metadata)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!(metadata && property.Name.StartsWith('$')) && ForJsonValue(property.Value, info.ElementType!, info.Options))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InItems(JsonElement array, JsonTypeInfo info)
    {
        foreach (var item in array.EnumerateArray())
        {
            if (ForJsonValue(item, info.ElementType!, info.Options))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InMembers(JsonElement element, JsonTypeInfo info)
    {
        var comparison = info.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var property in element.EnumerateObject())
        {
            foreach (var member in info.Properties)
            {
                if (!member.IsExtensionData && member.CustomConverter is null && string.Equals(member.Name, property.Name, comparison)
                    && ForJsonValue(property.Value, member.PropertyType, info.Options))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="json"/>, the UTF-8 text of one well-formed JSON value, is valid UTF-8
    /// whose <c>\u</c> escapes pair every surrogate. Well-formed JSON has backslashes only inside
    /// strings, each starting an escape, so a walk from backslash to backslash sees every escape.
    /// </summary>
    private static bool IsReadable(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            return false;
        }

        var awaitingLowSurrogate = false;
        var next = json.IndexOf((byte)'\\');
        while (next >= 0)
        {
            json = json[next..];
            // The element's bytes are well-formed JSON: each backslash starts a complete escape, and
            // only a "\u" escape can name a surrogate.
            if (json[1] != (byte)'u')
            {
                if (awaitingLowSurrogate)
                {
                    return false;
                }

                json = json[2..];
            }
            else
            {
                var unit = (char)int.Parse(json.Slice(2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                if (char.IsLowSurrogate(unit) != awaitingLowSurrogate)
                {
                    return false;
                }

                awaitingLowSurrogate = char.IsHighSurrogate(unit);
                json = json[6..];
            }

            next = json.IndexOf((byte)'\\');
            // A high surrogate's partner must be the very next escape, with no text between.
            if (awaitingLowSurrogate && next != 0)
            {
                return false;
            }
        }

        return true;
    }
}
