using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Network.Backends;

/// <summary>NetworkManager: keyfiles, reloaded and each connection brought up by <c>nmcli</c>.</summary>
internal sealed class NetworkManagerBackend : NetworkBackendDefinition
{
    /// <inheritdoc />
    public override NetworkBackend Backend => NetworkBackend.NetworkManager;

    /// <inheritdoc />
    public override string Name => "networkmanager";

    /// <inheritdoc />
    public override string LongName => "network-manager";

    /// <inheritdoc />
    public override INetworkRenderer Renderer { get; } = new NetworkManagerRenderer();

    /// <inheritdoc />
    public override bool IsInstalled(InstalledTools tools) => tools.NetworkManager;

    /// <inheritdoc />
    public override bool IsInUse(IFileView files, IReadOnlySet<string> enabled) =>
        enabled.Contains("NetworkManager") || files.Exists("/run/NetworkManager");

    /// <inheritdoc />
    public override bool NetplanRendersFor => true;

    /// <inheritdoc />
    public override DnsDelivery DeliversDns(ResolverFacts resolver) => DnsDelivery.ToNetworkManager("NetworkManager", resolver);

    /// <inheritdoc />
    public override ApplyPlan PlanApply(IReadOnlyList<string> interfaces, SystemFacts facts, IFileView current) =>
        new([], [
            ApplyStep.Run("nmcli", "connection", "reload"),
            .. interfaces.Select(n => ApplyStep.Run("nmcli", "connection", "up", NetworkManagerRenderer.ConnectionId(n))),
        ]);
}
