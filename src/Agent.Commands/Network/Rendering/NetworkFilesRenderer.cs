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
            DnsTarget.ResolvConf => result.Concat(UnlessPinned(ResolvConfRenderer.Render(configuration, current, dns.ReplaceLink), current)).Concat(StaleDropIn(configuration, current)),
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

    /// <summary>
    /// <c>/etc/resolv.conf</c> as rendered, or nothing where the administrator pinned the file with the immutable
    /// attribute (<c>chattr +i</c>): left as it is, as NetworkManager leaves such a file (<c>rc-manager=immutable</c>,
    /// "not updating resolv.conf"), with a warning when it does not say what would have been written. Written anyway,
    /// the rename over it fails (<c>EPERM</c>) and so would every reset, the addresses Nova sends never applied.
    /// </summary>
    private static RenderResult UnlessPinned(RenderResult resolvConf, IFileView current) =>
        resolvConf.Files is [var file] && current.IsImmutable(file.Path)
            ? RenderResult.Empty with
            {
                Warnings = current.ReadText(file.Path) == file.Contents
                    ? []
                    : [$"{file.Path} is immutable (chattr +i): left as it is, without the DNS servers sent; take the attribute off for the agent to write it, or set network.resolvConf to never"],
            }
            : resolvConf;

    /// <summary>A drop-in of an earlier run goes once new servers take another route.</summary>
    private static RenderResult StaleDropIn(NetworkConfiguration configuration, IFileView current) =>
        configuration.DnsServers.Count > 0 ? ResolvedDropInRenderer.RemoveStale(current) : RenderResult.Empty;
}
