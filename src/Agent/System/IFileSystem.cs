namespace GuestAgent.Platform;

/// <summary>
/// The file system as the agent sees it: every path is an absolute agent path (for example
/// <c>/etc/shadow</c>) that lives under a configurable root (<c>/</c> in production, a scratch
/// directory in development and tests). Paths that would leave the root are refused.
/// </summary>
public interface IFileSystem
{
    /// <summary>The host directory that agent paths are relative to.</summary>
    string Root { get; }

    /// <summary>Whether the root is something other than <c>/</c> (development, tests, <c>demo</c>).</summary>
    bool IsRooted { get; }

    /// <summary>
    /// Maps an absolute agent path to the host path under <see cref="Root"/>. <c>..</c> is resolved
    /// lexically and may not climb above the root. No link on the way is looked at: in root mode,
    /// where a link's absolute target is the root's (<see cref="RootedFileSystem"/>), the kernel takes
    /// it for the host's when given this path. A path to open, lock, remove or run by name, or to
    /// hand another program, is <see cref="HostPath"/>'s.
    /// </summary>
    /// <exception cref="ArgumentException">The path is relative, contains NUL, or escapes the root.</exception>
    string Resolve(string path);

    /// <summary>
    /// The host path to hand the kernel or another program for <paramref name="path"/>: one that
    /// reaches the entry this file system's own methods reach. With <c>/</c> as the root it is
    /// <see cref="Resolve"/>'s, which the kernel walks as they do, found without a system call. In
    /// root mode (<see cref="RootedFileSystem"/>) the links on the way are resolved as in a chroot,
    /// an absolute target starting again at the root, so the kernel given this path meets no link on
    /// the way to take for the host's (<see cref="Resolve"/>'s would lead it out of the root).
    /// </summary>
    /// <param name="path">An absolute agent path.</param>
    /// <param name="followFinalLink">
    /// Whether a link at the last component is resolved too: for a directory to work in or a program
    /// to run, which the kernel would follow; not for an entry taken as it is (a file to lock, rename
    /// or remove, which may be a link itself).
    /// </param>
    /// <returns>An absolute host path, at or under <see cref="Root"/>.</returns>
    /// <remarks>
    /// Looked up when called: a link changed afterwards is not followed by the path, so nothing holds
    /// it to the entry (the writer's and <see cref="DeleteTree"/>'s walks, through held descriptors,
    /// do). The default implementation answers <see cref="Resolve"/>'s path, right for a file system
    /// whose paths the kernel walks as its own methods do.
    /// </remarks>
    /// <exception cref="ArgumentException">The path is relative, contains NUL, or escapes the root.</exception>
    /// <exception cref="IOException">In root mode, the links loop (more than 40 followed: <c>ELOOP</c>), as the kernel would fail.</exception>
    string HostPath(string path, bool followFinalLink) => Resolve(path);

    /// <summary>The status of <paramref name="path"/> without following a final link, or <c>null</c>.</summary>
    FileStatus? GetStatus(string path);

    /// <summary>Whether a regular file (or a link to one) exists at <paramref name="path"/>.</summary>
    bool FileExists(string path);

    /// <summary>Whether a directory (or a link to one) exists at <paramref name="path"/>.</summary>
    bool DirectoryExists(string path);

    /// <summary>Reads a whole file.</summary>
    byte[] ReadAllBytes(string path);

    /// <summary>Reads a whole file as UTF-8 text.</summary>
    string ReadAllText(string path);

    /// <summary>Opens a file for reading.</summary>
    Stream OpenRead(string path);

    /// <summary>
    /// Appends UTF-8 text, creating the file (mode 0600 when new) and its directories (as <see cref="CreateDirectory"/>, mode 0700),
    /// and opening the file in the directory that walk reached; a link at the file, or anything but a regular file, is refused (<see cref="PathRefusedException"/>).
    /// </summary>
    void AppendAllText(string path, string text);

    /// <summary>
    /// Creates a directory and any missing parents; each directory this call creates gets
    /// <paramref name="mode"/> exactly (no umask) and, when given, <paramref name="owner"/>. The path
    /// is walked one component at a time: a symbolic link on the way is followed only when trusted
    /// (<see cref="DirectoryLinkPolicy.FollowTrusted"/>), and a directory is never created, chmodded or
    /// chowned through a link.
    /// </summary>
    /// <exception cref="PathRefusedException">An untrusted link or a non-directory on the way.</exception>
    void CreateDirectory(string path, UnixFileMode mode, FileOwner? owner = null);

    /// <summary>Deletes a file or link if it exists; returns whether it did.</summary>
    bool DeleteFile(string path);

    /// <summary>
    /// Deletes the directory at <paramref name="path"/> only if it is empty, in one step (<c>rmdir</c>): one that
    /// holds anything, even an entry made a moment before, stays. Returns whether it was deleted; <c>false</c> also
    /// when nothing or no directory is there. The default implementation, for a file system that is not the real
    /// one, deletes nothing.
    /// </summary>
    /// <exception cref="IOException">The directory could not be deleted for another reason than holding something.</exception>
    bool DeleteEmptyDirectory(string path) => false;

    /// <summary>
    /// Whether the entry at <paramref name="path"/> (a final link not followed) carries the immutable attribute
    /// (<c>chattr +i</c>), which keeps anyone, root included, from writing, replacing or removing it: an administrator's
    /// way to pin a file. <c>false</c> when nothing is there or it cannot be told; the default implementation, for a
    /// file system that is not the real one, knows of no such attribute.
    /// </summary>
    bool IsImmutable(string path) => false;

    /// <summary>
    /// Deletes a file, link or directory with everything in it, if it exists; returns whether it did.
    /// Symbolic links are removed, never followed: the tree is walked through held descriptors
    /// (<c>openat</c> with <c>O_NOFOLLOW</c>, <c>unlinkat</c>), so no link planted or swapped in
    /// can lead the removal elsewhere. The directories above it are reached as by
    /// <see cref="CreateDirectory"/> (trusted links only); a missing directory or a non-directory on
    /// the way means there is nothing to delete (<c>false</c>).
    /// </summary>
    /// <exception cref="IOException">Something could not be removed (what could be is gone), or the root could not be opened (a missing root is configuration gone wrong, not nothing to delete).</exception>
    /// <exception cref="PathRefusedException">An untrusted link on the way to it.</exception>
    bool DeleteTree(string path);

    /// <summary>
    /// Flushes a directory's entries to disk (<c>fsync</c>), so a deletion inside it survives a power
    /// cut; a file system that refuses <c>fsync</c> on directories makes it as durable as it allows.
    /// </summary>
    void SyncDirectory(string path);

    /// <summary>Renames a file atomically, replacing the target.</summary>
    void Move(string from, string to);

    /// <summary>
    /// The agent paths of a directory's entries, sorted by name; empty when it does not exist. A name that is not
    /// valid UTF-8 is listed decoded, each byte that is not UTF-8 as <c>U+FFFD</c>: a path that names no file
    /// (<see cref="ListUndecodableNames"/> gives such names as they are stored).
    /// </summary>
    IReadOnlyList<string> ListDirectory(string path);

    /// <summary>
    /// The names in a directory that are not valid UTF-8, each as its bytes, sorted bytewise; empty when there are
    /// none or the directory does not exist. No path string can name such a file (every one is passed to the
    /// kernel as UTF-8), yet programs that take names as bytes read it, systemd-networkd and NetworkManager among
    /// them: a caller deciding from what such a program will read must see these names too.
    /// </summary>
    IReadOnlyList<byte[]> ListUndecodableNames(string path);

    /// <summary>
    /// The bytes of the regular file <paramref name="file"/> (a relative path, such as <c>address</c>) inside the entry
    /// <paramref name="name"/> of the directory <paramref name="directory"/>, a name as <see cref="ListUndecodableNames"/>
    /// gives it, which no path string can name: <c>/sys/class/net/x\xE9/address</c>, the MAC of an interface whose name
    /// is not UTF-8. The entry is followed as the kernel follows it (sysfs's entries are links); the file's own name is not.
    /// <c>null</c> when it is not there or not a regular file, or when this file system cannot tell (the default).
    /// </summary>
    /// <exception cref="IOException">It is there but could not be read.</exception>
    byte[]? ReadBelowUndecodableName(string directory, byte[] name, string file) => null;

    /// <summary>
    /// The bytes of the regular file named <paramref name="name"/> in the directory <paramref name="directory"/>, a name as
    /// <see cref="ListUndecodableNames"/> gives it: NetworkManager's <c>ifcfg-x\xE9</c>, read by a program that takes names
    /// as bytes. Not followed when it is a link, as <see cref="GetStatus"/> looks at a path. <c>null</c> when it is not there
    /// or not a regular file, or when this file system cannot tell (the default).
    /// </summary>
    /// <exception cref="IOException">It is there but could not be read.</exception>
    byte[]? ReadUndecodableName(string directory, byte[] name) => null;

    /// <summary>
    /// The target of the symbolic link named <paramref name="name"/> in the directory <paramref name="directory"/>, a name as
    /// <see cref="ListUndecodableNames"/> gives it, exactly as stored (decoded as UTF-8): what <see cref="ReadLink"/> gives for
    /// a path, for NetworkManager's <c>ifcfg-x\xE9</c> that it follows as any name. <c>null</c> when it is not there or not a
    /// link, or when this file system cannot tell (the default).
    /// </summary>
    /// <exception cref="IOException">It is there but could not be read.</exception>
    string? ReadUndecodableNameLink(string directory, byte[] name) => null;

    /// <summary>The target of a symbolic link exactly as stored, or <c>null</c> when the path is not one.</summary>
    string? ReadLink(string path);

    /// <summary>Creates a symbolic link at <paramref name="path"/> pointing to <paramref name="target"/> (stored as given).</summary>
    void CreateSymbolicLink(string path, string target);

    /// <summary>
    /// The POSIX access ACL of <paramref name="path"/> as the kernel stores it (the value of the
    /// <c>system.posix_acl_access</c> extended attribute), for <see cref="AtomicWriteOptions.ExactAccessControl"/>
    /// to put back as it is (<c>null</c> included); empty when it has none or its file system keeps
    /// none; <c>null</c> when this file system cannot tell. A final link is not followed.
    /// </summary>
    /// <remarks>
    /// The default implementation, for a file system that knows no ACLs, answers <c>null</c>: a
    /// restore (<c>resetnetwork</c>'s rollback and recovery, <c>kmsactivate</c>'s) then puts back
    /// contents, owner and mode only, and leaves the file the ACL it has at that moment, as a
    /// <see cref="IAtomicFileWriter"/> rewrite without <see cref="AtomicWriteOptions.ExactAccessControl"/> does
    /// (a file gone by then comes back as a new one: with the ACL its directory's default ACL gives,
    /// masked by its mode). Not empty, which would mean "no ACL" and remove one.
    /// </remarks>
    /// <exception cref="IOException">
    /// Only from an implementation that reads a real file, as <see cref="RootedFileSystem"/> does: the
    /// path does not exist, is a symbolic link, or cannot be read. The default implementation never
    /// throws, whatever the path (it does not look at it).
    /// </exception>
    ReadOnlyMemory<byte>? ReadAccessControl(string path) => null;

    /// <summary>
    /// The extended attributes of <paramref name="path"/> a rewrite keeps besides its access ACL, by
    /// name (the SELinux label, <c>user.*</c>, and <c>trusted.*</c> when a privileged process reads
    /// them; not file capabilities or IMA/EVM values, which describe the contents), for
    /// <see cref="AtomicWriteOptions.ExactExtendedAttributes"/> to put back as they are (<c>null</c>
    /// included); empty when it has none or its file system keeps none; <c>null</c> when this file
    /// system cannot tell. A final link is not followed.
    /// </summary>
    /// <remarks>
    /// The default implementation answers <c>null</c>: a restore then leaves the file the attributes
    /// it has at that moment, as <see cref="ReadAccessControl"/>'s default leaves the ACL.
    /// </remarks>
    /// <exception cref="IOException">
    /// Only from an implementation that reads a real file, as <see cref="RootedFileSystem"/> does: the
    /// path does not exist, is a symbolic link, cannot be read, or has an attribute whose name is not
    /// UTF-8. The default implementation never throws.
    /// </exception>
    IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? ReadExtendedAttributes(string path) => null;

    /// <summary>
    /// The regular file at <paramref name="path"/> with its status, access ACL and other extended
    /// attributes (as <see cref="ReadAccessControl"/> and <see cref="ReadExtendedAttributes"/> answer
    /// them); <c>null</c> when nothing (as <see cref="GetStatus"/> tells it), or anything but a regular
    /// file, is there. A final link is not followed. The contents may be a secret: zero them when done.
    /// </summary>
    /// <remarks>
    /// For a snapshot to restore later: a status read by path and then an open by path could save one
    /// file's contents with another's mode, owner and attributes (the file replaced between the two,
    /// or swapped for a link to another), or open a FIFO swapped in and wait on it for ever.
    /// <see cref="RootedFileSystem"/> looks at the path with <c>O_PATH|O_NOFOLLOW</c> and reads
    /// everything from the inode it found, opening no FIFO or device. The default implementation, for
    /// a file system that is not the real one, is not race-free: it reads the status and then the
    /// contents, ACL and attributes by path, each of which may meet another file by then.
    /// </remarks>
    /// <exception cref="IOException">The file could not be looked at or read, or an attribute's name is not UTF-8.</exception>
    RegularFile? ReadRegularFile(string path) =>
        GetStatus(path) is { Kind: FileKind.File } status
            ? new RegularFile(ReadAllBytes(path), status, ReadAccessControl(path), ReadExtendedAttributes(path))
            : null;

    /// <summary>
    /// What is at <paramref name="path"/>, from one look: a regular file (as <see cref="ReadRegularFile"/>
    /// reads it), a symbolic link with its target, or another kind of entry; <c>null</c> when nothing
    /// (as <see cref="GetStatus"/> tells it) is there. A final link is not followed. The contents may
    /// be a secret: zero them when done.
    /// </summary>
    /// <remarks>
    /// For a snapshot to restore later: <see cref="ReadRegularFile"/>, then <see cref="GetStatus"/>, then
    /// <see cref="ReadLink"/> could each meet another entry (a file swapped for a link, a link for a
    /// file), and a snapshot made of their answers could hold no file and no link where there was one
    /// all along, which a restore then deletes. <see cref="RootedFileSystem"/> looks once
    /// (<c>O_PATH|O_NOFOLLOW</c>) and reads a file's contents or a link's target from the entry it
    /// found. The default implementation, for a file system that is not the real one, reads the file
    /// first and then the status and the link's target by path: what it answers is one kind with what
    /// that kind holds, or an <see cref="IOException"/> when the path changed between its reads, but a
    /// link's target may be that of a link put there after the status was read.
    /// </remarks>
    /// <exception cref="IOException">The path could not be looked at or read, or changed while read (the default implementation), or a link loop is met on the way (<c>ELOOP</c>).</exception>
    PathEntry? ReadEntry(string path) =>
        ReadRegularFile(path) is { } file ? new PathEntry(file)
        : GetStatus(path) switch
        {
            null => null,
            { Kind: FileKind.SymbolicLink } => new PathEntry(ReadLink(path) ?? throw new IOException($"'{path}' changed while it was read")),
            { Kind: FileKind.File } => throw new IOException($"'{path}' changed while it was read"),
            { Kind: var kind } => new PathEntry(kind),
        };

    /// <summary>
    /// Changes an entry's permission bits. Never to setuid or setgid, as nothing the agent writes
    /// is (see <see cref="IAtomicFileWriter"/>; systemd's <c>RestrictSUIDSGID=yes</c> would refuse it
    /// with <c>EPERM</c> anyway).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The mode has setuid or setgid, or a bit above <c>07777</c>; nothing is changed.</exception>
    void SetMode(string path, UnixFileMode mode);

    /// <summary>Changes an entry's owner without following a final link.</summary>
    void SetOwner(string path, FileOwner owner);
}
