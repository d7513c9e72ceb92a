using GuestAgent.Platform;

namespace GuestAgent.Testing;

/// <summary>
/// The real file system passed through: a test's file system derives from it and overrides only the
/// operations it makes fail or records.
/// </summary>
internal abstract class DelegatingFileSystem(IFileSystem inner) : IFileSystem
{
    public string Root => inner.Root;

    public bool IsRooted => inner.IsRooted;

    public virtual string Resolve(string path) => inner.Resolve(path);

    public virtual string HostPath(string path, bool followFinalLink) => inner.HostPath(path, followFinalLink);

    public virtual FileStatus? GetStatus(string path) => inner.GetStatus(path);

    public virtual bool FileExists(string path) => inner.FileExists(path);

    public virtual bool DirectoryExists(string path) => inner.DirectoryExists(path);

    public virtual byte[] ReadAllBytes(string path) => inner.ReadAllBytes(path);

    public virtual string ReadAllText(string path) => inner.ReadAllText(path);

    public virtual Stream OpenRead(string path) => inner.OpenRead(path);

    public virtual void AppendAllText(string path, string text) => inner.AppendAllText(path, text);

    public virtual void CreateDirectory(string path, UnixFileMode mode, FileOwner? owner = null) => inner.CreateDirectory(path, mode, owner);

    public virtual bool DeleteFile(string path) => inner.DeleteFile(path);

    public virtual bool DeleteTree(string path) => inner.DeleteTree(path);

    public virtual bool DeleteEmptyDirectory(string path) => inner.DeleteEmptyDirectory(path);

    public virtual void SyncDirectory(string path) => inner.SyncDirectory(path);

    public virtual void Move(string from, string to) => inner.Move(from, to);

    public virtual IReadOnlyList<string> ListDirectory(string path) => inner.ListDirectory(path);

    public virtual IReadOnlyList<byte[]> ListUndecodableNames(string path) => inner.ListUndecodableNames(path);

    public virtual byte[]? ReadBelowUndecodableName(string directory, byte[] name, string file) => inner.ReadBelowUndecodableName(directory, name, file);

    public virtual byte[]? ReadUndecodableName(string directory, byte[] name) => inner.ReadUndecodableName(directory, name);

    public virtual string? ReadUndecodableNameLink(string directory, byte[] name) => inner.ReadUndecodableNameLink(directory, name);

    public virtual string? ReadLink(string path) => inner.ReadLink(path);

    public virtual void CreateSymbolicLink(string path, string target) => inner.CreateSymbolicLink(path, target);

    public virtual ReadOnlyMemory<byte>? ReadAccessControl(string path) => inner.ReadAccessControl(path);

    public virtual IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? ReadExtendedAttributes(string path) => inner.ReadExtendedAttributes(path);

    public virtual RegularFile? ReadRegularFile(string path) => inner.ReadRegularFile(path);

    public virtual PathEntry? ReadEntry(string path) => inner.ReadEntry(path);

    public virtual void SetMode(string path, UnixFileMode mode) => inner.SetMode(path, mode);

    public virtual void SetOwner(string path, FileOwner owner) => inner.SetOwner(path, owner);
}
