namespace GuestAgent.Platform;

/// <summary>
/// What one look at a path found there (<see cref="IFileSystem.ReadEntry"/>): a regular file with
/// everything it carries, a symbolic link with its target, or another kind of entry; its kind and
/// what it holds come from the same entry, never from one replaced by another between two looks.
/// </summary>
public sealed class PathEntry
{
    /// <summary>A regular file.</summary>
    /// <param name="file">The file as read.</param>
    public PathEntry(RegularFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        Kind = FileKind.File;
        File = file;
    }

    /// <summary>A symbolic link.</summary>
    /// <param name="linkTarget">Its target exactly as stored.</param>
    public PathEntry(string linkTarget)
    {
        ArgumentNullException.ThrowIfNull(linkTarget);
        Kind = FileKind.SymbolicLink;
        LinkTarget = linkTarget;
    }

    /// <summary>A directory, device, FIFO or socket: nothing a snapshot saves.</summary>
    /// <param name="kind"><see cref="FileKind.Directory"/> or <see cref="FileKind.Other"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A file or link kind, which has its own constructor.</exception>
    public PathEntry(FileKind kind)
    {
        Kind = kind is FileKind.Directory or FileKind.Other
            ? kind
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "A regular file or symbolic link is made with what it holds");
    }

    /// <summary>The entry's kind.</summary>
    public FileKind Kind { get; }

    /// <summary>The regular file, when <see cref="Kind"/> is <see cref="FileKind.File"/>; otherwise <c>null</c>.</summary>
    public RegularFile? File { get; }

    /// <summary>The link's target, when <see cref="Kind"/> is <see cref="FileKind.SymbolicLink"/>; otherwise <c>null</c>.</summary>
    public string? LinkTarget { get; }
}
