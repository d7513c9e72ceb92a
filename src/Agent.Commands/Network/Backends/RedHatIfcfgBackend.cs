using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Network.Backends;

/// <summary>
/// Red Hat's initscripts: <c>ifcfg-*</c> and <c>route-*</c> in <c>/etc/sysconfig/network-scripts</c>
/// and <c>/etc/sysconfig/network</c> (which holds the hostname too), made live by restarting the
/// <c>network</c> service.
/// </summary>
internal sealed class RedHatIfcfgBackend : NetworkBackendDefinition
{
    private const string Scripts = "/etc/sysconfig/network-scripts";

    /// <inheritdoc />
    public override NetworkBackend Backend => NetworkBackend.RedHatIfcfg;

    /// <inheritdoc />
    public override string Name => "redhat";

    /// <inheritdoc />
    public override string LongName => "redhat-ifcfg";

    /// <inheritdoc />
    public override INetworkRenderer Renderer { get; } = new RedHatRenderer();

    /// <inheritdoc />
    public override bool IsInstalled(InstalledTools tools) => tools.RedHatNetworkScripts;

    /// <inheritdoc />
    /// <remarks>
    /// Also an ifcfg file from which NetworkManager takes a device to leave alone (<see cref="UnmanagedIfcfgFiles"/>): only the
    /// network service brings that device up, so NetworkManager's files would configure nothing there.
    /// </remarks>
    public override bool IsInUse(IFileView files, IReadOnlySet<string> enabled) =>
        enabled.Contains("network") || UnmanagedIfcfgFiles.Any(files, Scripts);

    /// <inheritdoc />
    public override DnsDelivery DeliversDns(ResolverFacts resolver) => DnsDelivery.InPlace("the network scripts (DNSn)", resolver);

    /// <inheritdoc />
    public override ApplyPlan PlanApply(IReadOnlyList<string> interfaces, SystemFacts facts, IFileView current) =>
        new([], [.. interfaces.Select(ApplyStep.FlushGlobalAddresses), ApplyStep.RestartService(facts.Tools, "network")]);

    /// <inheritdoc />
    public override HostnamePlaces Hostname { get; } = new() { SysconfigNetworkFromRenderer = true };
}
