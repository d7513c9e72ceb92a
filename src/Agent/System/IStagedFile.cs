namespace GuestAgent.Platform;

/// <summary>
/// A new version of a file, written, synced and given its final owner, mode and extended attributes
/// in a hidden temp file beside the target, but not yet renamed over it
/// (<see cref="IAtomicFileWriter.Stage"/>). Until <see cref="Commit"/> the target is untouched, so
/// the new version can be checked first, from the same directory and file system it will live in:
/// an agent binary is run before it replaces the one installed. Disposing without committing removes
/// the temp file (and directories made for it).
/// </summary>
public interface IStagedFile : IDisposable
{
    /// <summary>
    /// The host path of the staged temp file, to read or run it before the commit. It lies in the
    /// target's directory and is gone once <see cref="Commit"/> or <see cref="IDisposable.Dispose"/>
    /// has run.
    /// </summary>
    string HostPath { get; }

    /// <summary>
    /// Replaces the target with the staged file: the backup, when asked for, then the rename, then
    /// the sync of the directory. Called at most once.
    /// </summary>
    /// <exception cref="IOException">The backup or the rename failed; the target is untouched and the temp file removed.</exception>
    /// <exception cref="UnconfirmedWriteException">The target was replaced, but the directory could not be synced afterwards.</exception>
    /// <exception cref="InvalidOperationException">Already committed or disposed.</exception>
    void Commit();
}
