using System.Text;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Rendering.Common;

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
    public override bool IsInUse(IFileView files, IReadOnlySet<string> enabled) =>
        enabled.Contains("network") || HasUnmanagedIfcfg(files);

    /// <inheritdoc />
    public override DnsDelivery DeliversDns(ResolverFacts resolver) => DnsDelivery.InPlace("the network scripts (DNSn)", resolver);

    /// <inheritdoc />
    public override ApplyPlan PlanApply(IReadOnlyList<string> interfaces, SystemFacts facts, IFileView current) =>
        new([], [.. interfaces.Select(ApplyStep.FlushGlobalAddresses), ApplyStep.RestartService(facts.Tools, "network")]);

    /// <inheritdoc />
    public override HostnamePlaces Hostname { get; } = new() { SysconfigNetworkFromRenderer = true };

    /// <summary>
    /// An interface's ifcfg file with <c>NM_CONTROLLED=no</c>: NetworkManager leaves it alone, so
    /// the legacy network service is what brings the interface up. NetworkManager decides that, so
    /// the file is read as its ifcfg-rh plugin reads it (<see cref="IfcfgValueReader"/>, not as
    /// bash would: an <c>export NM_CONTROLLED=no</c> does not count, a CRLF line does), the last
    /// assignment counting, and the value taken as its <c>svParseBoolean</c> takes a boolean:
    /// <c>no</c>, <c>false</c>, <c>n</c>, <c>f</c> and <c>0</c>, in any case. A name that is not UTF-8 counts too, read by
    /// its bytes: the plugin takes names as bytes, and the device it leaves alone is the one the file's HWADDR or DEVICE names.
    /// </summary>
    private static bool HasUnmanagedIfcfg(IFileView files) =>
        files.List(Scripts).Where(IsInterfaceFile).Select(name => files.ReadText($"{Scripts}/{name}"))
            .Concat(files.ListUndecodable(Scripts).Where(name => IsInterfaceFile(Encoding.UTF8.GetString(name)))
                .Select(name => files.ReadUndecodable(Scripts, name) is { } bytes ? Encoding.UTF8.GetString(bytes) : null))
            .Select(text => IfcfgValueReader.Get(text, "NM_CONTROLLED"))
            .Any(value => value?.ToLowerInvariant() is "no" or "false" or "n" or "f" or "0");

    /// <summary>An interface's ifcfg file, by its name: not the loopback's, nor one with a dot (a backup's <c>.bak</c>).</summary>
    private static bool IsInterfaceFile(string name) =>
        name.StartsWith("ifcfg-", StringComparison.Ordinal) && name != "ifcfg-lo" && !name.Contains('.', StringComparison.Ordinal);
}
