using System.Collections.Immutable;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Network.Detection;

/// <summary>
/// Chooses the network configuration system to write for. The configured backend wins; then the
/// only system of the operating system (FreeBSD's). netplan wins where it is installed and owns the
/// network: it has a configuration file (<see cref="SystemFacts.NetplanConfigured"/>), or no network
/// system it cannot render for is in use. Installed alone proves nothing, since netplan without a
/// file configures nothing: ifupdown (or ifcfg, wicked, netctl, netifrc) in use next to it owns the
/// network, as on a Debian 12 cloud image that merely has netplan.io installed, where a netplan file
/// of ours would make networkd manage the interfaces ifupdown already manages. networkd and
/// NetworkManager in use are no sign against netplan, which renders for them (a fresh Ubuntu image
/// has networkd enabled and no netplan file yet). Otherwise, within the distribution family's
/// candidates (<see cref="DistributionFamilies"/>), the first one that is both installed and in use
/// (enabled or running, <see cref="SystemFacts.ActiveBackends"/>) wins, and only when none is in use
/// does the choice fall back to what is installed.
/// </summary>
internal static class BackendSelector
{
    /// <summary>The network systems netplan cannot render for: one of them in use runs the network from its own files.</summary>
    private static readonly ImmutableArray<NetworkBackend> NotRenderedByNetplan =
        [.. NetworkBackends.All.Where(b => !b.NetplanRendersFor).Select(b => b.Backend)];

    /// <summary>Chooses the backend; <paramref name="configured"/> (from the agent's configuration) wins.</summary>
    /// <exception cref="CommandException">Nothing fits this system.</exception>
    public static NetworkBackend Select(SystemFacts facts, NetworkBackend? configured = null)
    {
        if (configured is { } forced)
        {
            return forced;
        }

        if (NetworkBackends.All.FirstOrDefault(b => b.IsOnlyChoiceOn(facts.OsRelease)) is { } only)
        {
            return only.Backend;
        }

        if (IsInstalled(facts.Tools, NetworkBackend.Netplan) && (facts.NetplanConfigured || FirstInUse(facts, NotRenderedByNetplan) is null))
        {
            return NetworkBackend.Netplan;
        }

        foreach (var family in DistributionFamilies.All.Where(f => f.Matches(facts)))
        {
            if ((FirstInUse(facts, family.InUse) ?? FirstInstalled(facts.Tools, family.Installed) ?? family.Fallback) is { } chosen)
            {
                return chosen;
            }
        }

        throw new CommandException(
            $"Couldn't figure out my OS (ID '{MessageText.Printable(facts.OsRelease.Id)}' with no known network system); set the network backend ('network.backend' in the agent's configuration, NetworkOptions.Backend where the SDK is hosted)");
    }

    /// <summary>The first candidate that is installed and enabled or running; a leftover enablement link of a removed tool does not count.</summary>
    private static NetworkBackend? FirstInUse(SystemFacts facts, ImmutableArray<NetworkBackend> candidates)
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

    private static NetworkBackend? FirstInstalled(InstalledTools tools, ImmutableArray<NetworkBackend> candidates)
    {
        foreach (var backend in candidates)
        {
            if (IsInstalled(tools, backend))
            {
                return backend;
            }
        }

        return null;
    }

    private static bool IsInstalled(InstalledTools tools, NetworkBackend backend) => NetworkBackends.For(backend).IsInstalled(tools);
}
