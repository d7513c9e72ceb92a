using GuestAgent.Platform;

namespace GuestAgent.Commands.Files;

/// <summary>
/// An existing file in a person's home that an injection made before the account existed: root's
/// and 0600, like the directories made for it, because no line in <c>/etc/passwd</c> named the home
/// yet (cloud-init and administrators make accounts after the agent's first injections, and
/// <c>useradd -m</c> leaves a home that exists as it is). sshd reads <c>authorized_keys</c> with the
/// user's uid, so such a key is never taken (<c>Could not open user 'bob' authorized keys …:
/// Permission denied</c>), and an injection over it would keep that owner: the re-injection the
/// documentation advises would be answered "0" and still not let the user in.
/// </summary>
internal static class StrandedRootFile
{
    /// <summary>
    /// <paramref name="person"/> when the regular file at <paramref name="path"/> (in their home,
    /// <see cref="HomeOwner"/>) is root's and they cannot read it (no read bit for others, nor for a
    /// group that is their primary one), in a directory that is root's or theirs; otherwise
    /// <c>null</c>, and the file keeps its owner. Giving them the new file gives nothing away: what
    /// it held before is in the <c>.bak~</c>, which stays root's, and a root-owned file they can read
    /// (an administrator's 0644 key file that they may not edit) is not one sshd fails on, so it
    /// stays root's. A file in another user's directory stays as it is.
    /// </summary>
    public static FileOwner? ClaimFor(IFileSystem fileSystem, string path, FileOwner person)
    {
        FileStatus? file, directory;
        try
        {
            file = fileSystem.GetStatus(path);
            directory = fileSystem.GetStatus(path[..Math.Max(path.LastIndexOf('/'), 1)]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // The write walks the path itself and says what is wrong with it.
            return null;
        }

        return file is { Kind: FileKind.File } existing && existing.Owner.UserId == 0 && !Readable(existing, person) &&
               directory is { Kind: FileKind.Directory } parent && (parent.Owner.UserId == 0 || parent.Owner.UserId == person.UserId)
            ? person
            : null;
    }

    private static bool Readable(FileStatus file, FileOwner person) =>
        (file.Mode & UnixFileMode.OtherRead) != 0 ||
        ((file.Mode & UnixFileMode.GroupRead) != 0 && file.Owner.GroupId == person.GroupId);
}
