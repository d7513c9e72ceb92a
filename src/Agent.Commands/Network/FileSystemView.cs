using GuestAgent.Platform;

namespace GuestAgent.Commands.Network;

/// <summary>An <see cref="IFileView"/> over the agent's root-relative file system.</summary>
internal sealed class FileSystemView : IFileView
{
    private readonly IFileSystem _fileSystem;

    /// <summary>Creates the view.</summary>
    public FileSystemView(IFileSystem fileSystem) => _fileSystem = fileSystem;

    /// <inheritdoc />
    public string? ReadText(string path) => Read(path, _fileSystem.ReadAllText);

    /// <inheritdoc />
    public byte[]? ReadBytes(string path) => Read(path, _fileSystem.ReadAllBytes);

    private T? Read<T>(string path, Func<string, T> read)
        where T : class =>
        Tolerant(() => _fileSystem.GetStatus(path)?.Kind == FileKind.File ? read(path) : null);

    /// <inheritdoc />
    public FileStatus? GetStatus(string path) => Tolerant(() => _fileSystem.GetStatus(path));

    /// <inheritdoc />
    public bool Exists(string path) => _fileSystem.GetStatus(path) is not null;

    /// <inheritdoc />
    public bool IsImmutable(string path) => _fileSystem.IsImmutable(path);

    /// <inheritdoc />
    public bool IsSymbolicLink(string path) => _fileSystem.GetStatus(path)?.Kind == FileKind.SymbolicLink;

    /// <inheritdoc />
    public string? ReadLink(string path) => Tolerant(() => _fileSystem.ReadLink(path));

    /// <inheritdoc />
    public IReadOnlyList<string> List(string directory) =>
        _fileSystem.ListDirectory(directory).Select(p => p[(p.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal).ToArray();

    /// <inheritdoc />
    public IReadOnlyList<byte[]> ListUndecodable(string directory) => _fileSystem.ListUndecodableNames(directory);

    /// <inheritdoc />
    public byte[]? ReadBelowUndecodable(string directory, byte[] name, string file) =>
        Tolerant(() => _fileSystem.ReadBelowUndecodableName(directory, name, file));

    /// <inheritdoc />
    public byte[]? ReadUndecodable(string directory, byte[] name) => Tolerant(() => _fileSystem.ReadUndecodableName(directory, name));

    /// <inheritdoc />
    public string? ReadUndecodableLink(string directory, byte[] name) => Tolerant(() => _fileSystem.ReadUndecodableNameLink(directory, name));

    /// <summary>What <paramref name="read"/> gives, or nothing where the file system cannot tell (an I/O error, a denial): a view answers "not there" then.</summary>
    private static T? Tolerant<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (IOException)
        {
            return default;
        }
        catch (UnauthorizedAccessException)
        {
            return default;
        }
    }
}
