using System.Security.Cryptography;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Kms;

/// <summary>
/// The system's RHN registration as it was before <c>kmsactivate</c> changed it: the previous
/// <c>up2date</c> contents with their owner, mode, ACL and extended attributes, and the previous <c>systemid</c>, moved aside
/// (a rename: the same file, untouched) rather than deleted. A failed activation puts both back
/// exactly; a successful one drops the saved copies.
/// </summary>
internal sealed class SavedRegistration : IDisposable
{
    public const string SystemIdPath = "/etc/sysconfig/rhn/systemid";

    /// <summary>The suffix of the hidden name the old <c>systemid</c> waits under during an activation.</summary>
    private const string AsideSuffix = ".kmsactivate";

    /// <summary>
    /// Whether <paramref name="name"/> (a file name in the RHN directory) is one
    /// <see cref="MoveSystemIdAside"/> gives the old <c>systemid</c>: what start-up recovery looks for.
    /// </summary>
    public static bool IsSystemIdAsideName(string name) =>
        name.StartsWith(".systemid.", StringComparison.Ordinal) && name.EndsWith(AsideSuffix, StringComparison.Ordinal);

    /// <summary>
    /// Whether <paramref name="name"/> (a file name in the RHN directory) is one <see cref="KeepUp2DateCopy"/>
    /// gives the copy of the old <c>up2date</c> (<c>.up2date.&lt;12 hex&gt;.kmsactivate</c>): what start-up recovery puts back.
    /// </summary>
    public static bool IsUp2DateCopyName(string name) =>
        name.StartsWith(".up2date.", StringComparison.Ordinal) && name.EndsWith(AsideSuffix, StringComparison.Ordinal);

    private readonly AgentSystem _system;
    private readonly byte[]? _up2date;
    private readonly FileStatus? _up2dateStatus;
    private readonly ReadOnlyMemory<byte>? _up2dateAcl;
    private readonly IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? _up2dateAttributes;
    private string? _up2dateCopy;
    /// <summary>
    /// Known not to be changed since <see cref="Take"/>: set by <see cref="KeepUp2DateCopy"/>, from which on
    /// the activation writes it only through <see cref="WriteUp2Date"/>. Otherwise (a caller that changed
    /// it on its own) <see cref="Restore"/> always rewrites it.
    /// </summary>
    private bool _up2dateUntouched;
    private bool _systemIdTaken;
    private bool _systemIdExisted;
    private string? _systemIdAside;

    /// <summary>
    /// The directories above <c>up2date</c> that were missing when the registration was taken (innermost first):
    /// the write makes them, and a put-back removes those still empty.
    /// </summary>
    private readonly string[] _missingDirectories;

    private SavedRegistration(AgentSystem system, byte[]? up2date, FileStatus? up2dateStatus, ReadOnlyMemory<byte>? up2dateAcl, IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? up2dateAttributes)
    {
        _system = system;
        _up2date = up2date;
        _up2dateStatus = up2dateStatus;
        _up2dateAcl = up2dateAcl;
        _up2dateAttributes = up2dateAttributes;
        // /etc/sysconfig/rhn on a Red Hat guest without rhn-client-tools (RHEL 8 and later), /etc/sysconfig too on a bare one.
        _missingDirectories = up2date is null
            ? [.. DirectoriesAbove(Up2DateConfig.Path).TakeWhile(directory => system.FileSystem.GetStatus(directory) is null)]
            : [];
    }

    /// <summary>
    /// Reads the current <c>up2date</c>: none when nothing or a symbolic link is there (the write refuses
    /// a link, after which nothing is to be put back).
    /// </summary>
    /// <exception cref="IOException">It could not be read, or it is a directory or another kind of file, of which nothing could be put back.</exception>
    /// <exception cref="UnauthorizedAccessException">It could not be read (an LSM refusing root).</exception>
    public static SavedRegistration Take(AgentSystem system)
    {
        // Everything from the one entry found: never one file's contents with another's owner and mode.
        return system.FileSystem.ReadEntry(Up2DateConfig.Path) switch
        {
            null or { Kind: FileKind.SymbolicLink } => new SavedRegistration(system, null, null, null, null),
            { File: { } file } => new SavedRegistration(system, file.Contents, file.Status, file.AccessControl, file.ExtendedAttributes),
            _ => throw new PathRefusedException(PathRefusal.TargetNotRegular, $"'{Up2DateConfig.Path}' is not a regular file"),
        };
    }

    /// <summary>
    /// Writes a hidden copy of the old <c>up2date</c> beside it (<c>.up2date.&lt;hex&gt;.kmsactivate</c>, with its
    /// owner, mode, ACL and attributes: it may hold a proxy password), before anything is changed. The
    /// in-memory copy puts it back after a failure; this one is for an agent killed before it could:
    /// the next start's <see cref="KmsActivationRecovery"/> moves it back. Nothing when there was none.
    /// </summary>
    /// <exception cref="IOException">The copy could not be written; none is left and nothing was changed.</exception>
    public void KeepUp2DateCopy()
    {
        _up2dateUntouched = true;
        if (_up2date is null || _up2dateStatus is not { } old)
        {
            return;
        }

        var copy = SiblingNames.StagingPath(Up2DateConfig.Path, AsideSuffix);
        try
        {
            _system.Writer.Write(copy, _up2date, AsTheOldUp2Date(old));
        }
        catch (UnconfirmedWriteException)
        {
            // It is there, but a power cut could undo it: without it the activation must not go on.
            DeleteQuietly(copy);
            throw;
        }

        _up2dateCopy = copy;
    }

    /// <summary>
    /// Writes the new <c>up2date</c>. When this fails before it replaced the old one (not an
    /// <see cref="UnconfirmedWriteException"/>, whose rename happened), <see cref="Restore"/> leaves
    /// the old one as it is, rather than rewrite it on the disk that just refused a write.
    /// </summary>
    public void WriteUp2Date(byte[] contents, AtomicWriteOptions options)
    {
        _up2dateUntouched = false;
        try
        {
            _system.Writer.Write(Up2DateConfig.Path, contents, options);
        }
        catch (Exception exception) when (exception is (IOException or UnauthorizedAccessException) and not UnconfirmedWriteException)
        {
            // The writer replaces the file only by its last rename: the old one is still in place.
            _up2dateUntouched = true;
            throw;
        }
    }

    /// <summary>
    /// Takes the old <c>systemid</c> out of the way of <c>rhnreg_ks</c>, as the original deleted it.
    /// The aside name is recorded before the rename: a move that fails after renaming (its directory
    /// sync) has still hidden the file, and <see cref="Restore"/> must find it.
    /// </summary>
    public void MoveSystemIdAside()
    {
        _systemIdTaken = true;
        if (_system.FileSystem.GetStatus(SystemIdPath) is not null)
        {
            _systemIdExisted = true;
            var aside = SiblingNames.StagingPath(SystemIdPath, AsideSuffix);
            _systemIdAside = aside;
            try
            {
                _system.FileSystem.Move(SystemIdPath, aside);
            }
            catch (Exception exception) when ((exception is IOException or UnauthorizedAccessException) && _system.FileSystem.GetStatus(aside) is null)
            {
                // Not renamed: the original is still at its path, and nothing is to be moved back.
                _systemIdAside = null;
                throw;
            }
        }
    }

    /// <summary>The activation succeeded: the old system id is no longer needed.</summary>
    public void Commit()
    {
        if (_systemIdAside is { } aside)
        {
            try
            {
                _system.FileSystem.DeleteFile(aside);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The registration is done; a hidden stale copy beside it harms nothing.
            }

            _systemIdAside = null;
        }

        DropUp2DateCopy();
    }

    /// <summary>
    /// Puts the registration back as it was: <c>systemid</c> renamed back (or what was made in its
    /// place removed), <c>up2date</c> rewritten atomically with its old owner, mode and ACL (or removed).
    /// Both are tried even when the first fails. Up2date first: an agent killed in between leaves the
    /// old <c>systemid</c> still aside, which tells the next start's recovery to put up2date back from
    /// its copy; once the old <c>systemid</c> is back at its path, the recovery takes the copy for one no longer needed.
    /// </summary>
    /// <exception cref="IOException">A file could not be put back (the system id's failure when both failed).</exception>
    /// <exception cref="UnconfirmedWriteException">Both are back, but syncing <c>up2date</c>'s directory failed.</exception>
    public void Restore()
    {
        Exception? up2dateFailure = null;
        try
        {
            if (!_up2dateUntouched)
            {
                RestoreUp2Date();
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            up2dateFailure = exception;
        }

        Exception? failure = null;
        try
        {
            RestoreSystemId();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            failure = exception;
        }

        failure ??= up2dateFailure;

        if (failure is not null)
        {
            // The copy stays for the next start's recovery, which finishes what could not be put back here.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        DropUp2DateCopy();
        RemoveMadeDirectories();
    }

    /// <summary>The directories above <paramref name="path"/>, innermost first, up to the one below <c>/</c> (never <c>/etc</c> itself).</summary>
    private static IEnumerable<string> DirectoriesAbove(string path)
    {
        for (var directory = Path.GetDirectoryName(path); directory is not (null or "/" or "/etc"); directory = Path.GetDirectoryName(directory))
        {
            yield return directory;
        }
    }

    /// <summary>
    /// Removes the directories the activation's write made, innermost first, each only while empty (one
    /// <c>rmdir</c>: whatever another tool put there meanwhile stays, and the directory with it).
    /// </summary>
    private void RemoveMadeDirectories()
    {
        foreach (var directory in _missingDirectories)
        {
            try
            {
                if (!_system.FileSystem.DeleteEmptyDirectory(directory))
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // An empty directory left behind harms nothing, and the answer is about the registration.
                return;
            }
        }
    }

    /// <summary>Removes the hidden copy of the old <c>up2date</c>, if one was made: it is no longer needed.</summary>
    private void DropUp2DateCopy()
    {
        if (_up2dateCopy is { } copy)
        {
            // Left behind, the next start's recovery removes it (a systemid is then at its path).
            DeleteQuietly(copy);
            _up2dateCopy = null;
        }
    }

    private void DeleteQuietly(string path)
    {
        try
        {
            _system.FileSystem.DeleteFile(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A stale hidden copy harms nothing, and the answer is about the registration.
        }
    }

    /// <summary>
    /// The old file back from aside whenever it was renamed there (replacing what <c>rhnreg_ks</c>
    /// left); what was made in its place removed only when there was no <c>systemid</c> before: when
    /// the move aside failed before renaming, the file at the path is still the original. Before the
    /// move was tried (up2date's write failed), the one at the path is the original too.
    /// </summary>
    private void RestoreSystemId()
    {
        if (!_systemIdTaken)
        {
            return;
        }

        if (_systemIdAside is { } aside)
        {
            _system.FileSystem.Move(aside, SystemIdPath);
            _systemIdAside = null;
        }
        else if (!_systemIdExisted)
        {
            _system.FileSystem.DeleteFile(SystemIdPath);
        }
    }

    private void RestoreUp2Date()
    {
        var fileSystem = _system.FileSystem;
        if (_up2date is null || _up2dateStatus is not { } old)
        {
            fileSystem.DeleteFile(Up2DateConfig.Path);
            return;
        }

        // Its old owner, mode, ACL and attributes exactly (what rhnreg_ks may have changed or, replacing
        // the file, dropped: its SELinux label, user.*), from the moment it is back; the ACL and attributes
        // there now when the file system could not tell the old ones (null, never "none").
        try
        {
            _system.Writer.Write(Up2DateConfig.Path, _up2date, AsTheOldUp2Date(old));
        }
        catch (Exception exception) when (exception is (IOException or UnauthorizedAccessException) and not UnconfirmedWriteException && _up2dateCopy is { } copy)
        {
            // Not put back (a disk that filled up while rhnreg_ks ran): the copy on disk goes back by a
            // rename, which needs no room; were it left, the next start would find the old systemid
            // back at its path and take the copy for one no longer needed.
            fileSystem.Move(copy, Up2DateConfig.Path);
            _up2dateCopy = null;
        }
    }

    /// <summary>The write options that give a file the old <c>up2date</c>'s owner, mode, ACL and attributes: the put-back's and the copy's.</summary>
    private AtomicWriteOptions AsTheOldUp2Date(FileStatus old) =>
        new() { ExactMode = old.Mode, ExactOwner = old.Owner, ExactAccessControl = _up2dateAcl, ExactExtendedAttributes = _up2dateAttributes };

    public void Dispose()
    {
        if (_up2date is not null)
        {
            CryptographicOperations.ZeroMemory(_up2date);
        }
    }
}
