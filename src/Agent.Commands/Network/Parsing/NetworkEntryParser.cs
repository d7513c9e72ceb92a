using System.Net;
using System.Net.Sockets;
using System.Text.Unicode;
using System.Text.Json;
using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Parsing;

/// <summary>
/// Parses one <c>vm-data/networking/&lt;key&gt;</c> value into a <see cref="NetworkEntry"/>,
/// tolerating every variation Nova and Rackspace produce (§5.1–5.2 of the protocol spec) and
/// rejecting anything that is not a valid address, netmask or label.
/// </summary>
internal static class NetworkEntryParser
{
    /// <summary>Parses one entry. Problems that do not prevent configuration are added to <paramref name="warnings"/>.</summary>
    /// <exception cref="InvalidNetworkDataException">The entry cannot be used.</exception>
    public static NetworkEntry Parse(string key, ReadOnlySpan<byte> json, ICollection<string> warnings)
    {
        var where = $"vm-data/networking/{SafeKey(key)}";
        using var document = ParseObject(json, where);
        var root = document.RootElement;
        var mac = ReadMac(root, where);
        where = $"{where} ({mac})";
        var label = ReadLabel(root, where, warnings);

        var v4Entries = JsonFields.GetArray(root, "ips", where).ToArray();
        var v6Entries = JsonFields.GetArray(root, "ip6s", where).ToArray();
        if (v4Entries.Length == 0 && v6Entries.Length == 0)
        {
            throw new InvalidNetworkDataException($"{where}: No IPs found for interface");
        }

        var (v4, v4Gateway) = ReadAddresses(v4Entries, "ips", AddressFamily.InterNetwork, where, warnings);
        var (v6, v6Gateway) = ReadAddresses(v6Entries, "ip6s", AddressFamily.InterNetworkV6, where, warnings);

        // Nova writes gateway_v6; the original agent read gateway6; in practice the per-address
        // gateway carried it. Accept all three, interface-level first; a default route comes last.
        var gateway4 = ReadGateway(root, "gateway", AddressFamily.InterNetwork, where) ?? v4Gateway;
        var gateway6 = ReadGateway(root, "gateway_v6", AddressFamily.InterNetworkV6, where)
            ?? ReadGateway(root, "gateway6", AddressFamily.InterNetworkV6, where)
            ?? v6Gateway;
        var (routes, default4, default6) = ReadRoutes(root, where, warnings);
        var dns = ReadDnsServers(root, where);
        gateway4 ??= default4;
        gateway6 ??= default6;

        // A next hop is only reachable from an address of its family on the link. Without one, the
        // backends disagreed (NetworkManager, ifupdown and netctl dropped it silently; netplan,
        // networkd, ifcfg and netifrc wrote a route the kernel refuses): it is left out, and said so.
        if (v4.Count == 0 && v6.Count > 0)
        {
            DropFamily(ref gateway4, routes, isV6: false, "IPv4", where, warnings);
        }

        if (v6.Count == 0 && v4.Count > 0)
        {
            DropFamily(ref gateway6, routes, isV6: true, "IPv6", where, warnings);
        }

        return new NetworkEntry(key, new InterfaceConfiguration(
            Name: "", mac, label, v4, v6, gateway4, gateway6, routes, dns));
    }

    /// <summary>Takes out the gateway and routes of a family the entry has no enabled address of, with a warning naming what went.</summary>
    private static void DropFamily(ref IPAddress? gateway, List<StaticRoute> routes, bool isV6, string family, string where, ICollection<string> warnings)
    {
        var dropped = routes.Where(r => r.IsIPv6 == isV6).Select(r => $"route {r.Destination} via {r.Gateway}").ToList();
        if (gateway is not null)
        {
            dropped.Insert(0, $"gateway {gateway}");
        }

        if (dropped.Count > 0)
        {
            warnings.Add($"{where} has no enabled {family} address, so its {family} {string.Join(", ", dropped)} cannot be reached and {(dropped.Count == 1 ? "is" : "are")} not configured");
            routes.RemoveAll(r => r.IsIPv6 == isV6);
            gateway = null;
        }
    }

    /// <summary>The value as a JSON object, which the caller disposes.</summary>
    private static JsonDocument ParseObject(ReadOnlySpan<byte> json, string where)
    {
        // XenStore hands the bytes over as they are, and Utf8JsonReader does not check the bytes
        // inside a string: reading such a field later threw, and the host got an internal error.
        if (!Utf8.IsValid(json))
        {
            throw new InvalidNetworkDataException($"{where} is not valid JSON: its bytes are not UTF-8");
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            throw new InvalidNetworkDataException($"{where} is not valid JSON");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new InvalidNetworkDataException($"{where} is not a JSON object");
        }

        // An escaped lone surrogate ("\ud800") is JSON that no .NET string holds: GetString throws
        // on it, so every string (and member name) is checked once here, before any field is read.
        if (!JsonTextCheck.IsReadable(document.RootElement))
        {
            document.Dispose();
            throw new InvalidNetworkDataException($"{where} holds a string that is not valid Unicode text (an escaped lone surrogate)");
        }

        return document;
    }

    private static MacAddress ReadMac(JsonElement root, string where)
    {
        var macText = JsonFields.GetString(root, "mac", where)
            ?? throw new InvalidNetworkDataException($"{where}: No MAC found in config");
        return MacAddress.TryParse(macText, out var mac)
            ? mac
            : throw new InvalidNetworkDataException($"{where}: 'mac' is not a MAC address");
    }

    /// <summary>The <c>label</c> field, cleaned (with a warning) when it cannot go into a configuration file, left out (with one) when it is not a string.</summary>
    private static string ReadLabel(JsonElement root, string where, ICollection<string> warnings)
    {
        // Free text for comments only: a label of another JSON type (the original agent formatted
        // whatever it found) is no reason to leave the interface unconfigured.
        var field = JsonFields.Get(root, "label");
        if (field is { ValueKind: not JsonValueKind.String })
        {
            warnings.Add($"{where}: 'label' is not a string; left out");
            return "";
        }

        var label = field?.GetString() ?? "";
        if (!LabelValidator.IsValid(label))
        {
            label = LabelValidator.Clean(label);
            warnings.Add($"{where}: 'label' had characters that cannot go into a configuration file; using '{label}'");
        }

        return label;
    }

    /// <summary>
    /// The static routes, and the gateway of the first default route of each family: a default
    /// route is no static route, it stands for a gateway the entry did not name otherwise.
    /// </summary>
    private static (List<StaticRoute> Routes, IPAddress? DefaultV4, IPAddress? DefaultV6) ReadRoutes(
        JsonElement root, string where, ICollection<string> warnings)
    {
        var routes = new List<StaticRoute>();
        IPAddress? default4 = null, default6 = null;
        foreach (var (entry, index) in JsonFields.GetArray(root, "routes", where).Select((e, i) => (e, i)))
        {
            var route = RouteParser.Parse(entry, $"{where} routes[{index}]", warnings);
            if (route is null)
            {
                continue;
            }

            if (!route.IsDefault)
            {
                routes.Add(route);
            }
            else if (route.IsIPv6)
            {
                default6 ??= route.Gateway;
            }
            else
            {
                default4 ??= route.Gateway;
            }
        }

        return (routes, default4, default6);
    }

    /// <summary>The <c>dns</c> servers in order, without duplicates; <c>null</c> items are skipped.</summary>
    private static List<IPAddress> ReadDnsServers(JsonElement root, string where)
    {
        var dns = new List<IPAddress>();
        foreach (var (entry, index) in JsonFields.GetArray(root, "dns", where).Select((e, i) => (e, i)))
        {
            if (entry.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (entry.ValueKind != JsonValueKind.String || !IPAddressText.TryParse(entry.GetString(), null, out var server))
            {
                throw new InvalidNetworkDataException($"{where} dns[{index}] is not an IP address");
            }

            if (!dns.Contains(server))
            {
                dns.Add(server);
            }
        }

        return dns;
    }

    private static InterfaceAddress? ReadAddress(JsonElement entry, AddressFamily family, string where, ICollection<string> warnings)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidNetworkDataException($"{where} is not a JSON object");
        }

        var enabled = JsonFields.Get(entry, "enabled");
        if (enabled is null)
        {
            // The original agent silently dropped such addresses; Nova always writes "1".
            warnings.Add($"{where} has no 'enabled' key; treating the address as enabled");
        }
        else
        {
            var flag = JsonFields.GetInteger(enabled.Value)
                ?? throw new InvalidNetworkDataException($"{where}: Invalid value for 'enabled' key");
            if (flag == 0)
            {
                warnings.Add($"{where} is disabled ('enabled' is 0) and is not configured");
                return null;
            }
        }

        var isV6 = family == AddressFamily.InterNetworkV6;
        var text = JsonFields.GetString(entry, "ip", where) ?? (isV6 ? JsonFields.GetString(entry, "address", where) : null)
            ?? throw new InvalidNetworkDataException(isV6 ? $"{where}: Missing 'ip' or 'address' key for IPv6 address" : $"{where}: Missing 'ip' key for IPv4 address");
        if (!IPAddressText.TryParse(text, family, out var address))
        {
            throw new InvalidNetworkDataException($"{where}: '{MessageText.Printable(text)}' is not an {(isV6 ? "IPv6" : "IPv4")} address");
        }

        var netmask = JsonFields.Get(entry, "netmask")
            ?? throw new InvalidNetworkDataException($"{where}: Missing 'netmask' key for {(isV6 ? "IPv6" : "IPv4")} address");
        var prefix = PrefixParser.Parse(netmask, isV6, where, minimum: 1);
        return new InterfaceAddress(address, prefix);
    }

    private static IPAddress? ReadGateway(JsonElement obj, string name, AddressFamily family, string where)
    {
        var text = JsonFields.GetString(obj, name, where);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return IPAddressText.TryParse(text.Trim(), family, out var gateway)
            ? gateway
            : throw new InvalidNetworkDataException($"{where}: '{name}' is not an {(family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4")} address");
    }

    /// <summary>
    /// The enabled addresses of one family (<c>ips</c> or <c>ip6s</c>) and the first per-address
    /// gateway; every gateway is still validated.
    /// </summary>
    private static (List<InterfaceAddress> Addresses, IPAddress? FirstGateway) ReadAddresses(
        JsonElement[] entries, string key, AddressFamily family, string where, ICollection<string> warnings)
    {
        var addresses = new List<InterfaceAddress>();
        IPAddress? firstGateway = null;
        for (var index = 0; index < entries.Length; index++)
        {
            var at = $"{where} {key}[{index}]";
            if (ReadAddress(entries[index], family, at, warnings) is { } address)
            {
                addresses.Add(address);
                var gateway = ReadGateway(entries[index], "gateway", family, at);
                firstGateway ??= gateway;
            }
        }

        return (addresses, firstGateway);
    }

    private static string SafeKey(string key) => MessageText.Printable(key);
}
