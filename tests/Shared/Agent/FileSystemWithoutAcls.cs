using GuestAgent.Platform;

namespace GuestAgent.Testing;

/// <summary>
/// An SDK user's own <see cref="IFileSystem"/>, written before <see cref="IFileSystem.ReadAccessControl"/>
/// and <see cref="IFileSystem.ReadExtendedAttributes"/> existed: it forwards every member it implements
/// to <paramref name="inner"/> and implements no ACL or attribute reading, so the interface's defaults answer for it.
/// </summary>
internal sealed class FileSystemWithoutAcls(IFileSystem inner) : IFileSystem
{
    public string Root => inner.Root;

    public bool IsRooted => inner.IsRooted;

    public string Resolve(string path) => inner.Resolve(path);

    public FileStatus? GetStatus(string path) => inner.GetStatus(path);

    public bool FileExists(string path) => inner.FileExists(path);

    public bool DirectoryExists(string path) => inner.DirectoryExists(path);

    public byte[] ReadAllBytes(string path) => inner.ReadAllBytes(path);

    public string ReadAllText(string path) => inner.ReadAllText(path);

    public Stream OpenRead(string path) => inner.OpenRead(path);

    public void AppendAllText(string path, string text) => inner.AppendAllText(path, text);

    public void CreateDirectory(string path, UnixFileMode mode, FileOwner? owner = null) => inner.CreateDirectory(path, mode, owner);

    public bool DeleteFile(string path) => inner.DeleteFile(path);

    public bool DeleteTree(string path) => inner.DeleteTree(path);

    public bool DeleteEmptyDirectory(string path) => inner.DeleteEmptyDirectory(path);

    public void SyncDirectory(string path) => inner.SyncDirectory(path);

    public void Move(string from, string to) => inner.Move(from, to);

    public IReadOnlyList<string> ListDirectory(string path) => inner.ListDirectory(path);

    public IReadOnlyList<byte[]> ListUndecodableNames(string path) => inner.ListUndecodableNames(path);

    public byte[]? ReadBelowUndecodableName(string directory, byte[] name, string file) => inner.ReadBelowUndecodableName(directory, name, file);

    public byte[]? ReadUndecodableName(string directory, byte[] name) => inner.ReadUndecodableName(directory, name);

    public string? ReadUndecodableNameLink(string directory, byte[] name) => inner.ReadUndecodableNameLink(directory, name);

    public string? ReadLink(string path) => inner.ReadLink(path);

    public void CreateSymbolicLink(string path, string target) => inner.CreateSymbolicLink(path, target);

    public void SetMode(string path, UnixFileMode mode) => inner.SetMode(path, mode);

    public void SetOwner(string path, FileOwner owner) => inner.SetOwner(path, owner);
}
