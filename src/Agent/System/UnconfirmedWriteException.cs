namespace GuestAgent.Platform;

/// <summary>
/// A write whose rename already happened, so the file holds the new contents, but whose last step,
/// syncing the directory that makes the rename durable, failed. Readers see the new file now. A
/// power cut before the kernel writes the directory back could still bring the old one back. It
/// derives from <see cref="IOException"/>: whoever rolls back on any failed write (as
/// <c>resetnetwork</c> does) still does. A command that reports the outcome must not say that
/// nothing changed. The message names the path and the system's reason, never contents.
/// </summary>
public sealed class UnconfirmedWriteException : IOException
{
    /// <summary>Creates the exception for the write of <paramref name="path"/> that <paramref name="syncFailure"/> ended.</summary>
    /// <param name="path">The agent path written.</param>
    /// <param name="syncFailure">Why the sync failed; its errno (in <see cref="Exception.HResult"/>) is kept.</param>
    public UnconfirmedWriteException(string path, Exception syncFailure)
        : base($"'{path}' was replaced, but the change could not be synced to disk: {syncFailure?.Message}", syncFailure)
    {
        ArgumentNullException.ThrowIfNull(syncFailure);
        Path = path;
        // The errno of the failed fsync, so a caller can word the reason as the system does.
        HResult = syncFailure is IOException ? syncFailure.HResult : EAccess;
    }

    /// <summary>The agent path that now holds the new contents.</summary>
    public string Path { get; }

    private const int EAccess = 13;
}
