using System.Globalization;

namespace GuestAgent.Commands.Network.Model;

/// <summary>
/// An Ethernet MAC address in canonical form (six lowercase hex pairs joined by colons). Nova's
/// keys and <c>mac</c> fields come in either case and the kernel writes lowercase, so every
/// comparison goes through this type.
/// </summary>
internal readonly record struct MacAddress
{
    private MacAddress(string value) => Value = value;

    /// <summary>The canonical text, for example <c>bc:76:4e:20:6c:5b</c>.</summary>
    public string Value { get; }

    /// <summary>Parses <c>aa:bb:cc:dd:ee:ff</c>, <c>aa-bb-…</c> or <c>aabbccddeeff</c>, in any case.</summary>
    public static bool TryParse(string? text, out MacAddress mac)
    {
        mac = default;
        if (text is null)
        {
            return false;
        }

        var trimmed = text.Trim();
        var hex = trimmed.Length == 17 ? StripSeparators(trimmed) : trimmed;
        if (hex is null || hex.Length != 12 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        var lower = hex.ToLowerInvariant();
        mac = new MacAddress(string.Join(':', Enumerable.Range(0, 6).Select(i => lower.Substring(i * 2, 2))));
        return true;
    }

    /// <summary>The address in uppercase, as Red Hat's <c>HWADDR</c> and NetworkManager conventionally show it.</summary>
    public string ToUpperString() => Value.ToUpper(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => Value;

    private static string? StripSeparators(string text)
    {
        for (var i = 2; i < text.Length; i += 3)
        {
            if (text[i] != ':' && text[i] != '-')
            {
                return null;
            }
        }

        return text.Replace(":", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
    }
}
