using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Network.Backends;

/// <summary>
/// Gentoo's netifrc: <c>/etc/conf.d/net</c>, made live by restarting each interface's OpenRC
/// service <c>/etc/init.d/net.&lt;if&gt;</c> (linked to <c>net.lo</c> first where it is missing).
/// </summary>
internal sealed class GentooNetifrcBackend : NetworkBackendDefinition
{
    /// <inheritdoc />
    public override NetworkBackend Backend => NetworkBackend.GentooNetifrc;

    /// <inheritdoc />
    public override string Name => "gentoo";

    /// <inheritdoc />
    public override string LongName => "gentoo-netifrc";

    /// <inheritdoc />
    public override INetworkRenderer Renderer { get; } = new GentooRenderer();

    /// <inheritdoc />
    public override bool IsInstalled(InstalledTools tools) => tools.Netifrc;

    /// <inheritdoc />
    /// <remarks>net.lo sits in every Gentoo boot runlevel; only an interface's own service shows netifrc configures the network.</remarks>
    public override bool IsInUse(IFileView files, IReadOnlySet<string> enabled) =>
        enabled.Any(s => (s.StartsWith("net.", StringComparison.Ordinal) && s != "net.lo") || s.StartsWith("net@", StringComparison.Ordinal));

    /// <inheritdoc />
    public override DnsDelivery DeliversDns(ResolverFacts resolver) => resolver.Resolvconf == ResolvconfKind.None
        ? DnsDelivery.InPlace("netifrc", resolver)
        : DnsDelivery.ToResolvconf("netifrc", resolver);

    /// <inheritdoc />
    public override ApplyPlan PlanApply(IReadOnlyList<string> interfaces, SystemFacts facts, IFileView current)
    {
        var after = new List<ApplyStep>();
        foreach (var name in interfaces)
        {
            if (!current.Exists($"/etc/init.d/net.{name}"))
            {
                after.Add(ApplyPlanner.NetifrcServiceLink(name));
            }

            after.Add(ApplyStep.Run($"/etc/init.d/net.{name}", "restart"));
        }

        return new ApplyPlan([], after);
    }

    /// <inheritdoc />
    public override HostnamePlaces Hostname { get; } = new() { ConfDHostnameFile = true };
}
