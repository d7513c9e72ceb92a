using System.Collections.Generic;
using System.Linq;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The warnings about a stated request schema that is valid JSON Schema text but likely not what
/// its author meant: a member where a keyword belongs that is no 2020-12 keyword (GA0017), and, for
/// a value taken as a <c>string</c>, a top-level <c>type</c> that admits no string (GA0018). Each is
/// reported at its characters inside the string literal. Run by the analyzer only: the generator's
/// model does not depend on them (the schema is published as written either way).
/// </summary>
internal static class StatedSchemaChecks
{
    /// <summary>The warnings about <paramref name="text"/>, a schema <see cref="StatedSchema.TryRead"/> accepted.</summary>
    /// <param name="attribute">The <c>[Command]</c> attribute that states the schema.</param>
    /// <param name="text">The stated schema.</param>
    /// <param name="display">The command method, as messages name it.</param>
    /// <param name="stringParameter">The name of the <c>string</c> parameter that takes the value; <c>null</c> for a <c>JsonElement</c>, which takes any JSON value.</param>
    /// <param name="fallback">Where to report when the attribute has no syntax here.</param>
    public static IEnumerable<Diagnostic> Diagnose(AttributeData attribute, string text, string display, string? stringParameter, Location fallback)
    {
        if (JsonOutline.Read(text) is not { Kind: JsonOutlineKind.Object } root)
        {
            yield break;
        }

        var unknown = new List<(JsonOutlineMember Member, string Hint)>();
        FindUnknownKeywords(root, unknown);
        foreach (var (member, hint) in unknown)
        {
            // An empty name has no characters of its own: its quotes stand for it.
            var location = member.NameLength > 0
                ? StatedSchema.Location(attribute, text, member.NameStart, member.NameLength)
                : StatedSchema.Location(attribute, text, member.NameStart - 1, 2);
            yield return Diagnostic.Create(Descriptors.UnknownSchemaKeyword, location ?? fallback, display, member.Name, hint);
        }

        if (stringParameter is not null && TypeWithoutString(root) is { } type)
        {
            yield return Diagnostic.Create(
                Descriptors.SchemaTypeExcludesString,
                StatedSchema.Location(attribute, text, type.Start, type.Length) ?? fallback,
                display,
                Render(type),
                stringParameter);
        }
    }

    /// <summary>The members of <paramref name="schema"/> and of the schemas inside it that are no keyword, in written order.</summary>
    private static void FindUnknownKeywords(JsonOutline schema, List<(JsonOutlineMember, string)> unknown)
    {
        // A schema is an object or a boolean; a boolean has no keywords.
        if (schema.Kind != JsonOutlineKind.Object)
        {
            return;
        }

        foreach (var member in schema.Members)
        {
            if (member.Name.StartsWith(SchemaVocabulary.ExtensionPrefix, System.StringComparison.Ordinal))
            {
                continue;
            }

            if (!SchemaVocabulary.IsKeyword(member.Name, out var value))
            {
                unknown.Add((member, SchemaVocabulary.Hint(member.Name, out value)));
            }

            switch (value)
            {
                case KeywordValue.Schema:
                    FindUnknownKeywords(member.Value, unknown);
                    break;
                case KeywordValue.SchemaArray:
                    foreach (var item in member.Value.Items)
                    {
                        FindUnknownKeywords(item, unknown);
                    }

                    break;
                case KeywordValue.SchemaMap:
                    // The member names here are property or definition names, data: only their values are schemas.
                    foreach (var entry in member.Value.Members)
                    {
                        FindUnknownKeywords(entry.Value, unknown);
                    }

                    break;
            }
        }
    }

    /// <summary>The top-level <c>type</c> when it is well formed and names no <c>"string"</c>; otherwise <c>null</c>.</summary>
    private static JsonOutline? TypeWithoutString(JsonOutline root)
    {
        var type = root.Members.FirstOrDefault(m => m.Name == "type")?.Value;
        return type?.Kind switch
        {
            JsonOutlineKind.String when type.Text != "string" => type,
            JsonOutlineKind.Array when type.Items.All(i => i.Kind == JsonOutlineKind.String && i.Text != "string") => type,
            _ => null,
        };
    }

    /// <summary>A <c>type</c> (a string or an array of strings) as compact JSON, for the message.</summary>
    private static string Render(JsonOutline type) => type.Kind == JsonOutlineKind.String
        ? JsonText.String(type.Text!)
        : JsonText.Array(type.Items.Select(i => JsonText.String(i.Text!)));
}
