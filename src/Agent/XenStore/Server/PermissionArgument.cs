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
        if (text.Length == 0 || !XenStorePermission.TryParseAccess(text[0], out var access))
        {
            return false;
        }

        var id = text.AsSpan(1);
        var value = CStrtol.Parse(id, detectRadix: true, out var end, out var digits);
        if (digits == 0 || end != id.Length)
        {
            return false;
        }

        permission = new XenStorePermission(access, unchecked((uint)value));
        return true;
    }
}
