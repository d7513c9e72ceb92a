using System.Net;
using System.Net.Sockets;

namespace GuestAgent.Commands.Network.Model;

/// <summary>Conversions between dotted IPv4 netmasks and prefix lengths.</summary>
public static class Netmask
{
    /// <summary>
    /// Converts a dotted IPv4 netmask such as <c>255.255.224.0</c> to its prefix length. A
    /// non-contiguous mask (for example <c>255.0.255.0</c>) has no prefix length and is rejected.
    /// </summary>
    public static bool TryGetPrefixLength(string text, out int prefixLength)
    {
        prefixLength = 0;
        if (!IPAddress.TryParse(text, out var mask) || mask.AddressFamily != AddressFamily.InterNetwork
            || text.Count(c => c == '.') != 3)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[4];
        mask.TryWriteBytes(bytes, out _);
        var bits = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        var ones = 0;
        while (ones < 32 && (bits & (0x80000000u >> ones)) != 0)
        {
            ones++;
        }

        // Contiguous means: after the leading ones, nothing but zeros.
        if (ones < 32 && (bits << ones) != 0)
        {
            return false;
        }

        prefixLength = ones;
        return true;
    }

    /// <summary>The dotted IPv4 netmask of a prefix length (0–32).</summary>
    public static string FromPrefixLength(int prefixLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, 32);
        var bits = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        return $"{bits >> 24}.{(bits >> 16) & 0xff}.{(bits >> 8) & 0xff}.{bits & 0xff}";
    }
}
