using System.Text;
using GuestAgent.Platform.Native;

namespace GuestAgent.Platform;

/// <summary>
/// <see cref="IFileSystem"/> over the real file system, with every agent path mapped under a root
/// directory. <see cref="Resolve"/>'s mapping is lexical: <c>..</c> may not climb above the root.
/// With <c>/</c> as the root the methods hand the kernel that path. In root mode every method
/// reaches the directories of its path as <see cref="CreateDirectory"/>'s walk does, as in a
/// chroot: a symbolic link's absolute target starts again at the root, never at the host's
/// <c>/</c>, and <c>..</c> after a link is taken from its target; the final component keeps each
/// method's rule (followed by the readers, under the root too, not by <see cref="GetStatus"/>,
/// <see cref="ReadLink"/> or <see cref="DeleteFile"/>). The root is a convenience for development
/// and tests, not a sandbox: only the writes that walk the path trust some links and not others.
/// </summary>
public sealed partial class RootedFileSystem : IFileSystem
{
    /// <summary>Creates the file system.</summary>
    /// <param name="root">The host directory agent paths live under; <c>/</c> in production.</param>
    public RootedFileSystem(string root = "/")
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var full = Path.GetFullPath(root);
        Root = full.Length > 1 ? full.TrimEnd('/') : full;
    }

    /// <inheritdoc />
    public string Root { get; }

    /// <inheritdoc />
    public bool IsRooted => Root != "/";

    /// <inheritdoc />
    public string Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"'{path}' is not an absolute path", nameof(path));
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The path contains a NUL character", nameof(path));
        }

        var segments = new List<string>();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (segment)
            {
                case ".":
                    continue;
                case "..":
                    if (segments.Count == 0)
                    {
                        throw new ArgumentException($"'{path}' leaves the agent's root", nameof(path));
                    }

                    segments.RemoveAt(segments.Count - 1);
                    continue;
                default:
                    segments.Add(segment);
                    continue;
            }
        }

        var builder = new StringBuilder(Root == "/" ? "" : Root);
        foreach (var segment in segments)
        {
            builder.Append('/').Append(segment);
        }

        return builder.Length == 0 ? "/" : builder.ToString();
    }

    /// <inheritdoc />
    public FileStatus? GetStatus(string path) => StatusOf(HostPath(path, followFinalLink: false));

    /// <inheritdoc />
    public bool IsImmutable(string path)
    {
        try
        {
            return LibC.LStat(HostPath(path, followFinalLink: false)) is { IsImmutable: true };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public bool FileExists(string path) => IsRooted ? ExistsUnderRoot(path, directory: false) : File.Exists(Resolve(path));

    /// <inheritdoc />
    public bool DirectoryExists(string path) => IsRooted ? ExistsUnderRoot(path, directory: true) : Directory.Exists(Resolve(path));

    /// <inheritdoc />
    public byte[] ReadAllBytes(string path) => File.ReadAllBytes(HostPath(path, followFinalLink: true));

    /// <inheritdoc />
    public string ReadAllText(string path) => File.ReadAllText(HostPath(path, followFinalLink: true), Encoding.UTF8);

    /// <inheritdoc />
    public Stream OpenRead(string path) => File.OpenRead(HostPath(path, followFinalLink: true));

    /// <inheritdoc />
    /// <remarks>
    /// The file is opened relative to the directory <see cref="PinnedDirectory"/> walked to (a trusted
    /// link's absolute target under the root, as <see cref="CreateDirectory"/> follows it), never by a
    /// host path the kernel would resolve against the host's <c>/</c>. As for the writer, a link at the
    /// file itself is refused, never written through, and so is anything but a regular file there. A new
    /// file is made 0600 (before the umask); an existing one keeps its mode.
    /// </remarks>
    public void AppendAllText(string path, string text)
    {
        var components = ComponentsBelowRoot(this, path);
        if (components.Length == 0)
        {
            throw new ArgumentException("The agent's root is not a file", nameof(path));
        }

        var creation = new DirectoryCreation(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, null);
        using var directory = PinnedDirectory.Open(Root, components[..^1], creation, DirectoryLinkPolicy.FollowTrusted);
        directory.SyncCreated();

        // O_NONBLOCK: a FIFO there fails (ENXIO) or is refused below rather than block; O_NOCTTY: a terminal never becomes ours.
        const int flags = OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Append | OpenFlags.NonBlocking | OpenFlags.NoControllingTerminal;
        var errno = LibCAt.TryOpenAt(directory.Handle, components[^1], flags | OpenFlags.NoFollow, UnixFileMode.UserRead | UnixFileMode.UserWrite, out var handle);
        switch (errno)
        {
            case 0:
                break;
            case LibC.ELoop:
                // The directory is held, so with O_NOFOLLOW only the final component can be the link.
                throw new PathRefusedException(PathRefusal.LinkAtTarget, $"'{path}' is a symbolic link; refusing to write through it");
            case LibC.EIsDir or LibC.ENxIo:
                throw new PathRefusedException(PathRefusal.TargetNotRegular, $"'{path}' exists and is not a regular file");
            default:
                throw LibC.Failure("open", path, errno);
        }

        using (handle!)
        {
            if (!LibCAt.StatusOf(handle!, path).IsRegularFile)
            {
                throw new PathRefusedException(PathRefusal.TargetNotRegular, $"'{path}' exists and is not a regular file");
            }

            // Under O_APPEND Linux writes at the end whatever offset pwrite is given: two appenders never overwrite each other.
            RandomAccess.Write(handle!, Encoding.UTF8.GetBytes(text), RandomAccess.GetLength(handle!));
        }
    }

    /// <inheritdoc />
    public void CreateDirectory(string path, UnixFileMode mode, FileOwner? owner = null)
    {
        using var directory = PinnedDirectory.Open(Root, ComponentsBelowRoot(this, path), new DirectoryCreation(mode, owner), DirectoryLinkPolicy.FollowTrusted);
        directory.SyncCreated();
    }

    /// <inheritdoc />
    public bool DeleteFile(string path)
    {
        var full = HostPath(path, followFinalLink: false);
        var status = StatusOf(full);
        if (status is null)
        {
            return false;
        }

        if (status.Value.Kind == FileKind.Directory)
        {
            throw new IOException($"'{path}' is a directory");
        }

        File.Delete(full);
        return true;
    }

    /// <inheritdoc />
    public bool DeleteEmptyDirectory(string path)
    {
        var full = HostPath(path, followFinalLink: false);
        if (StatusOf(full) is not { Kind: FileKind.Directory })
        {
            return false;
        }

        try
        {
            // rmdir(2): never removes anything inside; a link swapped in meanwhile fails ENOTDIR.
            Directory.Delete(full, recursive: false);
            return true;
        }
        catch (IOException error) when (error is DirectoryNotFoundException || error.HResult is LibC.ENoEnt or LibC.ENotDir or LibC.EExist or LibC.ENotEmpty)
        {
            // Not empty (Linux says ENOTEMPTY, POSIX allows EEXIST), or gone or swapped for a non-directory meanwhile.
            return false;
        }
    }

    /// <inheritdoc />
    public bool DeleteTree(string path)
    {
        var components = ComponentsBelowRoot(this, path);
        if (components.Length == 0)
        {
            throw new ArgumentException("Refusing to delete the agent's root", nameof(path));
        }

        // The walk itself tells whether there is anything to do: a host path's lookup would take a
        // link's absolute target as the host's, where the walk takes it as the root's (as in a chroot).
        PinnedDirectory directory;
        try
        {
            directory = PinnedDirectory.Open(Root, components[..^1], create: null, DirectoryLinkPolicy.FollowTrusted);
        }
        catch (PathRefusedException refused) when (refused.Reason is PathRefusal.DirectoryMissing or PathRefusal.NotADirectoryOnTheWay)
        {
            return false;
        }

        using (directory)
        {
            return DirectoryTree.Remove(directory.Handle, components[^1], path);
        }
    }

    /// <inheritdoc />
    public void SyncDirectory(string path) => LibC.FsyncDirectory(HostPath(path, followFinalLink: true));

    /// <inheritdoc />
    public void Move(string from, string to)
    {
        var source = HostPath(from, followFinalLink: false);
        var target = HostPath(to, followFinalLink: false);
        LibC.Rename(source, target);

        // The rename is durable only once the directories holding both names are synced (rollbacks rely on it).
        var targetDirectory = Path.GetDirectoryName(target);
        var sourceDirectory = Path.GetDirectoryName(source);
        if (targetDirectory is not null)
        {
            LibC.FsyncDirectory(targetDirectory);
        }

        if (sourceDirectory is not null && sourceDirectory != targetDirectory)
        {
            LibC.FsyncDirectory(sourceDirectory);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListDirectory(string path)
    {
        var full = TryHostPath(path, followFinalLink: true);
        if (full is null || !Directory.Exists(full))
        {
            return [];
        }

        var prefix = path.TrimEnd('/');
        return Directory.EnumerateFileSystemEntries(full)
            .Select(entry => prefix + "/" + Path.GetFileName(entry))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <inheritdoc />
    public string? ReadLink(string path) => LinkTarget(HostPath(path, followFinalLink: false));

    /// <inheritdoc />
    public void CreateSymbolicLink(string path, string target) => File.CreateSymbolicLink(HostPath(path, followFinalLink: false), target);

    /// <inheritdoc />
    /// <remarks>Never <c>null</c>: the ACL is read from the real file, empty for none.</remarks>
    public ReadOnlyMemory<byte>? ReadAccessControl(string path)
    {
        // ReadInPlace: a FIFO or a terminal at the path is opened without waiting or taking it over.
        using var handle = LibCAt.Open(HostPath(path, followFinalLink: false), OpenFlags.ReadInPlace);
        return ExtendedAttributes.ReadAccessAcl(handle, path);
    }

    /// <inheritdoc />
    /// <remarks>Never <c>null</c>: the attributes are read from the real file, empty for none.</remarks>
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? ReadExtendedAttributes(string path)
    {
        using var handle = LibCAt.Open(HostPath(path, followFinalLink: false), OpenFlags.ReadInPlace);
        return ExtendedAttributes.ByName(ExtendedAttributes.Read(handle, path, out _), path);
    }

    /// <inheritdoc />
    /// <remarks>The access ACL and attributes are never <c>null</c>: read from the real file, empty for none.</remarks>
    public RegularFile? ReadRegularFile(string path)
    {
        using var found = FileInPlace.Open(HostPath(path, followFinalLink: false));
        if (found.Kind != FoundInPlace.Regular)
        {
            return null;
        }

        return Read(found, path);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One look (<see cref="FileInPlace"/>): a file is read through the inode it found, a link's target
    /// from its descriptor (<c>readlinkat(fd, "")</c>). The access ACL and attributes are never
    /// <c>null</c>: read from the real file, empty for none.
    /// </remarks>
    public PathEntry? ReadEntry(string path)
    {
        using var found = FileInPlace.Open(HostPath(path, followFinalLink: false));
        return found.Kind switch
        {
            FoundInPlace.Nothing => null,
            FoundInPlace.Regular => new PathEntry(Read(found, path)),
            FoundInPlace.Link => new PathEntry(found.ReadLinkTarget(path)),
            // ENXIO found no entry to take the status of: something that is not a file, as for the writer.
            _ => new PathEntry(found.LookedStatus?.Kind ?? FileKind.Other),
        };
    }

    /// <inheritdoc />
    public void SetMode(string path, UnixFileMode mode)
    {
        var bits = FileModes.WithinModeBits(mode, nameof(mode));
        if ((bits & AtomicFileWriter.SetIdBits) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"Mode {FileModes.Octal(mode)} has setuid or setgid, which nothing the agent writes has");
        }

        UnixFiles.SetMode(HostPath(path, followFinalLink: true), bits);
    }

    /// <inheritdoc />
    public void SetOwner(string path, FileOwner owner) => LibC.LChown(HostPath(path, followFinalLink: false), owner.UserId, owner.GroupId);

    /// <summary>The regular file <paramref name="found"/> holds, everything read through its descriptor.</summary>
    private static RegularFile Read(FileInPlace found, string path)
    {
        var acl = ExtendedAttributes.ReadAccessAcl(found.Handle, path);
        var attributes = ExtendedAttributes.ByName(ExtendedAttributes.Read(found.Handle, path, out _), path);
        return new RegularFile(found.ReadToEnd(path), found.Status!.Value, acl, attributes);
    }

    /// <summary>The status of a host path, without following a final link.</summary>
    internal static FileStatus? StatusOf(string hostPath) => LibC.LStat(hostPath) is { } raw ? ToStatus(raw) : null;

    /// <summary>
    /// Creates the missing directories of a host path (the agent's own state, outside any agent
    /// root), walked from <c>/</c> like <see cref="CreateDirectory"/>: trusted links only, each new
    /// directory with exactly <paramref name="mode"/>.
    /// </summary>
    internal static void CreateDirectoryCore(string hostPath, UnixFileMode mode, FileOwner? owner)
    {
        var components = Path.GetFullPath(hostPath).Split('/', StringSplitOptions.RemoveEmptyEntries);
        using var directory = PinnedDirectory.Open("/", components, new DirectoryCreation(mode, owner), DirectoryLinkPolicy.FollowTrusted);
        directory.SyncCreated();
    }

    /// <summary>The agent's view of a raw <c>statx</c> result.</summary>
    internal static FileStatus ToStatus(RawStatus raw)
    {
        var kind = (raw.Mode & 0xF000) switch
        {
            0x8000 => FileKind.File,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Other,
        };
        return new FileStatus(kind, (UnixFileMode)(raw.Mode & 0xFFF), new FileOwner(raw.Uid, raw.Gid), raw.Size);
    }

    /// <summary>The components of an agent path below <paramref name="fileSystem"/>'s root, after its lexical mapping.</summary>
    internal static string[] ComponentsBelowRoot(IFileSystem fileSystem, string path)
    {
        var host = fileSystem.Resolve(path);
        var root = fileSystem.Root;
        return (root == "/" ? host : host[root.Length..]).Split('/', StringSplitOptions.RemoveEmptyEntries);
    }
}
