using GuestAgent.Platform;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// The real file system, with two things a test cannot get from a real disk on demand: a deletion
/// that fails (<see cref="FailDeleting"/>), and a record of the directories synced to disk, which
/// is what makes a deletion survive a power cut.
/// </summary>
internal sealed class ObservedFileSystem(IFileSystem inner) : IFileSystem
{
    /// <summary>Paths whose deletion fails with an <see cref="IOException"/>, as a disk error would.</summary>
    public Func<string, bool> FailDeleting { get; init; } = _ => false;

    /// <summary>
    /// How moving a path fails: not at all, before renaming (nothing moved), or after renaming (the
    /// rename done, its directory sync failed, as <see cref="RootedFileSystem.Move"/> can).
    /// </summary>
    public Func<string, MoveFailure> FailMoving { get; init; } = _ => MoveFailure.None;

    /// <summary>Every file deleted (that was there) and directory synced, in order: <c>delete /a/b</c>, <c>sync /a</c>.</summary>
    public List<string> Operations { get; } = [];

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

    public bool DeleteFile(string path)
    {
        if (FailDeleting(path))
        {
            throw new IOException($"deleting {path} failed");
        }

        var deleted = inner.DeleteFile(path);
        if (deleted)
        {
            Operations.Add("delete " + path);
        }

        return deleted;
    }

    public bool DeleteTree(string path) => inner.DeleteTree(path);

    public void SyncDirectory(string path)
    {
        Operations.Add("sync " + path);
        inner.SyncDirectory(path);
    }

    public void Move(string from, string to)
    {
        var failure = FailMoving(from);
        if (failure == MoveFailure.BeforeRename)
        {
            throw new IOException($"moving {from} failed");
        }

        inner.Move(from, to);
        if (failure == MoveFailure.AfterRename)
        {
            throw new IOException($"syncing the directory of {to} failed");
        }
    }

    public IReadOnlyList<string> ListDirectory(string path) => inner.ListDirectory(path);

    public string? ReadLink(string path) => inner.ReadLink(path);

    public void CreateSymbolicLink(string path, string target) => inner.CreateSymbolicLink(path, target);

    public void SetMode(string path, UnixFileMode mode) => inner.SetMode(path, mode);

    public void SetOwner(string path, FileOwner owner) => inner.SetOwner(path, owner);
}

/// <summary>Where an <see cref="ObservedFileSystem"/> move fails.</summary>
public enum MoveFailure
{
    None,
    BeforeRename,
    AfterRename,
}
