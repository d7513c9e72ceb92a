using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// What a keyword's value must be, after the draft 2020-12 meta-schemas: the walk that finds the
/// keywords of a schema descends into the schemas (GA0017), and the rest is checked (GA0019).
/// </summary>
internal enum KeywordValue
{
    /// <summary>Any JSON value (<c>const</c>, <c>default</c>), or a keyword whose value is not checked.</summary>
    Any,

    /// <summary>One schema: an object or a boolean (<c>items</c>, <c>not</c>, <c>if</c>, ...).</summary>
    Schema,

    /// <summary>A non-empty array of schemas (<c>allOf</c>, <c>prefixItems</c>, ...).</summary>
    SchemaArray,

    /// <summary>An object whose member names are data (property names, definition names) and whose values are schemas (<c>properties</c>, <c>$defs</c>, ...).</summary>
    SchemaMap,

    /// <summary>A string (<c>pattern</c>, <c>$ref</c>, <c>description</c>, ...).</summary>
    String,

    /// <summary>A plain name for <c>$anchor</c> and <c>$dynamicAnchor</c>: a letter or '_', then letters, digits, '-', '.' or '_'.</summary>
    Anchor,

    /// <summary><c>true</c> or <c>false</c> (<c>uniqueItems</c>, <c>readOnly</c>, ...).</summary>
    Boolean,

    /// <summary>A number (<c>minimum</c>, <c>exclusiveMaximum</c>, ...).</summary>
    Number,

    /// <summary>A number greater than 0 (<c>multipleOf</c>).</summary>
    PositiveNumber,

    /// <summary>An integer of at least 0, written as any number with no fraction (<c>minLength</c>, <c>maxItems</c>, ...).</summary>
    NonNegativeInteger,

    /// <summary>One of the seven type names, or a non-empty array of them, each once (<c>type</c>).</summary>
    Type,

    /// <summary>An array of strings, each once (<c>required</c>).</summary>
    UniqueStrings,

    /// <summary>An object whose values are arrays of strings, each once (<c>dependentRequired</c>).</summary>
    UniqueStringsMap,

    /// <summary>An array of any values (<c>enum</c>, <c>examples</c>).</summary>
    Array,

    /// <summary>An object whose values are booleans (<c>$vocabulary</c>).</summary>
    BooleanMap,
}

/// <summary>
/// The keywords of JSON Schema draft 2020-12: those of its core, applicator, unevaluated,
/// validation, meta-data, format-annotation and content vocabularies, the ones the descriptors'
/// <c>$schema</c> names. A validator ignores any other member of a schema object (it is at most an
/// annotation), so a misspelt keyword constrains nothing without a word: GA0017 says so.
/// </summary>
internal static class SchemaVocabulary
{
    /// <summary>The prefix that marks an annotation of the author's own, which is not reported.</summary>
    public const string ExtensionPrefix = "x-";

    private const int MaxSuggestionDistance = 2;

    private const string OlderDraft = "it is an older draft's; 2020-12 has ";

    private static readonly ReadOnlyDictionary<string, KeywordValue> Keywords = new(new Dictionary<string, KeywordValue>(StringComparer.Ordinal)
    {
        // Core
        ["$schema"] = KeywordValue.String,
        ["$id"] = KeywordValue.String,
        ["$ref"] = KeywordValue.String,
        ["$anchor"] = KeywordValue.Anchor,
        ["$dynamicRef"] = KeywordValue.String,
        ["$dynamicAnchor"] = KeywordValue.Anchor,
        ["$vocabulary"] = KeywordValue.BooleanMap,
        ["$comment"] = KeywordValue.String,
        ["$defs"] = KeywordValue.SchemaMap,

        // Applicator
        ["prefixItems"] = KeywordValue.SchemaArray,
        ["items"] = KeywordValue.Schema,
        ["contains"] = KeywordValue.Schema,
        ["additionalProperties"] = KeywordValue.Schema,
        ["properties"] = KeywordValue.SchemaMap,
        ["patternProperties"] = KeywordValue.SchemaMap,
        ["dependentSchemas"] = KeywordValue.SchemaMap,
        ["propertyNames"] = KeywordValue.Schema,
        ["if"] = KeywordValue.Schema,
        ["then"] = KeywordValue.Schema,
        ["else"] = KeywordValue.Schema,
        ["allOf"] = KeywordValue.SchemaArray,
        ["anyOf"] = KeywordValue.SchemaArray,
        ["oneOf"] = KeywordValue.SchemaArray,
        ["not"] = KeywordValue.Schema,

        // Unevaluated
        ["unevaluatedItems"] = KeywordValue.Schema,
        ["unevaluatedProperties"] = KeywordValue.Schema,

        // Validation
        ["type"] = KeywordValue.Type,
        ["const"] = KeywordValue.Any,
        ["enum"] = KeywordValue.Array,
        ["multipleOf"] = KeywordValue.PositiveNumber,
        ["maximum"] = KeywordValue.Number,
        ["exclusiveMaximum"] = KeywordValue.Number,
        ["minimum"] = KeywordValue.Number,
        ["exclusiveMinimum"] = KeywordValue.Number,
        ["maxLength"] = KeywordValue.NonNegativeInteger,
        ["minLength"] = KeywordValue.NonNegativeInteger,
        ["pattern"] = KeywordValue.String,
        ["maxItems"] = KeywordValue.NonNegativeInteger,
        ["minItems"] = KeywordValue.NonNegativeInteger,
        ["uniqueItems"] = KeywordValue.Boolean,
        ["maxContains"] = KeywordValue.NonNegativeInteger,
        ["minContains"] = KeywordValue.NonNegativeInteger,
        ["maxProperties"] = KeywordValue.NonNegativeInteger,
        ["minProperties"] = KeywordValue.NonNegativeInteger,
        ["required"] = KeywordValue.UniqueStrings,
        ["dependentRequired"] = KeywordValue.UniqueStringsMap,

        // Meta-data
        ["title"] = KeywordValue.String,
        ["description"] = KeywordValue.String,
        ["default"] = KeywordValue.Any,
        ["deprecated"] = KeywordValue.Boolean,
        ["readOnly"] = KeywordValue.Boolean,
        ["writeOnly"] = KeywordValue.Boolean,
        ["examples"] = KeywordValue.Array,

        // Format annotation
        ["format"] = KeywordValue.String,

        // Content
        ["contentEncoding"] = KeywordValue.String,
        ["contentMediaType"] = KeywordValue.String,
        ["contentSchema"] = KeywordValue.Schema,
    });

    /// <summary>
    /// Keywords of earlier drafts that 2020-12 renamed or replaced, and OpenAPI's <c>nullable</c>:
    /// what to write instead is named in the warning, since the closest spelling would mislead
    /// (<c>id</c> is one letter from <c>if</c>).
    /// </summary>
    private static readonly ReadOnlyDictionary<string, (string Hint, KeywordValue Value)> Replaced = new(new Dictionary<string, (string Hint, KeywordValue Value)>(StringComparer.Ordinal)
    {
        ["definitions"] = (OlderDraft + "'$defs' (a '$ref' into it still resolves: rename it and the references together)", KeywordValue.SchemaMap),
        ["dependencies"] = (OlderDraft + "'dependentRequired' (for a list of names) or 'dependentSchemas' (for a schema)", KeywordValue.SchemaMap),
        ["additionalItems"] = (OlderDraft + "'items' (beside 'prefixItems')", KeywordValue.Schema),
        ["id"] = (OlderDraft + "'$id'", KeywordValue.Any),
        ["$recursiveRef"] = (OlderDraft + "'$dynamicRef'", KeywordValue.Any),
        ["$recursiveAnchor"] = (OlderDraft + "'$dynamicAnchor'", KeywordValue.Any),
        ["nullable"] = ("it is OpenAPI's; in JSON Schema, add \"null\" to the 'type' (\"type\": [\"string\", \"null\"])", KeywordValue.Any),
    });

    /// <summary>Whether <paramref name="name"/> is a 2020-12 keyword, and what its value holds.</summary>
    public static bool IsKeyword(string name, out KeywordValue value) => Keywords.TryGetValue(name, out value);

    /// <summary>
    /// For a member that is no keyword: what to say about it (a keyword it is likely meant to be,
    /// the 2020-12 name of an older draft's keyword, or OpenAPI's way put the JSON Schema way), and what its value holds if it is one of
    /// those older keywords (so the schemas inside are still checked).
    /// </summary>
    public static string Hint(string name, out KeywordValue value)
    {
        if (Replaced.TryGetValue(name, out var replaced))
        {
            value = replaced.Value;
            return replaced.Hint;
        }

        value = KeywordValue.Any;
        return Closest(name) is { } keyword
            ? $"did you mean '{keyword}'?"
            : $"to keep an annotation of your own, start its name with '{ExtensionPrefix}'";
    }

    /// <summary>
    /// The keyword nearest <paramref name="name"/> when it is at most two edits away (a letter
    /// added, dropped, changed, or two neighbours swapped) and at most a third of the name's length
    /// (but always one edit), so that a short word is not taken for an unrelated short keyword. Ties go to the
    /// keyword first in ordinal order, so the message is the same on every build.
    /// </summary>
    public static string? Closest(string name) => Closest(name, Keywords.Keys);

    /// <summary>The one of <paramref name="candidates"/> nearest <paramref name="name"/>, by the rule <see cref="Closest(string)"/> states.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        var allowed = Math.Min(MaxSuggestionDistance, Math.Max(1, name.Length / 3));
        return candidates
            .Select(keyword => (keyword, distance: Distance(name, keyword)))
            .Where(c => c.distance <= allowed)
            .OrderBy(c => c.distance)
            .ThenBy(c => c.keyword, StringComparer.Ordinal)
            .Select(c => c.keyword)
            .FirstOrDefault();
    }

    /// <summary>
    /// The edit distance between two names, counting a swap of two neighbouring letters as one
    /// edit (the optimal string alignment distance): "minLenght" is one edit from "minLength".
    /// </summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
