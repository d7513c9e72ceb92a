using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// Chooses the network configuration system to write for. The configured backend wins; FreeBSD
/// has one. netplan wins where it is installed and owns the network: it has a configuration file
/// (<see cref="SystemFacts.NetplanConfigured"/>), or no network system it cannot render for is in
/// use. Installed alone proves nothing, since netplan without a file configures nothing: ifupdown
/// (or ifcfg, wicked, netctl, netifrc) in use next to it owns the network, as on a Debian 12 cloud
/// image that merely has netplan.io installed, where a netplan file of ours would make networkd
/// manage the interfaces ifupdown already manages. networkd and NetworkManager in use are no sign
/// against netplan, which renders for them (a fresh Ubuntu image has networkd enabled and no
/// netplan file yet). Otherwise, within the distribution family's candidates, the first one that
/// is both installed and in use (enabled or running, <see cref="SystemFacts.ActiveBackends"/>)
/// wins, and only when none is in use does the choice fall back to what is installed.
/// </summary>
internal static class BackendSelector
{
    /// <summary>The network systems netplan cannot render for: one of them in use runs the network from its own files.</summary>
    private static readonly NetworkBackend[] NotRenderedByNetplan =
        [NetworkBackend.Ifupdown, NetworkBackend.RedHatIfcfg, NetworkBackend.SuseIfcfg, NetworkBackend.Netctl, NetworkBackend.GentooNetifrc];

    /// <summary>Chooses the backend; <paramref name="configured"/> (from the agent's configuration) wins.</summary>
    /// <exception cref="CommandException">Nothing fits this system.</exception>
    public static NetworkBackend Select(SystemFacts facts, NetworkBackend? configured = null)
    {
        if (configured is { } forced)
        {
            return forced;
        }

        var os = facts.OsRelease;
        var tools = facts.Tools;
        if (os.Id == "freebsd")
        {
            return NetworkBackend.FreeBsdRcConf;
        }

        if (tools.Netplan && (facts.NetplanConfigured || FirstInUse(facts, NotRenderedByNetplan) is null))
        {
            return NetworkBackend.Netplan;
        }

        if (os.IsLike("debian", "ubuntu"))
        {
            return FirstInUse(facts, NetworkBackend.Ifupdown, NetworkBackend.SystemdNetworkd, NetworkBackend.NetworkManager)
                ?? FirstInstalled(tools, NetworkBackend.Ifupdown, NetworkBackend.Ifupdown, NetworkBackend.SystemdNetworkd, NetworkBackend.NetworkManager);
        }

        if (os.IsLike("rhel", "fedora", "centos", "redhat", "ol", "oracle"))
        {
            // Before EL 8 and Fedora 29, initscripts owned the network and NetworkManager was optional.
            var legacy = os.Id == "fedora" ? os.MajorVersion < 29 : os.MajorVersion < 8;
            if (legacy && tools.RedHatNetworkScripts)
            {
                return NetworkBackend.RedHatIfcfg;
            }

            // The network service enabled, or ifcfg files NetworkManager is told to leave alone, mean
            // the legacy scripts run the network even where NetworkManager is installed (and running).
            return FirstInUse(facts, NetworkBackend.RedHatIfcfg, NetworkBackend.NetworkManager, NetworkBackend.SystemdNetworkd)
                ?? FirstInstalled(tools, NetworkBackend.RedHatIfcfg, NetworkBackend.NetworkManager, NetworkBackend.RedHatIfcfg, NetworkBackend.SystemdNetworkd);
        }

        if (os.IsLike("suse", "opensuse", "sles") || os.Id.StartsWith("opensuse", StringComparison.Ordinal))
        {
            return FirstInUse(facts, NetworkBackend.SuseIfcfg, NetworkBackend.NetworkManager)
                ?? (tools.NetworkManager && !tools.Wicked ? NetworkBackend.NetworkManager : NetworkBackend.SuseIfcfg);
        }

        if (os.IsLike("arch", "archlinux"))
        {
            return FirstInUse(facts, NetworkBackend.Netctl, NetworkBackend.SystemdNetworkd, NetworkBackend.NetworkManager)
                ?? FirstInstalled(tools, NetworkBackend.Netctl, NetworkBackend.Netctl, NetworkBackend.SystemdNetworkd, NetworkBackend.NetworkManager);
        }

        if (os.IsLike("gentoo"))
        {
            return FirstInUse(facts, NetworkBackend.GentooNetifrc, NetworkBackend.SystemdNetworkd, NetworkBackend.NetworkManager)
                ?? FirstInstalled(tools, NetworkBackend.GentooNetifrc, NetworkBackend.GentooNetifrc, NetworkBackend.SystemdNetworkd, NetworkBackend.NetworkManager);
        }

        var anyInstalled = FirstInUse(facts, NetworkBackend.NetworkManager, NetworkBackend.SystemdNetworkd, NetworkBackend.Ifupdown)
            ?? FirstInstalled(tools, null, NetworkBackend.NetworkManager, NetworkBackend.SystemdNetworkd, NetworkBackend.Ifupdown);
        return anyInstalled ?? throw new CommandException(
            $"Couldn't figure out my OS (ID '{MessageText.Printable(os.Id)}' with no known network system); set the network backend in the configuration");
    }

    /// <summary>The first candidate that is installed and enabled or running; a leftover enablement link of a removed tool does not count.</summary>
    private static NetworkBackend? FirstInUse(SystemFacts facts, params NetworkBackend[] candidates)
    {
        foreach (var backend in candidates)
        {
            if (facts.ActiveBackends.Contains(backend) && IsInstalled(facts.Tools, backend))
            {
                return backend;
            }
        }

        return null;
    }

    private static NetworkBackend FirstInstalled(InstalledTools tools, NetworkBackend fallback, params NetworkBackend[] preferred) =>
        FirstInstalled(tools, (NetworkBackend?)fallback, preferred) ?? fallback;

    private static NetworkBackend? FirstInstalled(InstalledTools tools, NetworkBackend? fallback, params NetworkBackend[] preferred)
    {
        foreach (var backend in preferred)
        {
            if (IsInstalled(tools, backend))
            {
                return backend;
            }
        }

        return fallback;
    }

    private static bool IsInstalled(InstalledTools tools, NetworkBackend backend) => backend switch
    {
        NetworkBackend.Netplan => tools.Netplan,
        NetworkBackend.Ifupdown => tools.Ifupdown,
        NetworkBackend.SystemdNetworkd => tools.SystemdNetworkd,
        NetworkBackend.NetworkManager => tools.NetworkManager,
        NetworkBackend.RedHatIfcfg => tools.RedHatNetworkScripts,
        NetworkBackend.SuseIfcfg => tools.Wicked,
        NetworkBackend.Netctl => tools.Netctl,
        NetworkBackend.GentooNetifrc => tools.Netifrc,
        _ => false,
    };
}
