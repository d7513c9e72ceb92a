namespace GuestAgent.XenStore.Server;

/// <summary>
/// Reads a number argument (a domain id, DIRECTORY_PART's offset) the way C xenstored 4.17 does,
/// with C's <c>atoi</c> stored in an <c>unsigned int</c>: leading white space, an optional sign, then the digits up to the first
/// non-digit; no digits at all is 0. So <c>"abc"</c> and <c>""</c> are domain 0, <c>"7abc"</c> and
/// <c>" 7"</c> are 7, and <c>"-1"</c> is 4294967295. glibc's <c>atoi</c> is <c>(int)strtol</c>, which
/// saturates at the 64-bit limits before the cast keeps the low 32 bits.
/// </summary>
internal static class AtoiArgument
{
    public static uint Parse(string text)
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

        // Accumulate the magnitude, saturating as strtol does (LONG_MAX, or LONG_MIN when negative).
        const ulong Limit = (ulong)long.MaxValue + 1;
        ulong magnitude = 0;
        for (; i < text.Length && text[i] is >= '0' and <= '9'; i++)
        {
            magnitude = magnitude > (Limit - 9) / 10 ? Limit : Math.Min(Limit, (magnitude * 10) + (ulong)(text[i] - '0'));
        }

        long value = negative
            ? (magnitude >= Limit ? long.MinValue : -(long)magnitude)
            : (magnitude >= Limit ? long.MaxValue : (long)magnitude);
        return unchecked((uint)value);
    }
}
