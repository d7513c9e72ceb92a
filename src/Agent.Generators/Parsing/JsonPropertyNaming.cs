using System.Globalization;
using System.Text;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// The property naming policies a source-generated JSON context can name
/// (<c>JsonKnownNamingPolicy</c>, same values), and the conversions System.Text.Json applies for
/// them, reproduced at compile time so schemas show the names that are on the wire.
/// </summary>
internal enum JsonPropertyNaming
{
    AsDeclared = 0,
    CamelCase = 1,
    SnakeCaseLower = 2,
    SnakeCaseUpper = 3,
    KebabCaseLower = 4,
    KebabCaseUpper = 5,
}

/// <summary>Applies a <see cref="JsonPropertyNaming"/> to a CLR member name.</summary>
internal static class JsonPropertyNames
{
    public static string Convert(string name, JsonPropertyNaming naming) => naming switch
    {
        JsonPropertyNaming.CamelCase => CamelCase(name),
        JsonPropertyNaming.SnakeCaseLower => Separated(name, '_', lowercase: true),
        JsonPropertyNaming.SnakeCaseUpper => Separated(name, '_', lowercase: false),
        JsonPropertyNaming.KebabCaseLower => Separated(name, '-', lowercase: true),
        JsonPropertyNaming.KebabCaseUpper => Separated(name, '-', lowercase: false),
        _ => name,
    };

    /// <summary>
    /// Lower-cases the leading run of capitals, keeping the last one of a run that a lower-case
    /// letter follows as the start of the next word ("XMLHttp" becomes "xmlHttp"), as
    /// <c>JsonNamingPolicy.CamelCase</c> does.
    /// </summary>
    private static string CamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }

            var nextIsUpper = i + 1 < chars.Length && char.IsUpper(chars[i + 1]);
            if (i > 0 && i + 1 < chars.Length && !nextIsUpper)
            {
                // A space ends the word, so the capital before it is still part of the acronym.
                if (chars[i + 1] == ' ')
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }

                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    /// <summary>
    /// Words split at a change from lower case or digit to upper case, before the last capital of
    /// a run that a lower-case letter follows ("XMLReader" is "xml_reader") and at inner spaces;
    /// leading and trailing spaces go; any other character is kept and starts afresh, as
    /// <c>JsonNamingPolicy.SnakeCaseLower</c> and its kin do.
    /// </summary>
    private static string Separated(string name, char separator, bool lowercase)
    {
        var result = new StringBuilder(name.Length + (name.Length / 4));
        var previous = Previous.Start;
        for (var i = 0; i < name.Length; i++)
        {
            var current = name[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(current);
            switch (category)
            {
                case UnicodeCategory.UppercaseLetter:
                    var startsWord = previous is Previous.LowerOrDigit or Previous.Space
                        || (previous == Previous.Upper && i + 1 < name.Length && char.IsLower(name[i + 1]));
                    if (startsWord)
                    {
                        result.Append(separator);
                    }

                    result.Append(lowercase ? char.ToLowerInvariant(current) : current);
                    previous = Previous.Upper;
                    break;
                case UnicodeCategory.LowercaseLetter or UnicodeCategory.DecimalDigitNumber:
                    if (previous == Previous.Space)
                    {
                        result.Append(separator);
                    }

                    result.Append(!lowercase && category == UnicodeCategory.LowercaseLetter ? char.ToUpperInvariant(current) : current);
                    previous = Previous.LowerOrDigit;
                    break;
                case UnicodeCategory.SpaceSeparator:
                    if (previous != Previous.Start)
                    {
                        previous = Previous.Space;
                    }

                    break;
                default:
                    result.Append(current);
                    previous = Previous.Start;
                    break;
            }
        }

        return result.ToString();
    }

    private enum Previous
    {
        Start,
        Upper,
        LowerOrDigit,
        Space,
    }
}
