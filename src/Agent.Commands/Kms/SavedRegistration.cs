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

    private readonly AgentSystem _system;
    private readonly byte[]? _up2date;
    private readonly FileStatus? _up2dateStatus;
    private readonly ReadOnlyMemory<byte>? _up2dateAcl;
    private readonly IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? _up2dateAttributes;
    private bool _systemIdTaken;
    private bool _systemIdExisted;
    private string? _systemIdAside;

    private SavedRegistration(AgentSystem system, byte[]? up2date, FileStatus? up2dateStatus, ReadOnlyMemory<byte>? up2dateAcl, IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? up2dateAttributes)
    {
        _system = system;
        _up2date = up2date;
        _up2dateStatus = up2dateStatus;
        _up2dateAcl = up2dateAcl;
        _up2dateAttributes = up2dateAttributes;
    }

    /// <summary>Reads the current <c>up2date</c> (none, if it is not a regular file: the write refuses anything else).</summary>
    public static SavedRegistration Take(AgentSystem system)
    {
        // Everything from the one file found: never one file's contents with another's owner and mode.
        return system.FileSystem.ReadRegularFile(Up2DateConfig.Path) is { } file
            ? new SavedRegistration(system, file.Contents, file.Status, file.AccessControl, file.ExtendedAttributes)
            : new SavedRegistration(system, null, null, null, null);
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
    }

    /// <summary>
    /// Puts the registration back as it was: <c>systemid</c> renamed back (or what was made in its
    /// place removed), <c>up2date</c> rewritten atomically with its old owner, mode and ACL (or removed).
    /// Both are tried even when the first fails.
    /// </summary>
    /// <exception cref="IOException">A file could not be put back (the first such failure).</exception>
    /// <exception cref="UnconfirmedWriteException">Both are back, but syncing <c>up2date</c>'s directory failed.</exception>
    public void Restore()
    {
        Exception? failure = null;
        try
        {
            RestoreSystemId();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            failure = exception;
        }

        try
        {
            RestoreUp2Date();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            failure ??= exception;
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
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
        _system.Writer.Write(Up2DateConfig.Path, _up2date, new AtomicWriteOptions { ExactMode = old.Mode, ExactOwner = old.Owner, ExactAccessControl = _up2dateAcl, ExactExtendedAttributes = _up2dateAttributes });
    }

    public void Dispose()
    {
        if (_up2date is not null)
        {
            CryptographicOperations.ZeroMemory(_up2date);
        }
    }
}
