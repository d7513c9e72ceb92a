using GuestAgent.Platform;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Network.Applying;

/// <summary>
/// Puts files back as their <see cref="FileSnapshot"/>s hold them: contents, mode, owner, ACL, extended attributes, a replaced
/// link, the <c>.bak</c> copy beside each. Shared by the rollback of a failed apply and by the recovery
/// of one a crash cut short, so both end in exactly the same state.
/// </summary>
internal sealed partial class FileRestorer
{
    private readonly AgentSystem _system;
    private readonly ILogger _logger;

    /// <summary>Creates the restorer.</summary>
    public FileRestorer(AgentSystem system, ILogger logger)
    {
        _system = system;
        _logger = logger;
    }

    /// <summary>
    /// Puts every file back, each on its own: one that fails does not stop the others. Files moved to
    /// their backup name (<paramref name="removed"/>) are moved back first, then every replaced file
    /// whose <c>.bak</c> still is the file it replaced is renamed back, then the other files are
    /// restored, then the backups, then the directories the change created are removed when empty.
    /// </summary>
    /// <remarks>
    /// The order is what lets a rollback finish on a full file system (the usual reason a write failed
    /// part-way): the moves and renames need no space and free the new versions' blocks, and every
    /// backup written after them needs at most what the one it puts back took before the change.
    /// Written back as copies instead, each file needs room for its old contents beside the new, and
    /// on a full disk the rollback itself would fail and leave the configuration half-changed.
    /// </remarks>
    /// <param name="snapshots">The files as they were.</param>
    /// <param name="removed">The paths moved to their backup name, to move back.</param>
    /// <param name="createdDirectories">The directories the change created.</param>
    /// <param name="leave">
    /// Paths (a file or its <c>.bak</c>) changed by someone else since, never written over, moved or
    /// deleted (<see cref="Recovery.ChangedSince"/>); none when <c>null</c>.
    /// </param>
    /// <returns>The paths that could not be put back.</returns>
    public List<string> Restore(IReadOnlyList<FileSnapshot> snapshots, IReadOnlyList<string> removed, IReadOnlyList<string> createdDirectories, IReadOnlySet<string>? leave = null)
    {
        leave ??= new HashSet<string>();
        var unrestored = new List<string>();
        foreach (var path in removed.Where(path => !leave.Contains(path) && !leave.Contains(NetworkBackups.PathOf(path))))
        {
            TryRestore(path, () => _system.FileSystem.Move(NetworkBackups.PathOf(path), path), unrestored);
        }

        // A rename back moves the .bak over the file: both must be the change's to touch.
        var renamedBack = new HashSet<FileSnapshot>(snapshots.Where(s => !leave.Contains(s.Path) && !leave.Contains(s.BackupPath) && RenameBack(s)), ReferenceEqualityComparer.Instance);
        foreach (var snapshot in snapshots.Where(s => !leave.Contains(s.Path)))
        {
            if (snapshot.LinkTarget is { } target)
            {
                TryRestore(snapshot.Path, () => RestoreLink(snapshot.Path, target), unrestored);
            }
            else if (!snapshot.IsOther && !renamedBack.Contains(snapshot))
            {
                TryRestore(snapshot.Path, () => Restore(snapshot.Path, snapshot.Current), unrestored);
            }
        }

        foreach (var snapshot in snapshots.Where(s => !leave.Contains(s.BackupPath)))
        {
            TryRestore(snapshot.BackupPath, () => Restore(snapshot.BackupPath, snapshot.Backup), unrestored);
        }

        foreach (var directory in createdDirectories.OrderByDescending(d => d.Length))
        {
            // A directory left behind is untidy, not harmful: it is logged, not reported.
            TryRestore(directory, () => RemoveIfEmpty(directory), []);
        }

        return unrestored;
    }

    private void TryRestore(string path, Action restore, List<string> failures)
    {
        try
        {
            restore();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogRestoreFailed(_logger, path, exception.GetType().Name);
            failures.Add(path);
        }
    }

    /// <summary>
    /// Renames the <c>.bak</c> back over a file the change replaced, when it still is the file the
    /// snapshot saved (the writer's backup: a hard link to the very inode, or a copy with its mode,
    /// owner, ACL and attributes): no new space needed, and nothing of the old file is lost. A file
    /// still as saved is left alone (its <c>.bak</c> may be an earlier run's, to keep); anything else,
    /// a read or rename that fails included, is left to the restore that writes the saved copy.
    /// </summary>
    /// <returns>Whether the file is back.</returns>
    private bool RenameBack(FileSnapshot snapshot)
    {
        if (snapshot is not { LinkTarget: null, IsOther: false, Current: { } saved })
        {
            return false;
        }

        try
        {
            if (_system.FileSystem.ReadRegularFile(snapshot.Path) is { } now && saved.Matches(now)
                || _system.FileSystem.ReadRegularFile(snapshot.BackupPath) is not { } backup || !saved.Matches(backup))
            {
                return false;
            }

            _system.FileSystem.Move(snapshot.BackupPath, snapshot.Path);
            SyncParent(snapshot.Path);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogRenameBackFailed(_logger, snapshot.Path, exception.GetType().Name);
            return false;
        }
    }

    private void RemoveIfEmpty(string directory)
    {
        // Not through a link put there since (DirectoryExists follows one): that is someone else's.
        if (_system.FileSystem.GetStatus(directory) is { Kind: FileKind.Directory } && _system.FileSystem.ListDirectory(directory).Count == 0)
        {
            // The directory the status and the listing found: in root mode, through links under the root.
            Directory.Delete(_system.FileSystem.HostPath(directory, followFinalLink: false));
            SyncParent(directory);
        }
    }

    private void Restore(string path, SavedFile? saved)
    {
        if (saved is null)
        {
            if (_system.FileSystem.DeleteFile(path))
            {
                SyncParent(path);
            }

            return;
        }

        // The writer would keep the mode, owner, ACL and attributes of what is there now (none, for a
        // file the change deleted), which for a .bak is the copy it made of the replaced file: the saved ones are asked for exactly, and are on the file
        // from the moment it is back (never the new mode with the old contents, even should the write fail).
        _system.Writer.Write(path, saved.Contents, new AtomicWriteOptions { SkipIfUnchanged = true, ExactMode = saved.Mode, ExactOwner = saved.Owner, ExactAccessControl = saved.ExactAcl, ExactExtendedAttributes = saved.Attributes });
    }

    /// <summary>
    /// Makes a deletion durable before the record that could redo it is removed: an unlink is not
    /// on disk until its directory is synced, and a file the change created that came back after a
    /// power cut would be a half-restored configuration with no record left to finish it.
    /// </summary>
    private void SyncParent(string path) => _system.FileSystem.SyncDirectory(AgentPaths.Parent(path));

    /// <summary>Puts a replaced link back, atomically: a new link beside it renamed over the file.</summary>
    private void RestoreLink(string path, string target)
    {
        if (_system.FileSystem.ReadLink(path) == target)
        {
            return;
        }

        var staging = SiblingNames.StagingPath(path, ".link");
        _system.FileSystem.CreateSymbolicLink(staging, target);
        try
        {
            _system.FileSystem.Move(staging, path);
        }
        catch
        {
            _system.FileSystem.DeleteFile(staging);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: could not rename the backup of {Path} back ({ExceptionType}); writing the saved copy instead")]
    private static partial void LogRenameBackFailed(ILogger logger, string path, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "resetnetwork: could not restore {Path} ({ExceptionType})")]
    private static partial void LogRestoreFailed(ILogger logger, string path, string exceptionType);
}
