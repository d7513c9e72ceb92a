using GuestAgent.Platform;

namespace GuestAgent.Commands.Network;

/// <summary>An <see cref="IFileView"/> over a dictionary of paths and contents (tests, documentation, dry runs).</summary>
internal sealed class InMemoryFileView : IFileView
{
    private readonly Dictionary<string, string> _files;
    private readonly Dictionary<string, string?> _symbolicLinks;
    private readonly IReadOnlyDictionary<string, byte[][]> _undecodable;
    private readonly IReadOnlyDictionary<string, FileStatus> _statuses;

    /// <summary>Creates the view.</summary>
    /// <param name="files">Absolute paths and their text.</param>
    /// <param name="symbolicLinks">Paths that are symbolic links with no known target (they exist but have no text).</param>
    /// <param name="linkTargets">Paths that are symbolic links, and their targets as stored.</param>
    /// <param name="undecodable">Directories, and the names in them that are not valid UTF-8 (<see cref="IFileView.ListUndecodable"/>).</param>
    /// <param name="statuses">Paths and their kind, mode and owner (<see cref="IFileView.GetStatus"/>); any other path's cannot be told.</param>
    public InMemoryFileView(
        IReadOnlyDictionary<string, string>? files = null,
        IEnumerable<string>? symbolicLinks = null,
        IReadOnlyDictionary<string, string>? linkTargets = null,
        IReadOnlyDictionary<string, byte[][]>? undecodable = null,
        IReadOnlyDictionary<string, FileStatus>? statuses = null)
    {
        _statuses = statuses ?? new Dictionary<string, FileStatus>(StringComparer.Ordinal);
        _undecodable = undecodable ?? new Dictionary<string, byte[][]>(StringComparer.Ordinal);
        _files = new Dictionary<string, string>(files ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        _symbolicLinks = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var link in symbolicLinks ?? [])
        {
            _symbolicLinks[link] = null;
        }

        foreach (var (link, target) in linkTargets ?? new Dictionary<string, string>())
        {
            _symbolicLinks[link] = target;
        }
    }

    /// <inheritdoc />
    public string? ReadText(string path) => _files.GetValueOrDefault(path);

    /// <inheritdoc />
    public byte[]? ReadBytes(string path) => ReadText(path) is { } text ? System.Text.Encoding.UTF8.GetBytes(text) : null;

    /// <inheritdoc />
    public FileStatus? GetStatus(string path) => _statuses.TryGetValue(path, out var status) ? status : null;

    /// <inheritdoc />
    public bool Exists(string path) =>
        _files.ContainsKey(path) || _symbolicLinks.ContainsKey(path) || AllPaths.Any(f => f.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal));

    /// <inheritdoc />
    public bool IsSymbolicLink(string path) => _symbolicLinks.ContainsKey(path);

    /// <inheritdoc />
    public string? ReadLink(string path) => _symbolicLinks.GetValueOrDefault(path);

    /// <inheritdoc />
    public IReadOnlyList<string> List(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        return AllPaths
            .Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => p[prefix.Length..].Split('/')[0])
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<byte[]> ListUndecodable(string directory) => _undecodable.GetValueOrDefault(directory) ?? [];

    /// <inheritdoc />
    /// <remarks>Always <c>null</c>: the view holds files by string paths only, which cannot lie below such a name.</remarks>
    public byte[]? ReadBelowUndecodable(string directory, byte[] name, string file) => null;

    /// <inheritdoc />
    /// <remarks>Always <c>null</c>: the view holds files by string paths only, which cannot name such a file.</remarks>
    public byte[]? ReadUndecodable(string directory, byte[] name) => null;

    /// <inheritdoc />
    /// <remarks>Always <c>null</c>: the view holds links by string paths only, which cannot name such a link.</remarks>
    public string? ReadUndecodableLink(string directory, byte[] name) => null;

    private IEnumerable<string> AllPaths => _files.Keys.Concat(_symbolicLinks.Keys);
}
