using GuestAgent.Commands.Network.Applying;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Network.Recovery;

/// <summary>A path a retry leaves as it is: someone changed it since the rollback that could not put every file back.</summary>
/// <param name="Path">The agent path (a file the change touched, or its <c>.bak</c>).</param>
/// <param name="Unknown">
/// Whether the record does not say what the change wrote there (written by an older agent, or a file a
/// program rewrites, <c>/etc/machine-info</c>), so that its file cannot be told from an edit.
/// </param>
internal sealed record ChangedFile(string Path, bool Unknown);

/// <summary>
/// Which files of a record set aside as unrestored changed since its rollback: a retry may come long
/// after (once space is back and the agent starts again), and an operator may have fixed the files by
/// hand meanwhile. The writer replaces a file whole (temp file, rename), and so does every restore, so a
/// path the change touched holds one of a few things while no one else touches it: the previous file,
/// or what the change left there (exactly what it wrote, gone when it moved the file aside); and its
/// <c>.bak</c> the previous one, the writer's copy of the previous file, or nothing (renamed back).
/// Anything else is someone's edit, and putting the old file over it would lose it.
/// </summary>
/// <remarks>
/// Not for a record left in place by a crash: the agent is restarted within seconds and recovers it
/// before anything else runs, and a file a program rewrites (the pretty hostname) cannot be told from
/// an edit there, which would leave half the change in place (docs/networking.md).
/// </remarks>
internal static class ChangedSince
{
    /// <summary>The paths of <paramref name="record"/> changed since, each once; empty when every one is still the change's to put back.</summary>
    public static List<ChangedFile> Find(IFileSystem fileSystem, TransactionRecord record)
    {
        var removals = record.Removals.ToHashSet(StringComparer.Ordinal);
        var changed = new List<ChangedFile>();
        foreach (var snapshot in record.Files)
        {
            var moved = removals.Contains(snapshot.Path);
            if (!IsTheChanges(snapshot, fileSystem.ReadEntry(snapshot.Path), moved))
            {
                changed.Add(new ChangedFile(snapshot.Path, snapshot.Written is null && !moved));
            }

            if (!IsTheChangesBackup(snapshot, fileSystem.ReadEntry(snapshot.BackupPath)))
            {
                changed.Add(new ChangedFile(snapshot.BackupPath, Unknown: false));
            }
        }

        return changed;
    }

    private static bool IsTheChanges(FileSnapshot snapshot, PathEntry? now, bool moved) =>
        // Something other than a file or link was there: a restore never touches the path itself.
        snapshot is { IsOther: true, LinkTarget: null }
        || IsPrevious(snapshot, now)
        || (now is null ? moved : now.File is { } file && snapshot.Written == FileSnapshot.Hash(file.Contents));

    private static bool IsPrevious(FileSnapshot snapshot, PathEntry? now) =>
        snapshot.LinkTarget is { } target ? now?.LinkTarget == target :
        snapshot.Current is { } saved ? now?.File is { } file && saved.Matches(file) :
        now is null;

    private static bool IsTheChangesBackup(FileSnapshot snapshot, PathEntry? now) =>
        now is null
        || (now.File is { } file && (snapshot.Backup?.Matches(file) is true || snapshot.Current?.Contents.AsSpan().SequenceEqual(file.Contents) is true))
        || (now.LinkTarget is { } target && target == snapshot.LinkTarget);
}
