using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// Reads a SET_PERMS entry the way C xenstored 4.17 does (<c>xs_strings_to_perms</c>): the letter
/// (<c>n</c>, <c>r</c>, <c>w</c> or <c>b</c>), then a domain id read by <c>strtol(p, &amp;end, 0)</c>, which
/// must consume the rest of the entry, stored in an <c>unsigned int</c>. So the id may have leading
/// white space, a sign and a <c>0x</c> (hexadecimal) or <c>0</c> (octal) prefix: <c>"r0x10"</c> is
/// domain 16, <c>"r010"</c> domain 8, <c>"n 0"</c> and <c>"n+0"</c> domain 0, <c>"n-1"</c> domain
/// 4294967295 (what <c>xenstore-chmod</c> sends for it, as it prints ids with <c>%i</c>), and
/// <c>"n4294967296"</c> domain 0 (strtol's 64-bit result cut to 32 bits). No digits, or anything
/// after them (<c>"r08"</c>, <c>"r1 "</c>), is EINVAL.
/// </summary>
internal static class PermissionArgument
{
    public static bool TryParse(string text, out XenStorePermission permission)
    {
        permission = default;
        if (text.Length == 0)
        {
            return false;
        }

        XenStoreAccess access;
        switch (text[0])
        {
            case 'n': access = XenStoreAccess.None; break;
            case 'r': access = XenStoreAccess.Read; break;
            case 'w': access = XenStoreAccess.Write; break;
            case 'b': access = XenStoreAccess.Both; break;
            default: return false;
        }

        if (!TryStrtol(text.AsSpan(1), out var value))
        {
            return false;
        }

        permission = new XenStorePermission(access, unchecked((uint)value));
        return true;
    }

    /// <summary>
    /// glibc's <c>strtol(text, &amp;end, 0)</c> followed by C xenstored's check that it converted
    /// something and stopped at the end of the entry. Out of range saturates at the 64-bit limits.
    /// </summary>
    private static bool TryStrtol(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
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
        if (i < text.Length && text[i] == '0')
        {
            // "0x" counts as a prefix only when a hexadecimal digit follows; otherwise the "0" is the
            // number and the "x" is left over (an error here).
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
        var digits = 0;
        for (; i < text.Length && DigitValue(text[i]) < radix; i++, digits++)
        {
            var digit = DigitValue(text[i]);
            magnitude = magnitude > (Limit - digit) / radix ? Limit : Math.Min(Limit, (magnitude * radix) + digit);
        }

        if (digits == 0 || i != text.Length)
        {
            return false;
        }

        value = negative
            ? (magnitude >= Limit ? long.MinValue : -(long)magnitude)
            : (magnitude >= Limit ? long.MaxValue : (long)magnitude);
        return true;
    }

    private static uint DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => (uint)(c - '0'),
        >= 'a' and <= 'z' => (uint)(c - 'a' + 10),
        >= 'A' and <= 'Z' => (uint)(c - 'A' + 10),
        _ => uint.MaxValue,
    };
}
