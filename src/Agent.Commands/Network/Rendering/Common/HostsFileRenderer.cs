using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// <c>/etc/hosts</c>: the first IPv4 and the first IPv6 address of every interface are mapped to
/// the hostname (the new one, else the current one) with <see cref="HostsFileRewriter"/>.
/// </summary>
internal static class HostsFileRenderer
{
    /// <summary>The path of the hosts file.</summary>
    public const string FilePath = "/etc/hosts";

    /// <summary>
    /// What a hosts file made from nothing starts with: without these lines <c>localhost</c> stops
    /// resolving (the original agent wrote only its own line into a missing file).
    /// </summary>
    public const string LoopbackLines = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";

    /// <summary>Renders <c>/etc/hosts</c>; nothing when no hostname is known.</summary>
    public static RenderResult Render(NetworkConfiguration configuration, IFileView current)
    {
        if (configuration.EffectiveHostname is not { } hostname)
        {
            return RenderResult.Empty;
        }

        var addresses = configuration.Interfaces.SelectMany(i =>
            i.IPv4Addresses.Take(1).Concat(i.IPv6Addresses.Take(1)).Select(a => a.Address));
        var text = HostsFileRewriter.Rewrite(current.ReadText(FilePath) ?? LoopbackLines, addresses, hostname);
        return RenderResult.Of(new RenderedFile(FilePath, text, RenderedFile.Public));
    }
}
