namespace GuestAgent.Platform;

/// <summary>How <see cref="IAtomicFileWriter"/> writes one file.</summary>
public sealed record AtomicWriteOptions
{
    /// <summary>The default: new files 0644 owned by root, existing files keep owner and mode, no backup.</summary>
    public static AtomicWriteOptions Default { get; } = new();

    /// <summary>Permission bits of a file that does not exist yet.</summary>
    public UnixFileMode NewFileMode { get; init; } =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>
    /// Owner of a file that does not exist yet, and of directories this write creates; <c>null</c>
    /// leaves them owned by the agent's own user.
    /// </summary>
    public FileOwner? NewFileOwner { get; init; } = FileOwner.Root;

    /// <summary>
    /// When set, missing parent directories are created with exactly this mode (and
    /// <see cref="NewFileOwner"/>), each through its own descriptor; otherwise a missing directory
    /// is an error.
    /// </summary>
    public UnixFileMode? CreateDirectoriesWithMode { get; init; }

    /// <summary>
    /// What to do with a symbolic link among the target's directories. The default refuses every
    /// one (<see cref="PathRefusedException"/>); a link at the final component is always refused.
    /// </summary>
    public DirectoryLinkPolicy DirectoryLinks { get; init; } = DirectoryLinkPolicy.Refuse;

    /// <summary>Keep the previous version as <c>&lt;path&gt;.bak</c> (one copy, with its owner and mode).</summary>
    public bool KeepBackup { get; init; }

    /// <summary>
    /// Replace a symbolic link at the path with the new file (the rename swaps the link itself, never
    /// its target); the file gets <see cref="NewFileMode"/> and <see cref="NewFileOwner"/>. Without
    /// it, a link there is refused.
    /// </summary>
    public bool ReplaceSymbolicLink { get; init; }

    /// <summary>Leave the file alone (and report no write) when it already has exactly these contents.</summary>
    public bool SkipIfUnchanged { get; init; }
}
