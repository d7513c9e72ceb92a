namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// The files a renderer recognises as its own by name (a fixed prefix and suffix in one directory),
/// so the ones for interfaces that are no longer configured can be removed.
/// </summary>
internal static class OwnedFiles
{
    /// <summary>Our files in <paramref name="directory"/> that are not among <paramref name="written"/>.</summary>
    public static string[] Stale(IFileView current, string directory, string prefix, string suffix, IEnumerable<RenderedFile> written)
    {
        var keep = written.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        return current.List(directory)
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal))
            .Select(name => $"{directory}/{name}")
            .Where(path => !keep.Contains(path))
            .ToArray();
    }
}
