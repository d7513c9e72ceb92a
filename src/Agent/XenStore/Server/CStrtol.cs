namespace GuestAgent.XenStore.Server;

/// <summary>
/// glibc's <c>strtol(text, &amp;end, base)</c> for the two bases C xenstored 4.17 reads arguments
/// with: 10 (through <c>atoi</c>, <see cref="AtoiArgument"/>) and 0, where a <c>0x</c> prefix means
/// hexadecimal and a leading <c>0</c> octal (<see cref="PermissionArgument"/>). Leading white space
/// and one sign are skipped; out of range saturates at the 64-bit limits, as glibc does.
/// </summary>
internal static class CStrtol
{
    /// <summary>Reads the number at the start of <paramref name="text"/>.</summary>
    /// <param name="text">The argument.</param>
    /// <param name="detectRadix">Base 0 (<c>0x</c> hexadecimal, leading <c>0</c> octal) instead of base 10.</param>
    /// <param name="end">Where reading stopped: the first character that is not part of the number, or 0 when there is none (as glibc sets <c>*endptr</c> to the text itself).</param>
    /// <param name="digits">How many digits were read; none means there was no number (the value is 0).</param>
    public static long Parse(ReadOnlySpan<char> text, bool detectRadix, out int end, out int digits)
    {
        var i = 0;
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
        {
            i++;
        }

        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        var radix = 10u;
        if (detectRadix && i < text.Length && text[i] == '0')
        {
            // "0x" counts as a prefix only when a hexadecimal digit follows; otherwise the "0" is the
            // number and the "x" is left over.
            if (i + 2 < text.Length && text[i + 1] is 'x' or 'X' && DigitValue(text[i + 2]) < 16)
            {
                radix = 16;
                i += 2;
            }
            else
            {
                radix = 8;
            }
        }

        const ulong Limit = (ulong)long.MaxValue + 1;
        ulong magnitude = 0;
        digits = 0;
        for (; i < text.Length && DigitValue(text[i]) < radix; i++, digits++)
        {
            var digit = DigitValue(text[i]);
            magnitude = magnitude > (Limit - digit) / radix ? Limit : Math.Min(Limit, (magnitude * radix) + digit);
        }

        // With no number, strtol's end is the start of the text: any white space or sign it skipped
        // is not read.
        end = digits == 0 ? 0 : i;
        return negative
            ? (magnitude >= Limit ? long.MinValue : -(long)magnitude)
            : (magnitude >= Limit ? long.MaxValue : (long)magnitude);
    }

    private static uint DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => (uint)(c - '0'),
        >= 'a' and <= 'z' => (uint)(c - 'a' + 10),
        >= 'A' and <= 'Z' => (uint)(c - 'A' + 10),
        _ => uint.MaxValue,
    };
}
