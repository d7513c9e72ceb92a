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
/// A CR ending any other line (a CRLF file) makes its last number unreadable. This is a little more
/// lenient than glibc 2.36 (which also refuses a <c>-</c> sign): a line is never refused that some glibc reads.
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

    /// <summary>Whether glibc reads <paramref name="line"/> (no <c>\n</c>) once its last-change day is replaced by a number.</summary>
    public static bool IsReadableWithNewLastChange(string line)
    {
        var fields = line.Split(':');
        var count = fields.Length;
        // Name and hash, then last change (always written as digits), minimum and maximum age; glibc
        // refuses a line that ends where it expects a number, so an empty maximum must not end it.
        if (count < 5 || !IsNumber(fields[3], count > 4) || !IsNumber(fields[4], count > 5))
        {
            return false;
        }

        // The old form: nothing but white space after the maximum age.
        if (count == 5 || (count == 6 && fields[5].AsSpan().Trim(WhiteSpace).IsEmpty))
        {
            return true;
        }

        // Warning, inactivity and expiry, the last of which may end the line only when it is not empty;
        // then an optional flag ending it (a tenth field is one too many).
        return count is 8 or 9 &&
               IsNumber(fields[5], mayBeEmpty: true) &&
               IsNumber(fields[6], mayBeEmpty: true) &&
               IsNumber(fields[7], mayBeEmpty: count == 9) &&
               (count == 8 || IsNumber(fields[8], mayBeEmpty: true));
    }

    /// <summary>What <c>strtoul</c> reads up to the field's end: white space, a sign, digits (or nothing, where allowed).</summary>
    private static bool IsNumber(string field, bool mayBeEmpty)
    {
        if (field.Length == 0)
        {
            return mayBeEmpty;
        }

        var digits = field.AsSpan().TrimStart(WhiteSpace);
        if (digits.Length > 0 && digits[0] is '+' or '-')
        {
            digits = digits[1..];
        }

        return !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9');
    }
}
