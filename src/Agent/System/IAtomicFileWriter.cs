namespace GuestAgent.Platform;

/// <summary>
/// Replaces files so that a reader sees either the old or the new contents, never a mix, and a
/// crash leaves one of the two: temp file created exclusively in the target directory, final
/// owner, mode and extended attributes set before any data, write, fsync, rename, fsync of the
/// directory. The directory is reached component by component without following symbolic links
/// (see <see cref="AtomicWriteOptions.DirectoryLinks"/>) and held open, and every step happens
/// relative to it, so nobody who can write a directory on the way can redirect the write elsewhere.
/// </summary>
public interface IAtomicFileWriter
{
    /// <summary>
    /// Writes <paramref name="contents"/> to the agent path <paramref name="path"/>. An existing
    /// file keeps its owner, mode and extended attributes (SELinux label, ACL; not file
    /// capabilities or IMA/EVM data, which belong to the old contents), and no ACL it did not have
    /// (not the one a default ACL on its directory gives every new inode), unless
    /// <see cref="AtomicWriteOptions.ExactMode"/>, <see cref="AtomicWriteOptions.ExactOwner"/> or
    /// <see cref="AtomicWriteOptions.ExactAccessControl"/> asks for others; a new file inherits a
    /// default ACL as any tool's does. Never setuid or setgid:
    /// those bits are dropped from the kept mode, from <see cref="AtomicWriteOptions.NewFileMode"/>,
    /// <see cref="AtomicWriteOptions.ExactMode"/> and <see cref="AtomicWriteOptions.CreateDirectoriesWithMode"/>, and from the backup, which
    /// for such a file (or one with file capabilities) is a copy rather than a hard link to the old
    /// inode: new contents must not run with the old program's privileges, and systemd's
    /// <c>RestrictSUIDSGID=yes</c> refuses setting them. A symbolic link at the
    /// final component is refused, never followed (or replaced, with
    /// <see cref="AtomicWriteOptions.ReplaceSymbolicLink"/>), and so is one among the directories
    /// unless the options trust it.
    /// </summary>
    /// <returns><c>false</c> only when <see cref="AtomicWriteOptions.SkipIfUnchanged"/> found nothing to do.</returns>
    /// <exception cref="PathRefusedException">A link, a non-directory or (without <see cref="AtomicWriteOptions.CreateDirectoriesWithMode"/>) a missing directory on the way, or a target that is a link or not a regular file; nothing was changed.</exception>
    /// <exception cref="BackupTooLargeException">With <see cref="AtomicWriteOptions.KeepBackup"/>, the backup had to be a copy and the file is over <see cref="AtomicWriteOptions.MaxBackupCopyBytes"/>; nothing was changed.</exception>
    /// <exception cref="IOException">The write failed; the old file is untouched and directories created for it are removed again.</exception>
    /// <exception cref="UnconfirmedWriteException">The file was replaced, but syncing its directory (or a directory created for it) afterwards failed: readers see the new contents, which a power cut could still undo.</exception>
    bool Write(string path, ReadOnlySpan<byte> contents, AtomicWriteOptions? options = null);

    /// <summary>
    /// Writes what <paramref name="contents"/> holds from its position to its end to the agent path
    /// <paramref name="path"/>, as <see cref="Write(string, ReadOnlySpan{byte}, AtomicWriteOptions?)"/>
    /// does, copying through a small buffer: for files too large to hold in memory (an agent binary).
    /// <see cref="AtomicWriteOptions.SkipIfUnchanged"/> needs a seekable stream: the file is compared
    /// with it piece by piece, and the stream put back where it was before it is copied.
    /// </summary>
    /// <returns><c>false</c> only when <see cref="AtomicWriteOptions.SkipIfUnchanged"/> found nothing to do.</returns>
    /// <exception cref="ArgumentException"><see cref="AtomicWriteOptions.SkipIfUnchanged"/> was asked for with a stream that cannot seek.</exception>
    /// <exception cref="PathRefusedException">As for the other overload; nothing was changed.</exception>
    /// <exception cref="IOException">The write, or reading <paramref name="contents"/>, failed; the old file is untouched.</exception>
    /// <exception cref="UnconfirmedWriteException">The file was replaced, but syncing its directory afterwards failed.</exception>
    bool Write(string path, Stream contents, AtomicWriteOptions? options = null);

    /// <summary>
    /// Does everything <see cref="Write(string, Stream, AtomicWriteOptions?)"/> does up to the rename
    /// and stops there: the new version is complete, synced and owned as it will be, in a temp file
    /// beside the target, which is still untouched. The caller checks it (runs it, say) through
    /// <see cref="IStagedFile.HostPath"/>, then calls <see cref="IStagedFile.Commit"/> to take the
    /// backup and rename it into place, or disposes it to throw it away. Whatever a crash interrupts,
    /// the target is the old file or the checked new one.
    /// </summary>
    /// <returns>The staged file, or <c>null</c> when <see cref="AtomicWriteOptions.SkipIfUnchanged"/> found the target already holding these contents (nothing was written).</returns>
    /// <exception cref="ArgumentException">As for <see cref="Write(string, Stream, AtomicWriteOptions?)"/>.</exception>
    /// <exception cref="PathRefusedException">As for <see cref="Write(string, Stream, AtomicWriteOptions?)"/>; nothing was changed.</exception>
    /// <exception cref="IOException">The temp file could not be written; nothing was changed.</exception>
    /// <remarks>
    /// Deliberately without a default implementation, although it was added after the other two
    /// members: a writer that wraps another (a test double, a decorator that audits writes) should
    /// be told by the compiler to forward it, not fail with NotSupportedException the day an agent
    /// update stages a binary through it. The package is before 1.0; see its notes.
    /// </remarks>
    IStagedFile? Stage(string path, Stream contents, AtomicWriteOptions? options = null);
}
