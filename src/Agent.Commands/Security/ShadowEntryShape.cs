namespace GuestAgent.Commands.Security;

/// <summary>
/// Whether a shadow line is an entry glibc reads (<c>_nss_files_parse_spent</c>, behind the
/// <c>getspnam</c> that <c>pam_unix</c> checks every login against). glibc, and shadow-utils'
/// <c>chpasswd</c> with it, pass over any other line and take the next one of the same name, so a new
/// hash written into an unreadable line is a password no login can use while the answer says it was set.
/// </summary>
/// <remarks>
/// The shapes, each checked with <c>getent shadow root</c> (glibc 2.36): five fields, or five and then
/// only white space (CR included); eight ending in a non-empty expiry day; nine. The numbers are empty or
/// decimal with optional leading white space and sign; a number may be empty only where a colon follows.
/// A CR ending any other line (a CRLF file) makes its last number unreadable. glibc 2.36 reads a number
/// only when <c>strtoul</c>'s value fits in 32 bits (<c>-1</c>, which it makes 2^64 − 1, and 4294967296 do
/// not), where older glibc sources clamp it and read the line: such a line is
/// <see cref="ShadowLineReading.DependsOnGlibc"/>, whose entry differs from one guest to another.
/// </remarks>
internal static class ShadowEntryShape
{
    /// <summary>
    /// C's <c>isspace</c> in the C locale, which <c>strtoul</c> skips, the old form's check ignores and
    /// glibc's reader skips before a line's first field.
    /// </summary>
    public const string WhiteSpace = " \t\n\v\f\r";

    /// <summary>
    /// Where a line's first field starts for glibc, which reads <c>/etc/shadow</c> and <c>/etc/passwd</c>
    /// lines from their first non-blank character on: past the <see cref="WhiteSpace"/> from
    /// <paramref name="start"/>, never past <paramref name="end"/> (the line's end).
    /// </summary>
    public static int SkipWhiteSpace(string text, int start, int end)
    {
        while (start < end && WhiteSpace.Contains(text[start], StringComparison.Ordinal))
        {
            start++;
        }

        return start;
    }

    /// <summary>
    /// Where glibc's reading of the line from <paramref name="start"/> to <paramref name="end"/> (its
    /// <c>\n</c> or the file's end) stops: at the first NUL byte, since its line reader hands the parser a
    /// C string (a crash can leave NULs where blocks were never written); what follows it up to the
    /// newline is never read, and is kept as it is.
    /// </summary>
    public static int ReadEnd(string text, int start, int end)
    {
        var nul = text.IndexOf('\0', start, end - start);
        return nul < 0 ? end : nul;
    }

    /// <summary>Whether glibc reads <paramref name="line"/> (no <c>\n</c>) once its last-change day is replaced by a number.</summary>
    public static ShadowLineReading ReadingWithNewLastChange(string line)
    {
        var fields = line.Split(':');
        var count = fields.Length;
        // The last change is always written as digits, so only the numbers after it are looked at.
        var numbers = new Number[Math.Min(count, 9)];
        for (var i = 3; i < numbers.Length; i++)
        {
            numbers[i] = NumberOf(fields[i]);
        }

        // Name and hash, then last change, minimum and maximum age; glibc refuses a line that ends where
        // it expects a number, so an empty maximum must not end it.
        if (count < 5 || !IsNumber(numbers[3], count > 4) || !IsNumber(numbers[4], count > 5))
        {
            return ShadowLineReading.Unread;
        }

        // The old form: nothing but white space after the maximum age.
        var readable = (count == 5 || (count == 6 && fields[5].AsSpan().Trim(WhiteSpace).IsEmpty)) ||
            // Warning, inactivity and expiry, the last of which may end the line only when it is not empty;
            // then an optional flag ending it (a tenth field is one too many).
            (count is 8 or 9 &&
             IsNumber(numbers[5], mayBeEmpty: true) &&
             IsNumber(numbers[6], mayBeEmpty: true) &&
             IsNumber(numbers[7], mayBeEmpty: count == 9) &&
             (count == 8 || IsNumber(numbers[8], mayBeEmpty: true)));
        if (!readable)
        {
            return ShadowLineReading.Unread;
        }

        return numbers.Contains(Number.Beyond32Bits) ? ShadowLineReading.DependsOnGlibc : ShadowLineReading.Read;
    }

    private static bool IsNumber(Number number, bool mayBeEmpty) => number is Number.Within32Bits or Number.Beyond32Bits || (number == Number.Empty && mayBeEmpty);

    /// <summary>What <c>strtoul</c> reads up to the field's end: white space, a sign, digits (or nothing).</summary>
    private static Number NumberOf(string field)
    {
        if (field.Length == 0)
        {
            return Number.Empty;
        }

        var digits = field.AsSpan().TrimStart(WhiteSpace);
        var negative = digits.Length > 0 && digits[0] == '-';
        if (digits.Length > 0 && digits[0] is '+' or '-')
        {
            digits = digits[1..];
        }

        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return Number.None;
        }

        return IsWithin32Bits(digits, negative) ? Number.Within32Bits : Number.Beyond32Bits;
    }

    /// <summary>
    /// Whether <c>strtoul</c>'s value for <paramref name="digits"/> (decimal digits only) after an optional
    /// minus (<paramref name="negative"/>) fits in 32 bits, as glibc's shadow and passwd readers require.
    /// </summary>
    public static bool IsWithin32Bits(ReadOnlySpan<char> digits, bool negative)
    {
        // strtoul negates a "-" value modulo 2^64 (so -1 is 2^64 - 1, and -18446744073709551615 is 1) and
        // answers 2^64 - 1 for one beyond 64 bits.
        if (!ulong.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        return (negative ? unchecked(0 - value) : value) <= uint.MaxValue;
    }

    private enum Number
    {
        /// <summary>Not yet looked at (the fields before the minimum age).</summary>
        Unset,

        /// <summary>An empty field.</summary>
        Empty,

        /// <summary>Anything <c>strtoul</c> does not read whole.</summary>
        None,

        /// <summary>A number whose value fits in 32 bits.</summary>
        Within32Bits,

        /// <summary>A number <c>strtoul</c> reads whole, whose value does not fit in 32 bits.</summary>
        Beyond32Bits,
    }
}
