using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Linq;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The seven type names of JSON Schema (<c>type</c>'s values) and what GA0019 says of a
/// <c>type</c> that is not one of them or an array of them: the name likely meant, for a
/// misspelling, a miscapitalisation or another language's name for the type.
/// </summary>
internal static class SchemaTypeNames
{
    /// <summary>The names, in ordinal order (the order the meta-schema lists them in).</summary>
    public static readonly ImmutableArray<string> All = ["array", "boolean", "integer", "null", "number", "object", "string"];

    /// <summary>What other languages and formats call the types; too far from the names to be found as misspellings.</summary>
    private static readonly ReadOnlyDictionary<string, string> OtherNames = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["int"] = "integer",
        ["long"] = "integer",
        ["float"] = "number",
        ["double"] = "number",
        ["decimal"] = "number",
        ["bool"] = "boolean",
        ["str"] = "string",
        ["dict"] = "object",
        ["map"] = "object",
        ["list"] = "array",
    });

    public static bool IsTypeName(string name) => All.IndexOf(name) >= 0;

    /// <summary>
    /// Whether <paramref name="type"/> is a well-formed <c>type</c> (a name, or a non-empty array
    /// of names, each once); <paramref name="names"/> are its names when it is.
    /// </summary>
    public static bool TryRead(JsonOutline type, out IReadOnlyList<string> names)
    {
        names = type.Kind switch
        {
            JsonOutlineKind.String when IsTypeName(type.Text!) => [type.Text!],
            JsonOutlineKind.Array when type.Items.Count > 0
                && type.Items.All(i => i.Kind == JsonOutlineKind.String && IsTypeName(i.Text!))
                && type.Items.Select(i => i.Text).Distinct(StringComparer.Ordinal).Count() == type.Items.Count
                => type.Items.Select(i => i.Text!).ToList(),
            _ => [],
        };
        return names.Count > 0;
    }

    /// <summary>The problems of a <c>type</c>'s value (GA0019), each at its value or at the item at fault.</summary>
    public static void Check(JsonOutline type, Action<JsonOutline, string> add)
    {
        switch (type.Kind)
        {
            case JsonOutlineKind.String:
                CheckName(type, add);
                break;
            case JsonOutlineKind.Array when type.Items.Count == 0:
                add(type, "it must name at least one type; an empty array allows no value at all");
                break;
            case JsonOutlineKind.Array:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in type.Items)
                {
                    if (item.Kind != JsonOutlineKind.String)
                    {
                        add(item, $"each item must be a type name (a string), not {SchemaValueRules.Describe(item)}");
                    }
                    else if (!IsTypeName(item.Text!))
                    {
                        CheckName(item, add);
                    }
                    else if (!seen.Add(item.Text!))
                    {
                        add(item, $"\"{SchemaValueRules.Shown(item.Text!)}\" is named twice; the names must be unique");
                    }
                }

                break;
            default:
                add(type, $"it must be a type name or an array of them, not {SchemaValueRules.Describe(type)}; the names are {Listed()}");
                break;
        }
    }

    /// <summary>
    /// The type name nearest <paramref name="name"/>: another language's name for it, or the name
    /// at most two edits away in any case (so <c>"String"</c> and <c>"OBJECT"</c> are found).
    /// </summary>
    public static string? Closest(string name)
    {
        if (OtherNames.TryGetValue(name, out var other))
        {
            return other;
        }

        return SchemaVocabulary.Closest(name.ToLowerInvariant(), All);
    }

    private static void CheckName(JsonOutline name, Action<JsonOutline, string> add)
    {
        if (IsTypeName(name.Text!))
        {
            return;
        }

        var closest = Closest(name.Text!);
        add(name, closest is null
            ? $"\"{SchemaValueRules.Shown(name.Text!)}\" is not a JSON Schema type; the names are {Listed()}"
            : $"\"{SchemaValueRules.Shown(name.Text!)}\" is not a JSON Schema type: did you mean \"{closest}\"?");
    }

    private static string Listed() => string.Join(", ", All.Take(All.Length - 1).Select(t => $"\"{t}\"")) + $" and \"{All[All.Length - 1]}\"";
}
