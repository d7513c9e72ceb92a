using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Network.Backends;

/// <summary>systemd-networkd: <c>.network</c> files, reloaded and each interface reconfigured by <c>networkctl</c>.</summary>
internal sealed class NetworkdBackend : NetworkBackendDefinition
{
    /// <inheritdoc />
    public override NetworkBackend Backend => NetworkBackend.SystemdNetworkd;

    /// <inheritdoc />
    public override string Name => "networkd";

    /// <inheritdoc />
    public override string LongName => "systemd-networkd";

    /// <inheritdoc />
    public override INetworkRenderer Renderer { get; } = new NetworkdRenderer();

    /// <inheritdoc />
    public override bool IsInstalled(InstalledTools tools) => tools.SystemdNetworkd;

    /// <inheritdoc />
    /// <remarks>/run/systemd/netif itself is made by tmpfiles whether networkd runs or not; its state file is written by networkd.</remarks>
    public override bool IsInUse(IFileView files, IReadOnlySet<string> enabled) =>
        enabled.Contains("systemd-networkd") || files.Exists("/run/systemd/netif/state");

    /// <inheritdoc />
    public override bool NetplanRendersFor => true;

    /// <inheritdoc />
    public override DnsDelivery DeliversDns(ResolverFacts resolver) => DnsDelivery.ToResolved("systemd-networkd", resolver);

    /// <inheritdoc />
    public override ApplyPlan PlanApply(IReadOnlyList<string> interfaces, SystemFacts facts, IFileView current) =>
        new([], [ApplyStep.Run("networkctl", "reload"), .. interfaces.Select(n => ApplyStep.Run("networkctl", "reconfigure", n))]);
}
