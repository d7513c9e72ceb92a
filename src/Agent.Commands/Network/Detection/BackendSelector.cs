using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// Chooses the network configuration system to write for, from the distribution and what is
/// installed. netplan wins wherever it is installed (it owns the network there); otherwise each
/// family gets its native system, preferring what is actually present.
/// </summary>
public static class BackendSelector
{
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

        if (tools.Netplan)
        {
            return NetworkBackend.Netplan;
        }

        if (os.IsLike("debian", "ubuntu"))
        {
            return FirstInstalled(tools, NetworkBackend.Ifupdown, NetworkBackend.Ifupdown, NetworkBackend.SystemdNetworkd, NetworkBackend.NetworkManager);
        }

        if (os.IsLike("rhel", "fedora", "centos", "redhat", "ol", "oracle"))
        {
            // Before EL 8 and Fedora 29, initscripts owned the network and NetworkManager was optional.
            var legacy = os.Id == "fedora" ? os.MajorVersion < 29 : os.MajorVersion < 8;
            return legacy && tools.RedHatNetworkScripts
                ? NetworkBackend.RedHatIfcfg
                : FirstInstalled(tools, NetworkBackend.RedHatIfcfg, NetworkBackend.NetworkManager, NetworkBackend.RedHatIfcfg, NetworkBackend.SystemdNetworkd);
        }

        if (os.IsLike("suse", "opensuse", "sles") || os.Id.StartsWith("opensuse", StringComparison.Ordinal))
        {
            return tools.NetworkManager && !tools.Wicked ? NetworkBackend.NetworkManager : NetworkBackend.SuseIfcfg;
        }

        if (os.IsLike("arch", "archlinux"))
        {
            return FirstInstalled(tools, NetworkBackend.Netctl, NetworkBackend.Netctl, NetworkBackend.SystemdNetworkd, NetworkBackend.NetworkManager);
        }

        if (os.IsLike("gentoo"))
        {
            return FirstInstalled(tools, NetworkBackend.GentooNetifrc, NetworkBackend.GentooNetifrc, NetworkBackend.SystemdNetworkd, NetworkBackend.NetworkManager);
        }

        var anyInstalled = FirstInstalled(tools, null, NetworkBackend.NetworkManager, NetworkBackend.SystemdNetworkd, NetworkBackend.Ifupdown);
        return anyInstalled ?? throw new CommandException(
            $"Couldn't figure out my OS (ID '{MessageText.Printable(os.Id)}' with no known network system); set the network backend in the configuration");
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
