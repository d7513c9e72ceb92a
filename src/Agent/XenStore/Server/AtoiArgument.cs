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
    public static uint Parse(string text) => unchecked((uint)CStrtol.Parse(text, detectRadix: false, out _, out _));
}
