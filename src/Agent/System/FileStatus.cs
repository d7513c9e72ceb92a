namespace GuestAgent.Platform;

/// <summary>What kind of entry a path names (the path itself, never a link's target).</summary>
public enum FileKind
{
    /// <summary>A regular file.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link.</summary>
    SymbolicLink,

    /// <summary>A device, FIFO or socket.</summary>
    Other,
}

/// <summary>The owner, permissions and kind of a file system entry, read without following links.</summary>
/// <param name="Kind">The entry's kind.</param>
/// <param name="Mode">Permission bits, including setuid, setgid and sticky.</param>
/// <param name="Owner">The owning user and group.</param>
/// <param name="Size">The size in bytes.</param>
public readonly record struct FileStatus(FileKind Kind, UnixFileMode Mode, FileOwner Owner, long Size);

/// <summary>A numeric owner and group.</summary>
/// <param name="UserId">The user id.</param>
/// <param name="GroupId">The group id.</param>
public readonly record struct FileOwner(uint UserId, uint GroupId)
{
    /// <summary>root:root (0:0).</summary>
    public static FileOwner Root { get; } = new(0, 0);

    /// <summary>This process's effective user and group: the owner of what it creates.</summary>
    public static FileOwner Effective => new(Native.LibC.GetEffectiveUserId(), Native.LibC.GetEffectiveGroupId());
}
