using GuestAgent.Platform;

namespace GuestAgent.Commands.Network.Applying;

/// <summary>
/// What a file was before <c>resetnetwork</c> touched it, kept in memory so a failed apply can
/// put every file back exactly (contents; owner and mode are kept by the writer and by moves).
/// </summary>
/// <param name="Path">The agent path.</param>
/// <param name="Contents">The previous contents, or <c>null</c> when the path held no regular file.</param>
/// <param name="IsOther">Whether the path held something other than a regular file (a link to move back, not rewrite).</param>
/// <param name="Backup">The previous <c>.bak</c> copy beside it, or <c>null</c>: the writer replaces it, a restore puts it back.</param>
/// <param name="LinkTarget">The target of the symbolic link that was there, or <c>null</c>: a link replaced by a file comes back on restore.</param>
internal sealed record FileSnapshot(string Path, byte[]? Contents, bool IsOther, byte[]? Backup, string? LinkTarget)
{
    /// <summary>The path of the one backup copy the writer keeps.</summary>
    public string BackupPath => Path + ".bak";

    /// <summary>Takes the snapshot.</summary>
    public static FileSnapshot Take(IFileSystem fileSystem, string path) =>
        new(path, Read(fileSystem, path), fileSystem.GetStatus(path) is { Kind: not FileKind.File }, Read(fileSystem, path + ".bak"), fileSystem.ReadLink(path));

    private static byte[]? Read(IFileSystem fileSystem, string path) =>
        fileSystem.GetStatus(path)?.Kind == FileKind.File ? fileSystem.ReadAllBytes(path) : null;
}
