using System.Security.Cryptography;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Network.Applying;

/// <summary>
/// What a file was before <c>resetnetwork</c> touched it, kept in memory so a failed apply can
/// put every file back exactly: contents, mode, owner, POSIX ACL and other extended attributes.
/// </summary>
/// <param name="Path">The agent path.</param>
/// <param name="Current">The previous regular file, or <c>null</c> when the path held none.</param>
/// <param name="IsOther">Whether the path held something other than a regular file (a link to move back, not rewrite).</param>
/// <param name="Backup">
/// The previous <c>.bak</c> copy beside it, or <c>null</c>: the writer replaces it with a copy of
/// the current file (contents, mode and owner), a restore puts it back as it was.
/// </param>
/// <param name="LinkTarget">The target of the symbolic link that was there, or <c>null</c>: a link replaced by a file comes back on restore.</param>
internal sealed record FileSnapshot(string Path, SavedFile? Current, bool IsOther, SavedFile? Backup, string? LinkTarget)
{
    /// <summary>
    /// The SHA-256 (lowercase hex) of the bytes the change writes to the path, or <c>null</c> for a
    /// path it does not write itself (one it moves aside, one a program changes) and in a record an
    /// older agent wrote. Only a retry long after the change needs it (<see cref="Recovery.ChangedSince"/>):
    /// the writer replaces a file whole, so what is there is either the previous file or exactly this,
    /// and anything else is someone's edit, which the retry must not put the old file over.
    /// </summary>
    public string? Written { get; init; }

    /// <summary>The path of the one backup copy the writer keeps.</summary>
    public string BackupPath => NetworkBackups.PathOf(Path);

    /// <summary>
    /// Takes the snapshot: what the path holds from one look (<see cref="IFileSystem.ReadEntry"/>), so
    /// the file, the link's target and whether it was something else all describe the same entry. Three
    /// looks (a file read, a status, a link read) could each meet another entry swapped in between: a
    /// link read as no file and then a file read as no link is a snapshot of nothing, which a restore
    /// deletes; a file read and then a link found is a file and a link, of which a restore puts back
    /// only the link.
    /// </summary>
    public static FileSnapshot Take(IFileSystem fileSystem, string path)
    {
        var entry = fileSystem.ReadEntry(path);
        return new(path, entry?.File is { } file ? Saved(file) : null, entry is { Kind: not FileKind.File }, Read(fileSystem, NetworkBackups.PathOf(path)), entry?.LinkTarget);
    }

    /// <summary>The form of <see cref="Written"/>: the SHA-256 of <paramref name="contents"/>, lowercase hex.</summary>
    public static string Hash(ReadOnlySpan<byte> contents) => Convert.ToHexStringLower(SHA256.HashData(contents));

    // One read of one file: a status read by path and then reads by path could save one file's contents
    // with another's mode (the file replaced between them, or swapped for a link to another).
    private static SavedFile? Read(IFileSystem fileSystem, string path) =>
        fileSystem.ReadRegularFile(path) is { } file ? Saved(file) : null;

    private static SavedFile Saved(RegularFile file) =>
        new(file.Contents, file.Status.Mode, file.Status.Owner, file.AccessControl?.ToArray(), file.ExtendedAttributes);
}
