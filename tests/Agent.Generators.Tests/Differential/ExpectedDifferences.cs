using System.Globalization;
using System.Text.Json;

namespace GuestAgent.Generators.Tests.Differential;

/// <summary>One deliberate difference from System.Text.Json, with where docs/authoring-commands.md states it.</summary>
/// <param name="Name">Short name, for the test's summary.</param>
/// <param name="Reason">Why the binder differs, and where it is documented.</param>
/// <param name="Commands">The commands it applies to; each must still show it (a form that lost it, <c>T?</c> say, lost a rule).</param>
/// <param name="Condition">Whether a disagreement of one of those commands is this difference.</param>
internal sealed record ExpectedDifference(string Name, string Reason, string[] Commands, Func<Disagreement, bool> Condition)
{
    /// <summary>Whether a disagreement is this difference (checked in list order; the first match wins).</summary>
    public bool Matches(Disagreement disagreement) => Commands.Contains(disagreement.Command) && Condition(disagreement);
}

/// <summary>
/// Every way the generated binder deliberately reads a value differently from System.Text.Json
/// (with the context options it mirrors and a string enum converter). A disagreement none of
/// these explains fails the test, and so does a difference that no value shows any more for one
/// of its commands.
/// </summary>
internal static class ExpectedDifferences
{
    private static readonly string[] ColorNames = ["Red", "Green", "Blue"];
    private static readonly string[] PermNames = ["None", "Read", "Write", "Exec"];
    private static readonly string[] SignedNames = ["None", "A", "B", "All"];
    private static readonly string[] BitsNames = ["None", "A", "B"];

    public static readonly ExpectedDifference[] All =
    [
        new("infinity", "A number beyond float's or double's range is refused; System.Text.Json reads it as infinity, which no command expects and which has no JSON form to answer with (type table: 'never read as infinity').",
            Forms("float", "double"),
            d => StjOnly(d) && d.Stj.Text.Contains("Infinity", StringComparison.Ordinal)),
        new("unreadable element", "A JsonElement or JsonNode holding a string that escapes an unpaired surrogate is refused: the command could not read it, GetString throws (Binding errors: 'anywhere inside a JsonElement value taken whole' and 'a JsonElement or JsonNode property').",
            [.. Forms("element"), "raw.e", "raw.ed", "node", "node.n"],
            d => StjOnly(d) && HasUnpairedSurrogate(d.Value)),
        new("empty string is missing", "A single string or JsonElement parameter with a default takes it for \"\": the legacy protocol sends a missing value as \"\" (Binding the request value).",
            ["raw.d", "raw.ed"],
            d => d.Value == "\"\"" && d.Stj.Accepted && d.Ours.Accepted),
        new("enum number", "An enum is read from a JSON number only when it is [Flags] and the number sets only members' bits; System.Text.Json's string enum converter takes any number (type table: enums 'not 0', [Flags] 'a number that fits the underlying type and sets only members' bits').",
            Forms("color", "perm", "bits"),
            d => StjOnly(d) && d.Value.Length > 0 && (char.IsAsciiDigit(d.Value[0]) || d.Value[0] == '-') && (d.Type == "color" || OutsideMembers(d))),
        new("enum number as string", "A number in a string (\"1\") is never an enum value; System.Text.Json's string enum converter reads one (type table: enums).",
            Forms("color", "perm", "signed", "bits"),
            d => StjOnly(d) && StringValue(d.Value) is { } s && long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)),
        new("enum white space", "An enum name is matched exactly, white space included (only a [Flags] list's parts are trimmed); System.Text.Json trims it (type table: enums).",
            Forms("color"),
            d => StjOnly(d) && StringValue(d.Value) is { } s && s.Trim() != s && ColorNames.Contains(s.Trim(), StringComparer.OrdinalIgnoreCase)),
        new("enum list", "Only a [Flags] enum takes names separated by commas; System.Text.Json combines a list for any enum (type table: enums).",
            Forms("color"),
            d => StjOnly(d) && StringValue(d.Value) is { } s && s.Contains(',', StringComparison.Ordinal)),
        new("enum empty name", "A [Flags] list with an empty part (\"Read,\") is refused: an empty name is no member; System.Text.Json skips it (type table: [Flags] enums).",
            Forms("perm", "signed", "bits"),
            d => StjOnly(d) && StringValue(d.Value) is { } s && s.Split(',').Any(p => p.Trim().Length == 0)),
        new("enum case", "Enum names are matched with their exact case, as every name the binder matches; System.Text.Json's string enum converter ignores case (type table: enums, [Flags] enums).",
            Forms("color", "perm", "signed", "bits"),
            d => StjOnly(d) && StringValue(d.Value) is { } s && s.Split(',').All(p => NamesOf(d.Type).Contains(p.Trim(), StringComparer.OrdinalIgnoreCase))
                && !s.Split(',').All(p => NamesOf(d.Type).Contains(p.Trim(), StringComparer.Ordinal))),
    ];

    /// <summary>The commands of the types' every form: <c>T</c>, <c>T?</c> and <c>T</c> with a default.</summary>
    private static string[] Forms(params string[] types) => [.. types.SelectMany(t => new[] { t, t + ".n", t + ".d" })];

    private static bool StjOnly(Disagreement d) => d.Stj.Accepted && !d.Ours.Accepted && !d.Ours.Crashed;

    private static string[] NamesOf(string type) => type switch
    {
        "color" => ColorNames,
        "perm" => PermNames,
        "bits" => BitsNames,
        _ => SignedNames,
    };

    /// <summary>Whether the number System.Text.Json read (its canonical text ends <c>=n</c>) sets a bit no member of the [Flags] enum has.</summary>
    private static bool OutsideMembers(Disagreement d)
    {
        var number = long.Parse(d.Stj.Text[(d.Stj.Text.LastIndexOf('=') + 1)..], CultureInfo.InvariantCulture);
        return d.Type switch
        {
            "perm" => (number & ~7L) != 0,
            "bits" => (number & ~3L) != 0,
            _ => false, // Signed's All = -1 holds every bit.
        };
    }

    /// <summary>The text of a JSON string value, or null when it is no string or cannot be read.</summary>
    private static string? StringValue(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Whether the JSON text escapes a UTF-16 surrogate that no escape next to it pairs.</summary>
    internal static bool HasUnpairedSurrogate(string json)
    {
        var units = new List<(int Index, int Unit)>();
        for (var i = 0; i < json.Length - 1; i++)
        {
            if (json[i] != '\\')
            {
                continue;
            }

            if (json[i + 1] == 'u' && i + 5 < json.Length)
            {
                units.Add((i, int.Parse(json.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }

            i++; // the escaped character is not the start of another escape
        }

        for (var k = 0; k < units.Count; k++)
        {
            var (index, unit) = units[k];
            var nextIsLow = k + 1 < units.Count && units[k + 1].Index == index + 6 && char.IsLowSurrogate((char)units[k + 1].Unit);
            if (char.IsHighSurrogate((char)unit) && nextIsLow)
            {
                k++;
            }
            else if (char.IsSurrogate((char)unit))
            {
                return true;
            }
        }

        return false;
    }
}
