using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Network.Backends;

/// <summary>
/// SUSE's sysconfig files, run by wicked: <c>ifcfg-*</c>, <c>ifroute-*</c> and
/// <c>/etc/sysconfig/network/config</c>, whose DNS servers netconfig writes out; made live by
/// restarting the <c>network</c> service.
/// </summary>
internal sealed class SuseIfcfgBackend : NetworkBackendDefinition
{
    /// <inheritdoc />
    public override NetworkBackend Backend => NetworkBackend.SuseIfcfg;

    /// <inheritdoc />
    public override string Name => "suse";

    /// <inheritdoc />
    public override string LongName => "suse-ifcfg";

    /// <inheritdoc />
    public override INetworkRenderer Renderer { get; } = new SuseRenderer();

    /// <inheritdoc />
    public override bool IsInstalled(InstalledTools tools) => tools.Wicked;

    /// <inheritdoc />
    public override bool IsInUse(IFileView files, IReadOnlySet<string> enabled) =>
        enabled.Contains("wicked") || files.Exists("/run/wicked");

    /// <inheritdoc />
    /// <remarks>wicked hands <c>NETCONFIG_DNS_STATIC_SERVERS</c> to netconfig, which writes resolv.conf (or its own linked file).</remarks>
    public override DnsDelivery DeliversDns(ResolverFacts resolver) =>
        resolver.NetconfigDnsDisabled ? DnsDelivery.Nowhere("netconfig: NETCONFIG_DNS_POLICY is empty, static DNS servers are ignored")
        : resolver.Owner == ResolverManager.None || (resolver.Owner == ResolverManager.Netconfig && resolver.OwnerActive)
            ? new DnsDelivery(true, "netconfig writes /etc/resolv.conf from NETCONFIG_DNS_STATIC_SERVERS")
            : DnsDelivery.Nowhere("netconfig: /etc/resolv.conf links to another manager's file");

    /// <inheritdoc />
    public override ApplyPlan PlanApply(IReadOnlyList<string> interfaces, SystemFacts facts, IFileView current) =>
        new([], [ApplyStep.RestartService(facts.Tools, "network")]);

    /// <inheritdoc />
    public override HostnamePlaces Hostname { get; } = new() { SuseHostnameFile = true };
}
