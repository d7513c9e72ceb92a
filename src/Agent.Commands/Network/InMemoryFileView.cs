namespace GuestAgent.Commands.Network;

/// <summary>An <see cref="IFileView"/> over a dictionary of paths and contents (tests, documentation, dry runs).</summary>
public sealed class InMemoryFileView : IFileView
{
    private readonly Dictionary<string, string> _files;
    private readonly HashSet<string> _symbolicLinks;

    /// <summary>Creates the view.</summary>
    /// <param name="files">Absolute paths and their text.</param>
    /// <param name="symbolicLinks">Paths that are symbolic links (they exist but have no text).</param>
    public InMemoryFileView(IReadOnlyDictionary<string, string>? files = null, IEnumerable<string>? symbolicLinks = null)
    {
        _files = new Dictionary<string, string>(files ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        _symbolicLinks = new HashSet<string>(symbolicLinks ?? [], StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public string? ReadText(string path) => _files.GetValueOrDefault(path);

    /// <inheritdoc />
    public bool Exists(string path) =>
        _files.ContainsKey(path) || _symbolicLinks.Contains(path) || _files.Keys.Any(f => f.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal));

    /// <inheritdoc />
    public bool IsSymbolicLink(string path) => _symbolicLinks.Contains(path);

    /// <inheritdoc />
    public IReadOnlyList<string> List(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        return _files.Keys.Concat(_symbolicLinks)
            .Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => p[prefix.Length..].Split('/')[0])
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
    }
}
