using System.Text.Json;
using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Parsing;

/// <summary>
/// Reads a <c>netmask</c> field: a dotted IPv4 netmask or an IPv6 mask written as an address
/// (contiguous only; Nova's routes carry <c>str(IPNetwork(cidr).netmask)</c>), or a prefix length
/// written as a number or a string (Nova writes IPv6 prefixes as numbers, others as strings).
/// </summary>
internal static class PrefixParser
{
    /// <summary>
    /// The prefix length, at least <paramref name="minimum"/>: a route's may be 0 (a default route),
    /// an address's not (a /0 subnet would put every destination on the link, and netplan refuses
    /// such an address: "invalid prefix length in address", so the apply would fail late).
    /// </summary>
    public static int Parse(JsonElement netmask, bool isV6, string where, int minimum = 0)
    {
        var prefix = ParseAny(netmask, isV6, where, minimum);
        return prefix >= minimum
            ? prefix
            : throw new InvalidNetworkDataException($"{where}: netmask gives the prefix length {prefix}; an address needs one from {minimum} to {(isV6 ? 128 : 32)}");
    }

    private static int ParseAny(JsonElement netmask, bool isV6, string where, int minimum)
    {
        var max = isV6 ? 128 : 32;
        if (!isV6 && netmask.ValueKind == JsonValueKind.String && netmask.GetString()!.Contains('.', StringComparison.Ordinal))
        {
            var text = netmask.GetString()!.Trim();
            return Netmask.TryGetPrefixLength(text, out var fromMask)
                ? fromMask
                : throw new InvalidNetworkDataException($"{where}: netmask '{MessageText.Printable(text)}' is not a valid contiguous IPv4 netmask");
        }

        if (isV6 && netmask.ValueKind == JsonValueKind.String && netmask.GetString()!.Contains(':', StringComparison.Ordinal))
        {
            var text = netmask.GetString()!.Trim();
            return Netmask.TryGetIPv6PrefixLength(text, out var fromMask)
                ? fromMask
                : throw new InvalidNetworkDataException($"{where}: netmask '{MessageText.Printable(text)}' is not a valid contiguous IPv6 netmask");
        }

        var prefix = JsonFields.GetInteger(netmask);
        if (netmask.ValueKind is JsonValueKind.True or JsonValueKind.False || prefix is null || prefix < 0 || prefix > max)
        {
            throw new InvalidNetworkDataException($"{where}: netmask must be {(isV6 ? "" : "a dotted IPv4 netmask or ")}a prefix length from {minimum} to {max}");
        }

        return (int)prefix;
    }
}
