using System.Globalization;

namespace GuestAgent.XenStore.Wire;

/// <summary>
/// One permission entry, <c>&lt;letter&gt;&lt;domid&gt;</c>. In a node's list the first entry names
/// the owner, and its letter is the access of every domain not listed later.
/// </summary>
/// <param name="Access">The access granted.</param>
/// <param name="DomainId">The domain the entry is about.</param>
public readonly record struct XenStorePermission(XenStoreAccess Access, uint DomainId)
{
    /// <summary>
    /// Parses an entry such as <c>r5</c>; returns false for anything else. The id is decimal: as
    /// <see cref="ToString"/> writes it (and C xenstored answers GET_PERMS), a signed 32-bit number
    /// (<c>r-1</c> is domain 4294967295), or unsigned (<c>r4294967295</c>, the same domain).
    /// </summary>
    public static bool TryParse(string text, out XenStorePermission permission)
    {
        permission = default;
        if (text.Length < 2)
        {
            return false;
        }

        if (!TryParseAccess(text[0], out var access))
        {
            return false;
        }

        var negative = text[1] == '-';
        var digits = text.AsSpan(negative ? 2 : 1);
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        uint domid;
        if (negative)
        {
            if (!int.TryParse(text.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed) || signed >= 0)
            {
                return false;
            }

            domid = unchecked((uint)signed);
        }
        else if (!uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out domid))
        {
            return false;
        }

        permission = new XenStorePermission(access, domid);
        return true;
    }

    /// <summary>The access an entry's letter grants: <c>n</c>, <c>r</c>, <c>w</c> or <c>b</c>.</summary>
    internal static bool TryParseAccess(char letter, out XenStoreAccess access)
    {
        access = letter switch
        {
            'r' => XenStoreAccess.Read,
            'w' => XenStoreAccess.Write,
            'b' => XenStoreAccess.Both,
            _ => XenStoreAccess.None,
        };
        return letter is 'n' or 'r' or 'w' or 'b';
    }

    /// <summary>Parses an entry, throwing <see cref="FormatException"/> when it is not valid.</summary>
    public static XenStorePermission Parse(string text) =>
        TryParse(text, out var permission) ? permission : throw new FormatException($"'{text}' is not a XenStore permission (n|r|w|b followed by a domain id).");

    /// <summary>
    /// The wire form, for example <c>b7</c>, as C's <c>xs_perm_to_string</c> writes it (both
    /// libxenstore's SET_PERMS and C xenstored's GET_PERMS reply): the id through <c>%i</c> of an
    /// <c>int</c>, so an id from 2^31 up is negative (<c>n4294967295</c> is written <c>n-1</c>).
    /// </summary>
    public override string ToString()
    {
        var letter = Access switch
        {
            XenStoreAccess.Read => 'r',
            XenStoreAccess.Write => 'w',
            XenStoreAccess.Both => 'b',
            _ => 'n',
        };
        return string.Create(CultureInfo.InvariantCulture, $"{letter}{unchecked((int)DomainId)}");
    }
}
