using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Network.Backends;

/// <summary>
/// netplan: YAML in <c>/etc/netplan</c>, rendered by netplan for networkd or NetworkManager.
/// Chosen before the distribution's preference where it owns the network (<see cref="BackendSelector"/>);
/// it has no service of its own to be seen in use.
/// </summary>
internal sealed class NetplanBackend : NetworkBackendDefinition
{
    /// <inheritdoc />
    public override NetworkBackend Backend => NetworkBackend.Netplan;

    /// <inheritdoc />
    public override string Name => "netplan";

    /// <inheritdoc />
    public override string LongName => "netplan";

    /// <inheritdoc />
    public override INetworkRenderer Renderer { get; } = new NetplanRenderer();

    /// <inheritdoc />
    public override bool IsInstalled(InstalledTools tools) => tools.Netplan;

    /// <inheritdoc />
    public override bool NetplanRendersFor => true;

    /// <inheritdoc />
    public override DnsDelivery DeliversDns(ResolverFacts resolver) => resolver.NetplanRendersNetworkManager
        ? DnsDelivery.ToNetworkManager("netplan (NetworkManager renderer)", resolver)
        : DnsDelivery.ToResolved("netplan (networkd renderer)", resolver);

    /// <inheritdoc />
    public override ResolverFacts ResolverAfter(ResolverFacts resolver, NetworkConfiguration configuration, IFileView current, RenderResult rendered) =>
        resolver with { NetplanRendersNetworkManager = NetplanDns.RendersNetworkManager(configuration, current, rendered) };

    /// <inheritdoc />
    public override ApplyPlan PlanApply(IReadOnlyList<string> interfaces, SystemFacts facts, IFileView current) =>
        new([], [ApplyStep.Run("netplan", "apply")]);
}
