using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Network.Backends;

/// <summary>
/// FreeBSD's <c>/etc/rc.conf</c>, which holds the hostname too; made live by its rc scripts. The
/// only network system of FreeBSD, and none of Linux's.
/// </summary>
internal sealed class FreeBsdRcConfBackend : NetworkBackendDefinition
{
    /// <inheritdoc />
    public override NetworkBackend Backend => NetworkBackend.FreeBsdRcConf;

    /// <inheritdoc />
    public override string Name => "freebsd";

    /// <inheritdoc />
    public override string LongName => "freebsd-rcconf";

    /// <inheritdoc />
    public override INetworkRenderer Renderer { get; } = new FreeBsdRenderer();

    /// <inheritdoc />
    /// <remarks>Not a tool the probe looks for: FreeBSD is recognised by its operating system (<see cref="IsOnlyChoiceOn"/>).</remarks>
    public override bool IsInstalled(InstalledTools tools) => false;

    /// <inheritdoc />
    public override bool IsOnlyChoiceOn(OsRelease os) => os.Id == "freebsd";

    /// <inheritdoc />
    public override DnsDelivery DeliversDns(ResolverFacts resolver) => DnsDelivery.Nowhere("FreeBSD: rc.conf carries no DNS servers");

    /// <inheritdoc />
    public override ApplyPlan PlanApply(IReadOnlyList<string> interfaces, SystemFacts facts, IFileView current) =>
        new([], [ApplyStep.Run("/etc/rc.d/netif", "restart"), ApplyStep.Try("/etc/rc.d/routing", "restart")]);

    /// <inheritdoc />
    public override HostnamePlaces Hostname { get; } = new() { OnlyInBackendFiles = true };
}
