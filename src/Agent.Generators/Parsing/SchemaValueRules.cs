using System.Collections.Generic;
using System.Linq;

namespace GuestAgent.Generators.Parsing;

/// <summary>A keyword value that draft 2020-12's meta-schemas do not allow: where it is (the value itself or the part of it at fault), whose it is, and what is wrong.</summary>
/// <param name="At">The value, or the item or member value inside it, to report at.</param>
/// <param name="Keyword">The keyword whose value it is.</param>
/// <param name="Problem">What is wrong, and what to write instead when that is clear.</param>
internal sealed record SchemaValueProblem(JsonOutline At, string Keyword, string Problem);

/// <summary>
/// The values draft 2020-12's meta-schemas allow each keyword (GA0019): a schema where one is
/// expected (an object, or <c>true</c> or <c>false</c>), a type name among the seven, a
/// non-negative integer for the length and count bounds, an array of unique strings for
/// <c>required</c>, and so on. A schema whose keywords break them is not a valid schema: a
/// validator may refuse it whole, or read the keyword as something other than what was meant.
/// Only the shape is checked, not what a string says (a <c>pattern</c>'s syntax, a <c>$ref</c>'s
/// target), which differs between regex engines and documents.
/// </summary>
internal static class SchemaValueRules
{
    private const string ASchema = "a schema (an object, or true or false)";
    private const string ANonNegativeInteger = "a non-negative integer (0, 1, 2, …)";
    private const string NoQuotes = ": write it without the quotes";

    /// <summary>The most characters of the author's text (a name, a number) a message quotes: enough to recognise it, short enough to read in a tooltip.</summary>
    private const int MaxShown = 64;

    /// <summary>The problems of <paramref name="value"/>, the value of <paramref name="keyword"/> in <paramref name="schema"/>, which must be <paramref name="rule"/>.</summary>
    public static void Check(string keyword, KeywordValue rule, JsonOutline value, JsonOutline schema, List<SchemaValueProblem> problems)
    {
        void Add(JsonOutline at, string problem) => problems.Add(new SchemaValueProblem(at, keyword, problem));

        switch (rule)
        {
            case KeywordValue.Schema when !IsSchema(value):
                Add(value, $"it must be {ASchema}, not {Describe(value)}{SchemaHint(value, keyword)}");
                break;
            case KeywordValue.SchemaArray when value.Kind != JsonOutlineKind.Array || value.Items.Count == 0:
                Add(value, $"it must be a non-empty array of schemas, not {Describe(value)}");
                break;
            case KeywordValue.SchemaArray:
                foreach (var item in value.Items.Where(i => !IsSchema(i)))
                {
                    Add(item, $"each item must be {ASchema}, not {Describe(item)}{SchemaHint(item, null)}");
                }

                break;
            case KeywordValue.SchemaMap:
                CheckMap(value, "schemas", m => IsSchema(m.Value) ? null : $"the value of '{Shown(m.Name)}' must be {ASchema}, not {Describe(m.Value)}{SchemaHint(m.Value, null)}", Add);
                break;
            case KeywordValue.String when value.Kind != JsonOutlineKind.String:
                Add(value, $"it must be a string, not {Describe(value)}");
                break;
            case KeywordValue.Anchor:
                CheckAnchor(value, Add);
                break;
            case KeywordValue.Boolean when value.Kind != JsonOutlineKind.Boolean:
                Add(value, $"it must be true or false, not {Describe(value)}{(value is { Kind: JsonOutlineKind.String, Text: "true" or "false" } ? NoQuotes : string.Empty)}");
                break;
            case KeywordValue.Number:
                CheckNumber(keyword, value, schema, Add);
                break;
            case KeywordValue.PositiveNumber when value.Kind != JsonOutlineKind.Number || !JsonNumber.IsPositive(value.Text!):
                Add(value, $"it must be a number greater than 0, not {Describe(value)}{QuotedNumberHint(value, JsonNumber.IsPositive)}");
                break;
            case KeywordValue.NonNegativeInteger when value.Kind != JsonOutlineKind.Number || !JsonNumber.IsNonNegativeInteger(value.Text!):
                Add(value, $"it must be {ANonNegativeInteger}, not {Describe(value)}{QuotedNumberHint(value, JsonNumber.IsNonNegativeInteger)}");
                break;
            case KeywordValue.Type:
                SchemaTypeNames.Check(value, Add);
                break;
            case KeywordValue.UniqueStrings:
                CheckUniqueStrings(value, null, Add);
                break;
            case KeywordValue.UniqueStringsMap:
                CheckMap(value, "arrays of property names", m =>
                {
                    CheckUniqueStrings(m.Value, Shown(m.Name), Add);
                    return null;
                }, Add);
                break;
            case KeywordValue.Array when value.Kind != JsonOutlineKind.Array:
                Add(value, keyword == "enum"
                    ? $"it must be an array of the values allowed (for a single value, 'const' takes it as is), not {Describe(value)}"
                    : $"it must be an array, not {Describe(value)}");
                break;
            case KeywordValue.BooleanMap:
                CheckMap(value, "true or false", m => m.Value.Kind == JsonOutlineKind.Boolean ? null : $"the value of '{Shown(m.Name)}' must be true or false, not {Describe(m.Value)}", Add);
                break;
        }
    }

    /// <summary>An object or a boolean: what 2020-12 takes as a schema.</summary>
    public static bool IsSchema(JsonOutline value) => value.Kind is JsonOutlineKind.Object or JsonOutlineKind.Boolean;

    /// <summary>A value as a message names it: its kind, or a number, boolean or <c>null</c> as written.</summary>
    public static string Describe(JsonOutline value) => value.Kind switch
    {
        JsonOutlineKind.Object => "an object",
        JsonOutlineKind.Array => value.Items.Count == 0 ? "an empty array" : "an array",
        JsonOutlineKind.String => "a string",
        _ => Shown(value.Text!),
    };

    /// <summary>
    /// The author's <paramref name="text"/> as a message quotes it: whole, or its first
    /// <see cref="MaxShown"/> characters and an ellipsis (a schema may hold a name or a number
    /// thousands of characters long, which would bury the message), each character a reader would not
    /// see as itself (a control or format character, a quote, <c>%</c>…) as its UTF-8 bytes' <c>%XX</c>,
    /// as the agent's own messages show text (<see cref="MessageText"/>).
    /// </summary>
    public static string Shown(string text)
    {
        if (text.Length <= MaxShown)
        {
            return MessageText.Escaped(text);
        }

        // Not half a surrogate pair.
        var length = char.IsHighSurrogate(text[MaxShown - 1]) ? MaxShown - 1 : MaxShown;
        return MessageText.Escaped(text.Substring(0, length)) + "…";
    }

    /// <summary>What was likely meant by a value where a schema belongs: a type name alone, or an array of schemas.</summary>
    private static string SchemaHint(JsonOutline value, string? keyword)
    {
        if (value.Kind == JsonOutlineKind.String && SchemaTypeNames.IsTypeName(value.Text!))
        {
            return $": write {{\"type\": {JsonText.String(value.Text!)}}}";
        }

        return value.Kind == JsonOutlineKind.Array && keyword == "items"
            ? " (an array of schemas, one per position, is an older draft's 'items'; 2020-12 has 'prefixItems' for it)"
            : string.Empty;
    }

    private static void CheckNumber(string keyword, JsonOutline value, JsonOutline schema, System.Action<JsonOutline, string> add)
    {
        if (value.Kind == JsonOutlineKind.Number)
        {
            return;
        }

        var hint = value.Kind == JsonOutlineKind.Boolean && keyword.StartsWith("exclusive", System.StringComparison.Ordinal)
            ? DraftFourExclusiveHint(keyword, value.Text == "true", schema)
            : QuotedNumberHint(value, _ => true);
        add(value, $"it must be a number, not {Describe(value)}{hint}");
    }

    /// <summary>
    /// Draft 4's boolean <c>exclusiveMaximum</c>/<c>exclusiveMinimum</c> said whether the sibling
    /// bound was exclusive; 2020-12's takes the bound itself. So <c>false</c> (inclusive, the
    /// default) is deleted, and <c>true</c> becomes the bound, in place of the sibling.
    /// </summary>
    private static string DraftFourExclusiveHint(string keyword, bool exclusive, JsonOutline schema)
    {
        if (!exclusive)
        {
            return " (a boolean here is draft 4's form, and false, an inclusive bound, is the default: delete it)";
        }

        var bound = keyword.Substring("exclusive".Length).ToLowerInvariant();
        var sibling = schema.Members.FirstOrDefault(m => m.Name == bound)?.Value;
        var value = sibling is { Kind: JsonOutlineKind.Number } ? Shown(sibling.Text!) : "N";
        return $" (a boolean here is draft 4's form; 2020-12 takes the bound itself: write \"{keyword}\": {value} in place of \"{bound}\": {value})";
    }

    /// <summary>For a string that holds a number that would do: say to drop the quotes.</summary>
    private static string QuotedNumberHint(JsonOutline value, System.Func<string, bool> fits) =>
        value.Kind == JsonOutlineKind.String && JsonNumber.IsNumber(value.Text!) && fits(value.Text!) ? NoQuotes : string.Empty;

    private static void CheckAnchor(JsonOutline value, System.Action<JsonOutline, string> add)
    {
        if (value.Kind != JsonOutlineKind.String)
        {
            add(value, $"it must be a string, not {Describe(value)}");
            return;
        }

        var name = value.Text!;
        var valid = name.Length > 0
            && (IsAsciiLetter(name[0]) || name[0] == '_')
            && name.Skip(1).All(c => IsAsciiLetter(c) || c is (>= '0' and <= '9') or '-' or '.' or '_');
        if (!valid)
        {
            add(value, "it must be a plain name: a letter or '_', then letters, digits, '-', '.' or '_' (no '#': a '$ref' adds it, \"#name\")");
        }
    }

    private static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    /// <summary>An array of property names, each once; <paramref name="owner"/> names the member it is the value of, in a map.</summary>
    private static void CheckUniqueStrings(JsonOutline value, string? owner, System.Action<JsonOutline, string> add)
    {
        var subject = owner is null ? "it" : $"the value of '{owner}'";
        var of = owner is null ? string.Empty : $" of the value of '{owner}'";
        var within = owner is null ? string.Empty : $" in the value of '{owner}'";
        if (value.Kind != JsonOutlineKind.Array)
        {
            var hint = value switch
            {
                { Kind: JsonOutlineKind.String } => $": write [{JsonText.String(value.Text!)}]",
                { Kind: JsonOutlineKind.Boolean } when owner is null => DraftThreeRequiredHint(value.Text == "true"),
                _ => string.Empty,
            };
            add(value, $"{subject} must be an array of property names, not {Describe(value)}{hint}");
            return;
        }

        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var item in value.Items)
        {
            if (item.Kind != JsonOutlineKind.String)
            {
                add(item, $"each item{of} must be a property name (a string), not {Describe(item)}");
            }
            else if (!seen.Add(item.Text!))
            {
                add(item, $"'{Shown(item.Text!)}' is listed twice{within}; the names must be unique");
            }
        }
    }

    /// <summary>Draft 3 marked a property required with <c>"required": true</c> in its own schema; 2020-12 lists its name in the object's.</summary>
    private static string DraftThreeRequiredHint(bool required) => required
        ? " (a boolean here is draft 3's form: list the property's name in the 'required' array of the object schema that holds it, \"required\": [\"name\"], and delete this one)"
        : " (a boolean here is draft 3's form, and false is the default: delete it)";

    /// <summary>An object whose member values each pass <paramref name="member"/> (which returns the problem of one, or <c>null</c>).</summary>
    private static void CheckMap(JsonOutline value, string values, System.Func<JsonOutlineMember, string?> member, System.Action<JsonOutline, string> add)
    {
        if (value.Kind != JsonOutlineKind.Object)
        {
            add(value, $"it must be an object whose values are {values}, not {Describe(value)}");
            return;
        }

        foreach (var m in value.Members)
        {
            if (member(m) is { } problem)
            {
                add(m.Value, problem);
            }
        }
    }
}
