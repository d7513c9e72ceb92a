using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// <c>/etc/resolv.conf</c> in the original's format (<c>nameserver</c> lines under the generated
/// header), keeping the <c>search</c>, <c>domain</c> and <c>options</c> lines of the current file.
/// </summary>
internal static class ResolvConfRenderer
{
    /// <summary>The path of the resolver configuration.</summary>
    public const string FilePath = ResolverProbe.ResolvConf;

    /// <summary>Renders the file; nothing when there are no DNS servers.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="current">The current files.</param>
    /// <param name="replaceLink">
    /// Whether a link at <c>/etc/resolv.conf</c> is replaced by the file; the kept lines then come
    /// from the file it points to, if there is one.
    /// </param>
    public static RenderResult Render(NetworkConfiguration configuration, IFileView current, bool replaceLink = false)
    {
        var servers = configuration.DnsServers;
        if (servers.Count == 0)
        {
            return RenderResult.Empty;
        }

        var currentText = current.ReadLink(FilePath) is { } target ? current.ReadText(ResolverProbe.Normalize(target)) : current.ReadText(FilePath);
        var kept = (currentText ?? "").Split('\n')
            .Select(l => l.TrimEnd())
            .Where(IsKept);
        var text = new ConfigText().Line(ConfigText.Header).Lines(kept).Lines(configuration.ScopedDnsServers.Select(s => $"nameserver {s}"));
        return RenderResult.Of(new RenderedFile(FilePath, text.ToString(), RenderedFile.Public) { ReplacesSymbolicLink = replaceLink });
    }

    /// <summary>
    /// A <c>search</c>, <c>domain</c> or <c>options</c> line: the keyword at the line's start, then a
    /// space or a tab, as glibc's resolver matches it (<c>search\texample.com</c> is one too; an
    /// indented <c>  search x</c> is not, and must not become one in the new file).
    /// </summary>
    private static bool IsKept(string line) =>
        StartsWithKeyword(line, "search") || StartsWithKeyword(line, "domain") || StartsWithKeyword(line, "options");

    private static bool StartsWithKeyword(string line, string keyword) =>
        line.Length > keyword.Length && line.StartsWith(keyword, StringComparison.Ordinal) && line[keyword.Length] is ' ' or '\t';
}
