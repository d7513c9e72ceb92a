namespace GuestAgent.Platform;

/// <summary>
/// Replaces files so that a reader sees either the old or the new contents, never a mix, and a
/// crash leaves one of the two: temp file created exclusively in the target directory, final
/// owner, mode and extended attributes set before any data, write, fsync, rename, fsync of the directory.
/// </summary>
public interface IAtomicFileWriter
{
    /// <summary>
    /// Writes <paramref name="contents"/> to the agent path <paramref name="path"/>. An existing
    /// file keeps its owner, mode and extended attributes (SELinux label, ACL; not file
    /// capabilities or IMA/EVM data, which belong to the old contents); a symbolic link at the final component is refused, never
    /// followed.
    /// </summary>
    /// <returns><c>false</c> only when <see cref="AtomicWriteOptions.SkipIfUnchanged"/> found nothing to do.</returns>
    /// <exception cref="IOException">The target is a link or not a regular file, or the write failed; the old file is untouched and directories created for it are removed again.</exception>
    bool Write(string path, ReadOnlySpan<byte> contents, AtomicWriteOptions? options = null);
}
