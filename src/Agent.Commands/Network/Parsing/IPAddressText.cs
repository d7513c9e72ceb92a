using System.Net;
using System.Net.Sockets;

namespace GuestAgent.Commands.Network.Parsing;

/// <summary>
/// Strict parsing of host-supplied addresses. <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>
/// alone accepts forms such as <c>1</c>, <c>0x7f.1</c> or <c>fe80::1%eth0</c>, none of which may
/// reach a configuration file. An octet with a leading zero is refused too: .NET, like inet_aton
/// and <c>ip</c>, reads <c>010</c> as octal 8, where Python's <c>ipaddress</c> and inet_pton refuse
/// it; guessing which one Nova meant could configure an address nobody asked for.
/// </summary>
internal static class IPAddressText
{
    /// <summary>Parses a dotted-quad IPv4 address or a plain (scope-less) IPv6 address.</summary>
    public static bool TryParse(string? text, AddressFamily? family, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text) || text.Length > 45)
        {
            return false;
        }

        var isV6 = text.Contains(':', StringComparison.Ordinal);
        if (isV6 ? !IsPlainIPv6(text) : !IsDottedQuad(text))
        {
            return false;
        }

        if (!IPAddress.TryParse(text, out var parsed) || parsed is null)
        {
            return false;
        }

        if (family is { } required && parsed.AddressFamily != required)
        {
            return false;
        }

        address = parsed;
        return true;
    }

    /// <summary>Hex digits and colons, and a dotted quad after the last colon if any (<c>::ffff:192.0.2.1</c>).</summary>
    private static bool IsPlainIPv6(string text) =>
        text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
        && (!text.Contains('.', StringComparison.Ordinal) || IsDottedQuad(text[(text.LastIndexOf(':') + 1)..]));

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit)
            && (p.Length == 1 || p[0] != '0') && int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) <= 255);
    }
}
