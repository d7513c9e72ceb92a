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
    /// <summary>Parses an entry such as <c>r5</c>; returns false for anything else.</summary>
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

        var digits = text.AsSpan(1);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        if (!uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var domid))
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

    /// <summary>The wire form, for example <c>b7</c>.</summary>
    public override string ToString()
    {
        var letter = Access switch
        {
            XenStoreAccess.Read => 'r',
            XenStoreAccess.Write => 'w',
            XenStoreAccess.Both => 'b',
            _ => 'n',
        };
        return string.Create(CultureInfo.InvariantCulture, $"{letter}{DomainId}");
    }
}
