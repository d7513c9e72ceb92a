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
        var backendFiles = RendererCatalog.For(backend).Render(configuration, current);
        var result = backendFiles
            .Concat(HostnameFilesRenderer.Render(backend, configuration.Hostname, current))
            .Concat(HostsFileRenderer.Render(configuration, current));
        var dns = DnsRouting.Decide(backend, After(facts, backend, configuration, current, backendFiles), options.ResolvConf);
        return dns.Target switch
        {
            DnsTarget.ResolvConf => result.Concat(ResolvConfRenderer.Render(configuration, current, dns.ReplaceLink)).Concat(StaleDropIn(configuration, current)),
            DnsTarget.ResolvedDropIn => result.Concat(ResolvedDropInRenderer.Render(configuration)),
            DnsTarget.BackendFiles => result.Concat(StaleDropIn(configuration, current)),
            _ => result,
        };
    }

    /// <summary>Where the DNS servers go, as <see cref="Render"/> decides it (the backend's files rendered to see them as they will be).</summary>
    public static DnsRoute RouteDns(NetworkConfiguration configuration, NetworkBackend backend, SystemFacts facts, NetworkOptions options, IFileView current) =>
        DnsRouting.Decide(backend, After(facts, backend, configuration, current, RendererCatalog.For(backend).Render(configuration, current)), options.ResolvConf);

    /// <summary>The facts as the DNS decision sees them once the backend's files are written (<see cref="Backends.NetworkBackendDefinition.ResolverAfter"/>).</summary>
    private static SystemFacts After(SystemFacts facts, NetworkBackend backend, NetworkConfiguration configuration, IFileView current, RenderResult backendFiles) =>
        facts with { Resolver = Backends.NetworkBackends.For(backend).ResolverAfter(facts.Resolver, configuration, current, backendFiles) };

    /// <summary>A drop-in of an earlier run goes once new servers take another route.</summary>
    private static RenderResult StaleDropIn(NetworkConfiguration configuration, IFileView current) =>
        configuration.DnsServers.Count > 0 ? ResolvedDropInRenderer.RemoveStale(current) : RenderResult.Empty;
}
