using System.Net;
using System.Net.Sockets;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Model;

/// <summary>Conversions between dotted IPv4 netmasks and prefix lengths.</summary>
internal static class Netmask
{
    /// <summary>
    /// Converts a dotted IPv4 netmask such as <c>255.255.224.0</c> to its prefix length. A
    /// non-contiguous mask (for example <c>255.0.255.0</c>) has no prefix length and is rejected, and
    /// so is anything but a strict dotted quad (inet_aton's <c>255.255.65280</c> or octal <c>0377</c>).
    /// </summary>
    public static bool TryGetPrefixLength(string text, out int prefixLength)
    {
        prefixLength = 0;
        return IPAddressText.TryParse(text, AddressFamily.InterNetwork, out var mask) && TryCountLeadingOnes(mask, out prefixLength);
    }

    /// <summary>
    /// Converts an IPv6 netmask written as an address, such as <c>ffff:ffff:ffff:ffff::</c> (Nova's
    /// routes carry one), to its prefix length; a non-contiguous mask is rejected, and so is anything
    /// <see cref="IPAddressText"/> refuses as an address (brackets, a scope id, a leading-zero octet in a dotted tail).
    /// </summary>
    public static bool TryGetIPv6PrefixLength(string text, out int prefixLength)
    {
        prefixLength = 0;
        return IPAddressText.TryParse(text, AddressFamily.InterNetworkV6, out var mask) && TryCountLeadingOnes(mask, out prefixLength);
    }

    /// <summary>The number of leading one bits of a mask made of ones then zeros only (contiguous).</summary>
    private static bool TryCountLeadingOnes(IPAddress mask, out int ones)
    {
        Span<byte> bytes = stackalloc byte[16];
        mask.TryWriteBytes(bytes, out var length);
        bytes = bytes[..length];
        ones = 0;
        var index = 0;
        for (; index < bytes.Length && bytes[index] == 0xff; index++)
        {
            ones += 8;
        }

        if (index < bytes.Length)
        {
            var partial = bytes[index];
            var leading = System.Numerics.BitOperations.LeadingZeroCount((uint)(byte)~partial) - 24;
            // Contiguous means: after the leading ones, nothing but zeros.
            if ((byte)(partial << leading) != 0 || bytes[(index + 1)..].ContainsAnyExcept((byte)0))
            {
                return false;
            }

            ones += leading;
        }

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
