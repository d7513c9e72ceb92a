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
    /// capabilities or IMA/EVM data, which belong to the old contents); a symbolic link at the
    /// final component is refused, never followed (or replaced, with
    /// <see cref="AtomicWriteOptions.ReplaceSymbolicLink"/>), and so is one among the directories
    /// unless the options trust it.
    /// </summary>
    /// <returns><c>false</c> only when <see cref="AtomicWriteOptions.SkipIfUnchanged"/> found nothing to do.</returns>
    /// <exception cref="PathRefusedException">A link, a non-directory or (without <see cref="AtomicWriteOptions.CreateDirectoriesWithMode"/>) a missing directory on the way, or a target that is a link or not a regular file; nothing was changed.</exception>
    /// <exception cref="IOException">The write failed; the old file is untouched and directories created for it are removed again.</exception>
    bool Write(string path, ReadOnlySpan<byte> contents, AtomicWriteOptions? options = null);

    /// <summary>
    /// Writes what <paramref name="contents"/> holds from its position to its end to the agent path
    /// <paramref name="path"/>, as <see cref="Write(string, ReadOnlySpan{byte}, AtomicWriteOptions?)"/>
    /// does, copying through a small buffer: for files too large to hold in memory (an agent binary).
    /// <see cref="AtomicWriteOptions.SkipIfUnchanged"/> is not supported here.
    /// </summary>
    /// <returns><c>true</c>: the file was written.</returns>
    /// <exception cref="ArgumentException"><see cref="AtomicWriteOptions.SkipIfUnchanged"/> was asked for.</exception>
    /// <exception cref="PathRefusedException">As for the other overload; nothing was changed.</exception>
    /// <exception cref="IOException">The write, or reading <paramref name="contents"/>, failed; the old file is untouched.</exception>
    bool Write(string path, Stream contents, AtomicWriteOptions? options = null);
}
