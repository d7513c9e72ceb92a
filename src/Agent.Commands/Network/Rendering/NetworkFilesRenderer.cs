using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Dns;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Everything <c>resetnetwork</c> writes for one system: the backend's files, the hostname files,
/// <c>/etc/hosts</c>, and <c>/etc/resolv.conf</c> (or a systemd-resolved drop-in) when the
/// backend's DNS servers would not reach the resolver through a manager (<see cref="DnsRouting"/>).
/// </summary>
internal static class NetworkFilesRenderer
{
    /// <summary>Renders every file.</summary>
    public static RenderResult Render(NetworkConfiguration configuration, NetworkBackend backend, SystemFacts facts, NetworkOptions options, IFileView current)
    {
        var result = RendererCatalog.For(backend).Render(configuration, current)
            .Concat(HostnameFilesRenderer.Render(backend, configuration.Hostname, current))
            .Concat(HostsFileRenderer.Render(configuration, current));
        var dns = DnsRouting.Decide(backend, facts, options.ResolvConf);
        return dns.Target switch
        {
            DnsTarget.ResolvConf => result.Concat(ResolvConfRenderer.Render(configuration, current, dns.ReplaceLink)).Concat(StaleDropIn(configuration, current)),
            DnsTarget.ResolvedDropIn => result.Concat(ResolvedDropInRenderer.Render(configuration)),
            DnsTarget.BackendFiles => result.Concat(StaleDropIn(configuration, current)),
            _ => result,
        };
    }

    /// <summary>A drop-in of an earlier run goes once new servers take another route.</summary>
    private static RenderResult StaleDropIn(NetworkConfiguration configuration, IFileView current) =>
        configuration.DnsServers.Count > 0 ? ResolvedDropInRenderer.RemoveStale(current) : RenderResult.Empty;
}
