namespace GuestAgent.Commands.Network.Rendering;

/// <summary>What a renderer produced: files to write and stale files to remove (after a backup).</summary>
/// <param name="Files">Files to write, in order.</param>
/// <param name="Removals">Absolute paths of files that must go, because they would contradict the new configuration.</param>
internal sealed record RenderResult(IReadOnlyList<RenderedFile> Files, IReadOnlyList<string> Removals)
{
    /// <summary>
    /// What the configuration asks that the files cannot hold and that is left out, for the log
    /// (FreeBSD's <c>rc.conf</c> holds one default router: a later interface's gateway is not written),
    /// or what of the previous files is left out against an administrator's wish (ifupdown's <c>rename</c> of one of ours).
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Nothing to write.</summary>
    public static RenderResult Empty { get; } = new([], []);

    /// <summary>Files only.</summary>
    public static RenderResult Of(params RenderedFile[] files) => new(files, []);

    /// <summary>This result followed by <paramref name="other"/>; a path may appear only once.</summary>
    public RenderResult Concat(RenderResult other)
    {
        var files = Files.Concat(other.Files).ToArray();
        var duplicate = files.GroupBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two renderers write {duplicate.Key}");
        }

        return new RenderResult(files, Removals.Concat(other.Removals).Distinct(StringComparer.Ordinal).ToArray())
        {
            Warnings = Warnings.Concat(other.Warnings).ToArray(),
        };
    }
}
