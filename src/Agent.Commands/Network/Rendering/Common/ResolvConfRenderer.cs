using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// <c>/etc/resolv.conf</c> in the original's format (<c>nameserver</c> lines under the generated
/// header), keeping the <c>search</c>, <c>domain</c> and <c>options</c> lines of the current file.
/// </summary>
public static class ResolvConfRenderer
{
    /// <summary>The path of the resolver configuration.</summary>
    public const string FilePath = "/etc/resolv.conf";

    /// <summary>Renders the file; nothing when there are no DNS servers.</summary>
    public static RenderResult Render(NetworkConfiguration configuration, IFileView current)
    {
        var servers = configuration.DnsServers;
        if (servers.Count == 0)
        {
            return RenderResult.Empty;
        }

        var kept = (current.ReadText(FilePath) ?? "").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("search ", StringComparison.Ordinal) || l.StartsWith("domain ", StringComparison.Ordinal) || l.StartsWith("options ", StringComparison.Ordinal));
        var text = new ConfigText().Line(ConfigText.Header).Lines(kept).Lines(servers.Select(s => $"nameserver {s}"));
        return RenderResult.Of(new RenderedFile(FilePath, text.ToString(), RenderedFile.Public));
    }
}
