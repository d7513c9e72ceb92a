using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;

namespace GuestAgent.Commands.Network.Rendering.Common;

/// <summary>
/// <c>/etc/resolv.conf</c> in the original's format (<c>nameserver</c> lines under the generated
/// header), keeping the <c>search</c>, <c>domain</c>, <c>sortlist</c> and <c>options</c> lines of the current file
/// (less <c>trust-ad</c> where the file named other servers: <see cref="WithoutTrustAd"/>).
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
        var lines = (currentText ?? "").Split('\n').Select(l => l.TrimEnd()).ToArray();
        var scoped = configuration.ScopedDnsServers;
        var sameServers = lines.Where(l => StartsWithKeyword(l, "nameserver")).Select(FirstArgument).ToHashSet(StringComparer.Ordinal).SetEquals(scoped);
        var kept = lines.Where(IsKept).Select(l => sameServers ? l : WithoutTrustAd(l)).OfType<string>();
        var text = new ConfigText().Line(ConfigText.Header).Lines(kept).Lines(scoped.Select(s => $"nameserver {s}"));
        return RenderResult.Of(new RenderedFile(FilePath, text.ToString(), RenderedFile.Public) { ReplacesSymbolicLink = replaceLink });
    }

    /// <summary>
    /// A <c>search</c>, <c>domain</c>, <c>sortlist</c> or <c>options</c> line: the keyword at the line's
    /// start, then a space or a tab, as glibc's resolver matches it (<c>search\texample.com</c> is one
    /// too; an indented <c>  search x</c> is not, and must not become one in the new file). A
    /// <c>sortlist</c> orders the addresses <c>gethostbyname</c> returns, whatever server answered.
    /// </summary>
    private static bool IsKept(string line) =>
        StartsWithKeyword(line, "search") || StartsWithKeyword(line, "domain") || StartsWithKeyword(line, "sortlist") || StartsWithKeyword(line, "options");

    /// <summary>
    /// <paramref name="line"/> without glibc's <c>trust-ad</c> option (<c>null</c> for an <c>options</c>
    /// line left with none). The option says the servers the file names validate DNSSEC for the
    /// machine (resolv.conf(5): "e.g. on localhost"; systemd-resolved's files carry it for
    /// <c>127.0.0.53</c>): glibc then sets the AD bit in its queries and passes the answers' on to
    /// applications (OpenSSH trusts an SSHFP record so marked). Nova's servers are not the ones it
    /// spoke of, so it is kept only where the file already named the same servers.
    /// </summary>
    private static string? WithoutTrustAd(string line)
    {
        if (!StartsWithKeyword(line, "options"))
        {
            return line;
        }

        var options = line["options".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (!options.Contains("trust-ad", StringComparer.Ordinal))
        {
            return line;
        }

        var others = options.Where(o => o != "trust-ad").ToArray();
        return others.Length == 0 ? null : $"options {string.Join(' ', others)}";
    }

    /// <summary>The first word after a line's keyword, as glibc reads a <c>nameserver</c> line's address.</summary>
    private static string FirstArgument(string line) =>
        line.Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries) is [_, var first, ..] ? first : "";

    private static bool StartsWithKeyword(string line, string keyword) =>
        line.Length > keyword.Length && line.StartsWith(keyword, StringComparison.Ordinal) && line[keyword.Length] is ' ' or '\t';
}
