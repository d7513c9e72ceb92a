using System.Net.Sockets;
using System.Text.Json;
using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Parsing;

/// <summary>Reads one entry of <c>routes</c>: <c>{"route": network, "netmask": mask, "gateway": next hop}</c>.</summary>
internal static class RouteParser
{
    /// <summary>The route, or <c>null</c> (with a warning) when it has no gateway.</summary>
    public static StaticRoute? Parse(JsonElement entry, string where, ICollection<string> warnings)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidNetworkDataException($"{where} is not a JSON object");
        }

        var networkText = JsonFields.GetString(entry, "route", where)
            ?? throw new InvalidNetworkDataException($"{where}: Missing 'route' key for route");
        if (!IPAddressText.TryParse(networkText.Trim(), null, out var network))
        {
            throw new InvalidNetworkDataException($"{where}: route '{MessageText.Printable(networkText)}' is not an IP address");
        }

        var isV6 = network.AddressFamily == AddressFamily.InterNetworkV6;
        var netmask = JsonFields.Get(entry, "netmask")
            ?? throw new InvalidNetworkDataException($"{where}: Missing 'netmask' key for route");
        var prefix = PrefixParser.Parse(netmask, isV6, where);
        if (!HasNoHostBits(network.GetAddressBytes(), prefix))
        {
            throw new InvalidNetworkDataException($"{where}: {network}/{prefix} is not a network address (host bits are set)");
        }

        var gatewayText = JsonFields.GetString(entry, "gateway", where);
        if (string.IsNullOrWhiteSpace(gatewayText))
        {
            warnings.Add($"{where} ({network}/{prefix}) has no gateway and is not configured");
            return null;
        }

        return IPAddressText.TryParse(gatewayText.Trim(), network.AddressFamily, out var gateway)
            ? new StaticRoute(network, prefix, gateway)
            : throw new InvalidNetworkDataException($"{where}: gateway '{MessageText.Printable(gatewayText)}' is not an address of the route's family");
    }

    private static bool HasNoHostBits(byte[] bytes, int prefix)
    {
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                return false;
            }
        }

        return true;
    }
}
