using GuestAgent.Platform;

namespace GuestAgent.Commands.Network.Rendering;

/// <summary>
/// The files as they will be once a <see cref="RenderResult"/> is applied: its files written, its
/// removals gone, everything else as <paramref name="current"/> has it. Lets a decision that
/// depends on the result (which renderer netplan gives our interfaces) be taken on the files the
/// system will read, before anything is written.
/// </summary>
/// <param name="current">The files now.</param>
/// <param name="result">What will be written and removed.</param>
internal sealed class RenderedFileView(IFileView current, RenderResult result) : IFileView
{
    private readonly Dictionary<string, string> _written = result.Files.ToDictionary(f => f.Path, f => f.Contents, StringComparer.Ordinal);
    private readonly HashSet<string> _removed = result.Removals.ToHashSet(StringComparer.Ordinal);

    /// <inheritdoc />
    public string? ReadText(string path) =>
        _written.TryGetValue(path, out var contents) ? contents : _removed.Contains(path) ? null : current.ReadText(path);

    /// <inheritdoc />
    public byte[]? ReadBytes(string path) =>
        _written.TryGetValue(path, out var contents) ? System.Text.Encoding.UTF8.GetBytes(contents) : _removed.Contains(path) ? null : current.ReadBytes(path);

    /// <inheritdoc />
    /// <remarks>A file written is the renderer's own, whose status no decision asks for: it cannot be told.</remarks>
    public FileStatus? GetStatus(string path) => _written.ContainsKey(path) || _removed.Contains(path) ? null : current.GetStatus(path);

    /// <inheritdoc />
    public bool Exists(string path) => _written.ContainsKey(path) || (!_removed.Contains(path) && current.Exists(path));

    /// <inheritdoc />
    public bool IsImmutable(string path) => !_written.ContainsKey(path) && !_removed.Contains(path) && current.IsImmutable(path);

    /// <inheritdoc />
    public bool IsSymbolicLink(string path) => !_written.ContainsKey(path) && !_removed.Contains(path) && current.IsSymbolicLink(path);

    /// <inheritdoc />
    public string? ReadLink(string path) => IsSymbolicLink(path) ? current.ReadLink(path) : null;

    /// <inheritdoc />
    public IReadOnlyList<string> List(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        return current.List(directory)
            .Where(name => !_removed.Contains(prefix + name))
            .Concat(_written.Keys.Where(path => path.StartsWith(prefix, StringComparison.Ordinal) && !path[prefix.Length..].Contains('/')).Select(path => path[prefix.Length..]))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <inheritdoc />
    /// <remarks>Every path written or removed is a string, so none of these names is among them.</remarks>
    public IReadOnlyList<byte[]> ListUndecodable(string directory) => current.ListUndecodable(directory);

    /// <inheritdoc />
    /// <remarks>Every path written or removed is a string, so none lies below such a name.</remarks>
    public byte[]? ReadBelowUndecodable(string directory, byte[] name, string file) => current.ReadBelowUndecodable(directory, name, file);

    /// <inheritdoc />
    /// <remarks>Every path written or removed is a string, so none of these names is among them.</remarks>
    public byte[]? ReadUndecodable(string directory, byte[] name) => current.ReadUndecodable(directory, name);

    /// <inheritdoc />
    public string? ReadUndecodableLink(string directory, byte[] name) => current.ReadUndecodableLink(directory, name);
}
