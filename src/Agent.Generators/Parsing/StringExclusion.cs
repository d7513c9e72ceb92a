using System.Linq;

namespace GuestAgent.Generators.Parsing;

/// <summary>Why a schema admits no string (GA0018): the value to report at, what it says, and what would let a string in.</summary>
/// <param name="At">The keyword value that shuts strings out.</param>
/// <param name="Reason">Why no string matches, as the message words it.</param>
/// <param name="Fix">What to change in the schema.</param>
internal sealed record StringExclusion(JsonOutline At, string Reason, string Fix)
{
    /// <summary>
    /// Why <paramref name="schema"/> certainly admits no string, or <c>null</c> when it may admit
    /// one. Only what is certain counts, so the warning is never wrong: a well-formed <c>type</c>
    /// without <c>"string"</c>, an <c>enum</c> without a string, a <c>const</c> that is no string,
    /// the schema <c>false</c>, an <c>allOf</c> member that admits none (every member must match),
    /// and an <c>anyOf</c> or <c>oneOf</c> none of whose branches admits one. Anything that only
    /// narrows which strings match (<c>pattern</c>, <c>$ref</c>, <c>not</c>, <c>if</c>) is not read;
    /// a malformed value is GA0019's and not read either.
    /// </summary>
    public static StringExclusion? Of(JsonOutline schema)
    {
        if (schema is { Kind: JsonOutlineKind.Boolean, Text: "false" })
        {
            return new StringExclusion(schema, "it holds the schema false, which no value matches", "remove it");
        }

        if (schema.Kind != JsonOutlineKind.Object)
        {
            return null;
        }

        foreach (var member in schema.Members)
        {
            if (Of(member.Name, member.Value) is { } exclusion)
            {
                return exclusion;
            }
        }

        return null;
    }

    private static StringExclusion? Of(string keyword, JsonOutline value)
    {
        switch (keyword)
        {
            case "type" when SchemaTypeNames.TryRead(value, out var names) && !names.Contains("string"):
                return new StringExclusion(value, $"its type is {Render(value)}", "add \"string\" to the type");
            case "enum" when value.Kind == JsonOutlineKind.Array && value.Items.All(i => i.Kind != JsonOutlineKind.String):
                return new StringExclusion(value, "its 'enum' lists no string", "add the strings meant to the 'enum'");
            case "const" when value.Kind != JsonOutlineKind.String:
                return new StringExclusion(value, "its 'const' is not a string", "make the 'const' a string");
            case "allOf" when value.Kind == JsonOutlineKind.Array:
                return value.Items.Select(item => (item, exclusion: Of(item))).FirstOrDefault(p => p.exclusion is not null) switch
                {
                    ({ Kind: JsonOutlineKind.Boolean } item, _) => new StringExclusion(item, "its 'allOf' holds the schema false, which no value matches", "remove that false"),
                    (_, { } member) => member with { Reason = "in an 'allOf' member, " + member.Reason },
                    _ => null,
                };
            case "anyOf" or "oneOf" when value.Kind == JsonOutlineKind.Array && value.Items.Count > 0 && value.Items.All(i => Of(i) is not null):
                return new StringExclusion(value, $"no branch of its '{keyword}' admits one", $"let a branch of '{keyword}' admit a string");
            default:
                return null;
        }
    }

    /// <summary>A well-formed <c>type</c> (a name or an array of names) as compact JSON, for the message.</summary>
    private static string Render(JsonOutline type) => type.Kind == JsonOutlineKind.String
        ? JsonText.String(type.Text!)
        : JsonText.Array(type.Items.Select(i => JsonText.String(i.Text!)));
}
