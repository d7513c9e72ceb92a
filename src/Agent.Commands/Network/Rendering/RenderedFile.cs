namespace GuestAgent.Commands.Network.Rendering;

/// <summary>A file a renderer wants written.</summary>
/// <param name="Path">Absolute path inside the root, for example <c>/etc/network/interfaces</c>.</param>
/// <param name="Contents">The complete text.</param>
/// <param name="Mode">The permissions of a new file (an existing file keeps its owner and mode); setuid and setgid are dropped from both, as from every file the agent writes.</param>
internal sealed record RenderedFile(string Path, string Contents, UnixFileMode Mode)
{
    /// <summary>
    /// Whether a symbolic link at <see cref="Path"/> is replaced by the file (atomically; a rollback
    /// puts the link back). Otherwise a link there is refused before anything changes.
    /// </summary>
    public bool ReplacesSymbolicLink { get; init; }

    /// <summary><c>rw-r--r--</c>.</summary>
    public const UnixFileMode Public = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary><c>rw-------</c>, for files the tools insist be private (NetworkManager, netplan).</summary>
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
}
