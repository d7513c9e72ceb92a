namespace GuestAgent.Platform;

/// <summary>Why the agent refused to write at a path before changing anything.</summary>
public enum PathRefusal
{
    /// <summary>A directory on the way is a symbolic link the write may not follow.</summary>
    LinkOnTheWay,

    /// <summary>The final component is a symbolic link (never written through).</summary>
    LinkAtTarget,

    /// <summary>Something on the way exists but is not a directory.</summary>
    NotADirectoryOnTheWay,

    /// <summary>The target exists and is a directory, device, FIFO or socket.</summary>
    TargetNotRegular,

    /// <summary>A directory on the way is missing and the write may not create it.</summary>
    DirectoryMissing,
}

/// <summary>
/// A write refused because of what the path is, not because the disk failed; nothing was changed.
/// The message names the path (never file contents).
/// </summary>
public sealed class PathRefusedException : IOException
{
    /// <summary>Creates the exception.</summary>
    public PathRefusedException(PathRefusal reason, string message)
        : base(message) => Reason = reason;

    /// <summary>Why the path was refused.</summary>
    public PathRefusal Reason { get; }
}
