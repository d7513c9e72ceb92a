namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// The files a renderer recognises as its own by name (a fixed prefix and suffix in one directory),
/// so the ones for interfaces that are no longer configured can be removed.
/// </summary>
internal static class OwnedFiles
{
    /// <summary>
    /// Our files in <paramref name="directory"/> that are not among <paramref name="written"/>. A name that is not valid UTF-8
    /// (<c>05-guest-agent-old\xE9.network</c>) is never ours, every name the agent writes being a string: listed decoded with
    /// <c>U+FFFD</c>, a path that names nothing, it is left out (moving it aside would fail, and the reset with it, every time).
    /// </summary>
    public static string[] Stale(IFileView current, string directory, string prefix, string suffix, IEnumerable<RenderedFile> written)
    {
        var keep = written.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        return current.List(directory)
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal))
            .Select(name => $"{directory}/{name}")
            .Where(path => !keep.Contains(path) && current.Exists(path))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }
}
