using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Parsing;

/// <summary>
/// Turns the host's raw <c>vm-data</c> (networking entries and hostname) into one validated
/// <see cref="NetworkConfiguration"/>: every entry parsed, matched by MAC to an interface of
/// this system, and checked for conflicts. Nothing is written until this has succeeded.
/// </summary>
internal static class NetworkConfigurationBuilder
{
    /// <summary>Builds the configuration.</summary>
    /// <param name="entries">The <c>vm-data/networking</c> children: key and raw JSON value.</param>
    /// <param name="hostname">The raw <c>vm-data/hostname</c> value, or <c>null</c> when absent.</param>
    /// <param name="currentHostname">The hostname configured now, if known.</param>
    /// <param name="interfaces">The system's Ethernet interfaces.</param>
    /// <param name="warnings">Receives problems that do not stop the configuration.</param>
    /// <param name="presentInterfaces">
    /// The name of every interface the system has, of any kind (<c>/sys/class/net</c>), so that the
    /// files of a WireGuard or InfiniBand interface are not taken for those of a vanished one;
    /// <c>null</c> when only <paramref name="interfaces"/> are known.
    /// </param>
    /// <param name="refusedInterfaces">
    /// The Ethernet interfaces left out of <paramref name="interfaces"/> for a name the agent will
    /// not write into a file, so that an entry for one is refused for that reason, not as an unknown MAC; and counted
    /// among the interfaces sharing its MAC, so that one beside <c>eth0</c> makes an entry for that MAC ambiguous.
    /// </param>
    /// <exception cref="InvalidNetworkDataException">The data cannot be used.</exception>
    public static NetworkConfiguration Build(
        IEnumerable<KeyValuePair<string, byte[]>> entries,
        string? hostname,
        string? currentHostname,
        IReadOnlyList<SystemInterface> interfaces,
        ICollection<string> warnings,
        IEnumerable<string>? presentInterfaces = null,
        IEnumerable<SystemInterface>? refusedInterfaces = null)
    {
        // Bridges, bonds and VLANs share a NIC's MAC: the NIC (backed by a device) is the one Nova
        // describes. Two NICs with one MAC (a bond's members, a failover pair, an address changed by
        // hand), or two interfaces of one kind, leave no way to tell which the host means: an entry
        // naming such a MAC is refused, since a guess would configure the wrong one. An interface refused for its
        // name is there all the same (v;1 a bond's member beside eth0): it counts among them, and is refused if chosen.
        var refused = new HashSet<SystemInterface>(refusedInterfaces ?? [], ReferenceEqualityComparer.Instance);
        var byMac = interfaces.Concat(refused).GroupBy(i => i.Mac).ToDictionary(
            group => group.Key,
            group => group.Any(i => i.IsDevice) ? group.Where(i => i.IsDevice).ToArray() : group.ToArray());

        // Which entry described each interface: one interface, one entry, whatever else the entries
        // say (an entry with no enabled address counts too), so that the order of the keys never
        // decides which of two entries is applied.
        var describedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        var configured = new Dictionary<string, InterfaceConfiguration>(StringComparer.Ordinal);
        foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var entry = NetworkEntryParser.Parse(key, value, warnings);
            if (!byMac.TryGetValue(entry.Mac, out var candidates))
            {
                throw new InvalidNetworkDataException($"Unknown interface MAC {entry.Mac}");
            }

            if (candidates.Length > 1)
            {
                throw new InvalidNetworkDataException(
                    $"Interface MAC {entry.Mac} belongs to more than one interface ({string.Join(", ", candidates.Select(Shown).Order(StringComparer.Ordinal))}), " +
                    "so which one vm-data/networking describes cannot be told (a bond's members or an address set by hand); nothing was changed");
            }

            if (refused.Contains(candidates[0]))
            {
                throw new InvalidNetworkDataException(
                    $"Interface MAC {entry.Mac} belongs to the interface named '{Shown(candidates[0])}', a name the agent does not write into " +
                    "configuration files (it takes up to 15 letters, digits, '_', '-' or '.', not starting with '.' or '-'); nothing was changed");
            }

            var name = candidates[0].Name;
            if (!describedBy.TryAdd(name, key))
            {
                throw new InvalidNetworkDataException(
                    $"Interface {name} ({entry.Mac}) is described by more than one vm-data/networking entry " +
                    $"(vm-data/networking/{MessageText.Printable(describedBy[name])} and vm-data/networking/{MessageText.Printable(key)}); nothing was changed");
            }

            if (!entry.HasAddresses)
            {
                warnings.Add($"Interface {name} ({entry.Mac}) has no enabled address and is left as it is");
                continue;
            }

            configured[name] = entry.ToInterface(name);
        }

        if (configured.Count == 0)
        {
            throw new InvalidNetworkDataException("vm-data/networking describes no interface with an enabled address");
        }

        var newHostname = NormalizeHostname(hostname, warnings);
        var current = currentHostname?.Trim();
        if (current is not null && !HostnameValidator.IsValid(current))
        {
            warnings.Add("The current hostname is not a valid DNS name; /etc/hosts is not updated for it");
            current = null;
        }

        var configuration = new NetworkConfiguration(
            configured.Values.OrderBy(i => i.Name, StringComparer.Ordinal).ToArray(),
            newHostname,
            current,
            interfaces.Select(i => i.Name).Concat(presentInterfaces ?? []).Distinct().Order(StringComparer.Ordinal).ToArray());
        foreach (var server in LinkDnsServers.Unplaced(configuration))
        {
            warnings.Add($"DNS server {server} has no configured interface with an address of its family{(LinkDnsServers.IsLinkLocal(server) ? " on its link" : "")}; " +
                "netplan, systemd-networkd and NetworkManager, which tie a server to an interface, are not given it");
        }

        return configuration;
    }

    /// <summary>
    /// The name as an answer shows it: the kernel's, which may hold control characters, escaped (<c>x%01y</c>), and one
    /// that is not UTF-8 by its bytes (<see cref="SystemInterface.Shown"/>, <c>x%E9</c>).
    /// </summary>
    private static string Shown(SystemInterface found) => found.Shown ?? MessageText.Escaped(found.Name);

    private static string? NormalizeHostname(string? hostname, ICollection<string> warnings)
    {
        if (hostname is null)
        {
            return null;
        }

        var trimmed = hostname.Trim();
        if (trimmed.Length == 0)
        {
            warnings.Add("vm-data/hostname is empty; keeping the current hostname");
            return null;
        }

        if (HostnameValidator.ValidateName(trimmed) is { } reason)
        {
            throw new InvalidNetworkDataException($"vm-data/hostname is not usable: {reason}");
        }

        // Too long for a hostname (Nova's RESCUE-<hostname> is up to 70 characters): shortened,
        // never a reason to leave the machine without its network.
        var system = HostnameValidator.ToSystemHostname(trimmed);
        if (system.Length != trimmed.Length)
        {
            warnings.Add($"vm-data/hostname is {trimmed.Length} characters, more than a hostname may have ({HostnameValidator.MaxLength}); the hostname is set to '{system}'");
        }

        return system;
    }
}
