using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// A systemd-resolved drop-in with Nova's servers as global servers (<c>[Resolve] DNS=</c>), for a
/// running resolved that the network system does not feed. Removed again once the servers take
/// another route, so resolved does not keep stale ones.
/// </summary>
internal static class ResolvedDropInRenderer
{
    /// <summary>The drop-in.</summary>
    public const string FilePath = "/etc/systemd/resolved.conf.d/90-guest-agent.conf";

    /// <summary>Renders the drop-in; nothing when there are no DNS servers.</summary>
    public static RenderResult Render(NetworkConfiguration configuration)
    {
        if (configuration.DnsServers.Count == 0)
        {
            return RenderResult.Empty;
        }

        var text = new ConfigText().Line(ConfigText.Header).Line("[Resolve]").Line($"DNS={string.Join(' ', configuration.ScopedDnsServers)}");
        return RenderResult.Of(new RenderedFile(FilePath, text.ToString(), RenderedFile.Public));
    }

    /// <summary>Removes a drop-in an earlier <c>resetnetwork</c> left, when the servers now go elsewhere.</summary>
    public static RenderResult RemoveStale(IFileView current) =>
        current.Exists(FilePath) ? new RenderResult([], [FilePath]) : RenderResult.Empty;
}
