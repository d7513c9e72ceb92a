using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// Everything <c>resetnetwork</c> writes for one system: the backend's files, the hostname files,
/// <c>/etc/hosts</c>, and <c>/etc/resolv.conf</c> when nothing else manages DNS.
/// </summary>
public static class NetworkFilesRenderer
{
    /// <summary>Renders every file.</summary>
    public static RenderResult Render(NetworkConfiguration configuration, NetworkBackend backend, SystemFacts facts, NetworkOptions options, IFileView current)
    {
        var result = RendererCatalog.For(backend).Render(configuration, current)
            .Concat(HostnameFilesRenderer.Render(backend, configuration.Hostname, current))
            .Concat(HostsFileRenderer.Render(configuration, current));
        return WritesResolvConf(backend, facts, options) ? result.Concat(ResolvConfRenderer.Render(configuration, current)) : result;
    }

    /// <summary>Whether the agent itself writes <c>/etc/resolv.conf</c> on this system.</summary>
    public static bool WritesResolvConf(NetworkBackend backend, SystemFacts facts, NetworkOptions options) => options.ResolvConf switch
    {
        ResolvConfPolicy.Always => true,
        ResolvConfPolicy.Never => false,

        // NetworkManager, initscripts (DNSn), SUSE netconfig and netifrc write resolv.conf themselves.
        _ => !facts.ResolvConfManaged && backend is NetworkBackend.Netplan or NetworkBackend.Ifupdown
            or NetworkBackend.SystemdNetworkd or NetworkBackend.Netctl or NetworkBackend.FreeBsdRcConf,
    };
}
