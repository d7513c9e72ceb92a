using System.Linq;

namespace GuestAgent.Generators.Parsing;

/// <summary>
/// What a JSON number, as written, is worth, read from its digits: exact for any length and
/// exponent (no <c>double</c> to round <c>1.0000000000000000001</c> to an integer, nor to overflow
/// on <c>1e400</c>). JSON Schema counts a number with no fraction as an integer however it is
/// written (<c>1.0</c>, <c>1e2</c>), and so does this.
/// </summary>
internal static class JsonNumber
{
    /// <summary>Exponents beyond this move the point past any digits a schema holds; clamping keeps the arithmetic in range.</summary>
    private const long ExponentLimit = 1_000_000;

    /// <summary>Whether <paramref name="text"/> is a number by JSON's grammar (RFC 8259): no '+', no leading zeros, digits on both sides of a point.</summary>
    public static bool IsNumber(string text) => CompactJson.IsNumber(text);

    /// <summary>Whether the number <paramref name="text"/> (valid JSON) is a whole number of at least 0 (<c>-0</c> is 0).</summary>
    public static bool IsNonNegativeInteger(string text)
    {
        var (negative, digits, point) = Decompose(text);
        var zero = digits.All(d => d == '0');
        var whole = digits.Select((d, index) => (d, index)).All(p => p.index < point || p.d == '0');
        return whole && (zero || !negative);
    }

    /// <summary>Whether the number <paramref name="text"/> (valid JSON) is greater than 0.</summary>
    public static bool IsPositive(string text)
    {
        var (negative, digits, _) = Decompose(text);
        return !negative && digits.Any(d => d != '0');
    }

    /// <summary>
    /// The sign, the digits before and after the decimal point run together, and where the point
    /// falls among those digits once the exponent has moved it (negative or beyond their end when it
    /// moves out of them).
    /// </summary>
    private static (bool Negative, string Digits, long Point) Decompose(string text)
    {
        var negative = text.StartsWith("-", System.StringComparison.Ordinal);
        var mantissa = negative ? text.Substring(1) : text;
        long exponent = 0;
        var e = mantissa.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            var written = mantissa.Substring(e + 1);
            var sign = written.StartsWith("-", System.StringComparison.Ordinal) ? -1 : 1;
            foreach (var digit in written.TrimStart('+', '-'))
            {
                exponent = System.Math.Min(ExponentLimit, (exponent * 10) + (digit - '0'));
            }

            exponent *= sign;
            mantissa = mantissa.Substring(0, e);
        }

        var dot = mantissa.IndexOf('.');
        var integerDigits = dot < 0 ? mantissa.Length : dot;
        return (negative, mantissa.Replace(".", string.Empty), integerDigits + exponent);
    }
}
