using System.Collections.Generic;
using System.Linq;
using GuestAgent.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The warnings about a stated request schema that is valid JSON Schema text but likely not what
/// its author meant: a member where a keyword belongs that is no 2020-12 keyword (GA0017), a
/// keyword value the 2020-12 meta-schemas do not allow (GA0019, <see cref="SchemaValueRules"/>),
/// and, for a value taken as a <c>string</c>, a schema that admits no string (GA0018,
/// <see cref="StringExclusion"/>). Each is reported at its characters inside the string literal.
/// Run by the analyzer only: the generator's model does not depend on them (the schema is
/// published as written either way).
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
        if (!CompactJson.TryReadOutline(text, out var root, out _, out _))
        {
            yield break;
        }

        var unknown = new List<(JsonOutlineMember Member, string Hint)>();
        var invalid = new List<SchemaValueProblem>();
        Walk(root, unknown, invalid);
        var locate = StatedSchema.Locator(attribute, text);
        foreach (var (member, hint) in unknown)
        {
            // An empty name has no characters of its own: its quotes stand for it.
            var location = member.NameLength > 0
                ? locate(member.NameStart, member.NameLength)
                : locate(member.NameStart - 1, 2);
            yield return Diagnostic.Create(Descriptors.UnknownSchemaKeyword, location ?? fallback, display, SchemaValueRules.Shown(member.Name), hint);
        }

        foreach (var problem in invalid)
        {
            yield return Diagnostic.Create(
                Descriptors.InvalidSchemaKeywordValue,
                locate(problem.At.Start, problem.At.Length) ?? fallback,
                display,
                problem.Keyword,
                problem.Problem);
        }

        if (stringParameter is not null && StringExclusion.Of(root) is { } exclusion)
        {
            yield return Diagnostic.Create(
                Descriptors.SchemaExcludesString,
                locate(exclusion.At.Start, exclusion.At.Length) ?? fallback,
                display,
                exclusion.Reason,
                stringParameter,
                exclusion.Fix);
        }
    }

    /// <summary>
    /// The members of <paramref name="schema"/> and of the schemas inside it that are no keyword,
    /// and the keyword values that are not allowed, in written order. The value of a member that is
    /// no keyword is not entered: 2020-12 takes it as an annotation, not a schema, so what it holds
    /// is data (fix the name, and the next build checks inside).
    /// </summary>
    private static void Walk(JsonOutline schema, List<(JsonOutlineMember, string)> unknown, List<SchemaValueProblem> invalid)
    {
        // A schema is an object or a boolean; a boolean has no keywords. An embedded resource (a
        // subschema with its own '$id') may declare another draft with its own '$schema' (2020-12
        // core §9.3): its keywords are that draft's, not 2020-12's, so they are not checked here.
        if (schema.Kind != JsonOutlineKind.Object || OfAnotherDraft(schema))
        {
            return;
        }

        foreach (var member in schema.Members)
        {
            if (member.Name.StartsWith(SchemaVocabulary.ExtensionPrefix, System.StringComparison.Ordinal))
            {
                continue;
            }

            if (SchemaVocabulary.IsKeyword(member.Name, out var value))
            {
                SchemaValueRules.Check(member.Name, value, member.Value, schema, invalid);
            }
            else
            {
                // An older draft's keyword says what its value holds, so the schemas in it are still checked.
                unknown.Add((member, SchemaVocabulary.Hint(member.Name, out value)));
            }

            switch (value)
            {
                case KeywordValue.Schema when member.Value.Kind == JsonOutlineKind.Array:
                    // Schemas listed where one belongs (an older draft's array form of 'items', say):
                    // GA0019 says so, and each is still a schema by its author's intent.
                case KeywordValue.SchemaArray:
                    foreach (var item in member.Value.Items)
                    {
                        Walk(item, unknown, invalid);
                    }

                    break;
                case KeywordValue.Schema:
                    Walk(member.Value, unknown, invalid);
                    break;
                case KeywordValue.SchemaMap:
                    // The member names here are property or definition names, data: only their values are schemas.
                    foreach (var entry in member.Value.Members)
                    {
                        Walk(entry.Value, unknown, invalid);
                    }

                    break;
            }
        }
    }

    /// <summary>Whether <paramref name="schema"/> names a draft other than 2020-12 in its <c>$schema</c> (only a subschema can: the root's is GA0015's).</summary>
    private static bool OfAnotherDraft(JsonOutline schema) =>
        schema.Members.Any(m => m.Name == "$schema" && m.Value.Kind == JsonOutlineKind.String && !StatedSchema.IsDialect(m.Value.Text!));
}
