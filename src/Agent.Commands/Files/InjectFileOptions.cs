using GuestAgent.Platform;

namespace GuestAgent.Commands.Files;

/// <summary>Policy for <c>injectfile</c> and <c>file_inject</c>, resolved from the agent's services.</summary>
public sealed class InjectFileOptions
{
    /// <summary>The defaults: anywhere, new files 0600 root:root, new directories 0755, one backup.</summary>
    public static InjectFileOptions Default { get; } = new();

    /// <summary>
    /// Absolute directories files may be written under (recursively). The default, <c>/</c>,
    /// allows every path, as Nova expects. Whatever the list, a path through a symbolic link is
    /// refused, so a link can carry a write neither outside the list nor into another account.
    /// </summary>
    public IReadOnlyList<string> AllowedDirectories { get; init; } = ["/"];

    /// <summary>Permission bits of a file that did not exist.</summary>
    public UnixFileMode NewFileMode { get; init; } = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner of a new file and of new directories; <c>null</c> for the agent's own user.</summary>
    public FileOwner? NewFileOwner { get; init; } = FileOwner.Root;

    /// <summary>Permission bits of directories created for the file.</summary>
    public UnixFileMode DirectoryMode { get; init; } =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Keep the previous version as <c>&lt;path&gt;.bak</c> (a single copy with its owner and mode).</summary>
    public bool KeepBackup { get; init; } = true;
}
