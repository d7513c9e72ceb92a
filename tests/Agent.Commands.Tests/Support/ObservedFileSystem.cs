using GuestAgent.Platform;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// The real file system, with two things a test cannot get from a real disk on demand: a deletion
/// that fails (<see cref="FailDeleting"/>), and a record of the directories synced to disk, which
/// is what makes a deletion survive a power cut.
/// </summary>
internal sealed class ObservedFileSystem(IFileSystem inner) : DelegatingFileSystem(inner)
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

    public override bool DeleteFile(string path)
    {
        if (FailDeleting(path))
        {
            throw new IOException($"deleting {path} failed");
        }

        var deleted = base.DeleteFile(path);
        if (deleted)
        {
            Operations.Add("delete " + path);
        }

        return deleted;
    }

    public override void SyncDirectory(string path)
    {
        Operations.Add("sync " + path);
        base.SyncDirectory(path);
    }

    public override void Move(string from, string to)
    {
        var failure = FailMoving(from);
        if (failure == MoveFailure.BeforeRename)
        {
            throw new IOException($"moving {from} failed");
        }

        base.Move(from, to);
        if (failure == MoveFailure.AfterRename)
        {
            throw new IOException($"syncing the directory of {to} failed");
        }
    }

}

/// <summary>Where an <see cref="ObservedFileSystem"/> move fails.</summary>
public enum MoveFailure
{
    None,
    BeforeRename,
    AfterRename,
}
