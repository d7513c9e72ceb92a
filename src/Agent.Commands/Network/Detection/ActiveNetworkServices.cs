namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// Which network systems are actually in use: enabled at boot (<see cref="EnabledServices"/>) or
/// running now (the state files each daemon keeps under <c>/run</c>). Being installed is not
/// enough: RHEL 9 ships NetworkManager next to the legacy network-scripts, Arch ships
/// systemd-networkd next to whatever the administrator enabled.
/// </summary>
internal static class ActiveNetworkServices
{
    private const string RedHatScripts = "/etc/sysconfig/network-scripts";

    /// <summary>Finds the systems in use.</summary>
    /// <param name="files">The files under the root.</param>
    /// <param name="enabled">The enabled services, from <see cref="EnabledServices.Read"/>.</param>
    public static IReadOnlySet<NetworkBackend> Detect(IFileView files, IReadOnlySet<string> enabled)
    {
        var active = new HashSet<NetworkBackend>();
        if (enabled.Contains("NetworkManager") || files.Exists("/run/NetworkManager"))
        {
            active.Add(NetworkBackend.NetworkManager);
        }

        // /run/systemd/netif itself is made by tmpfiles whether networkd runs or not; its state file is written by networkd.
        if (enabled.Contains("systemd-networkd") || files.Exists("/run/systemd/netif/state"))
        {
            active.Add(NetworkBackend.SystemdNetworkd);
        }

        if (enabled.Contains("networking") || files.Exists("/run/network/ifstate"))
        {
            active.Add(NetworkBackend.Ifupdown);
        }

        if (enabled.Contains("network") || HasUnmanagedIfcfg(files))
        {
            active.Add(NetworkBackend.RedHatIfcfg);
        }

        if (enabled.Contains("wicked") || files.Exists("/run/wicked"))
        {
            active.Add(NetworkBackend.SuseIfcfg);
        }

        if (enabled.Any(s => s.StartsWith("netctl@", StringComparison.Ordinal) || s.StartsWith("netctl-auto@", StringComparison.Ordinal) || s.StartsWith("netctl-ifplugd@", StringComparison.Ordinal)))
        {
            active.Add(NetworkBackend.Netctl);
        }

        // net.lo sits in every Gentoo boot runlevel; only an interface's own service shows netifrc configures the network.
        if (enabled.Any(s => (s.StartsWith("net.", StringComparison.Ordinal) && s != "net.lo") || s.StartsWith("net@", StringComparison.Ordinal)))
        {
            active.Add(NetworkBackend.GentooNetifrc);
        }

        return active;
    }

    /// <summary>
    /// An interface's ifcfg file with <c>NM_CONTROLLED=no</c>: NetworkManager leaves it alone, so
    /// the legacy network service is what brings the interface up.
    /// </summary>
    private static bool HasUnmanagedIfcfg(IFileView files) =>
        files.List(RedHatScripts)
            .Where(name => name.StartsWith("ifcfg-", StringComparison.Ordinal) && name != "ifcfg-lo" && !name.Contains('.', StringComparison.Ordinal))
            .Select(name => files.ReadText($"{RedHatScripts}/{name}") ?? "")
            .Any(text => text.Split('\n').Any(line => IsNmControlledNo(line.Trim())));

    private static bool IsNmControlledNo(string line)
    {
        if (!line.StartsWith("NM_CONTROLLED=", StringComparison.Ordinal))
        {
            return false;
        }

        var value = line["NM_CONTROLLED=".Length..].Trim('"', '\'', ' ');
        return value.Equals("no", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase) || value == "0";
    }
}
