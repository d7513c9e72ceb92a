using GuestAgent.Platform.Native;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform;

/// <summary>How missing directories are made: exactly this mode (no umask) and, when given, this owner.</summary>
/// <param name="Mode">
/// The mode of every directory made, less setuid and setgid: nothing the agent makes has either
/// (<see cref="IAtomicFileWriter"/>), and the shipped unit's <c>RestrictSUIDSGID=yes</c> refuses them.
/// </param>
/// <param name="Owner">Their owner (already as <see cref="Ownership.Effective"/> gives it); <c>null</c> for the agent's own user.</param>
/// <param name="InheritUserOwner">
/// Give them instead the owner of the deepest existing directory on the way when a user other
/// than root owns it (see <see cref="AtomicWriteOptions.InheritUserDirectoryOwner"/>).
/// </param>
/// <param name="Rooted">Whether the agent writes under a development root (for <see cref="Ownership.Effective"/>).</param>
internal readonly record struct DirectoryCreation(UnixFileMode Mode, FileOwner? Owner, bool InheritUserOwner = false, bool Rooted = false)
{
    /// <summary>The owner of a directory made below an existing one owned by <paramref name="existingOwner"/>.</summary>
    public FileOwner? OwnerBelow(Func<FileOwner> existingOwner) =>
        InheritUserOwner && Ownership.OfUserDirectory(existingOwner()) is { } user ? Ownership.Effective(user, Rooted) : Owner;
}

/// <summary>
/// A directory reached from the agent's root one component at a time, each opened relative to the
/// one before with <c>O_NOFOLLOW|O_DIRECTORY</c>, and held open. The kernel never resolves a path
/// given by name, so a symbolic link anywhere on the way is seen (and refused, or followed by the
/// <see cref="DirectoryLinkPolicy"/>), and every later operation relative to <see cref="Handle"/>
/// happens in exactly the directory that was checked: swapping a directory on the way for a link
/// afterwards changes nothing (no check-then-use race).
/// </summary>
/// <remarks>
/// Directories on the way that other users may write (a home directory, for example) are allowed:
/// such a user can rename or replace entries there, but never make a walk leave the directories it
/// opened, so the worst they achieve is a file in their own tree. Missing directories are created
/// 0700, re-opened without following, checked to be the new directory this process owns (a user
/// racing to put their own directory or a link in its place is refused, never chmodded), and only
/// then given their owner and mode through the descriptor.
/// </remarks>
internal sealed class PinnedDirectory : IDisposable
{
    /// <summary>As Linux's MAXSYMLINKS: links followed (or lookups repeated after a concurrent change) per walk.</summary>
    private const int MaxDetours = 40;

    private const int WritableByOthers = 0b000_010_010;
    private const int Sticky = 0b001_000_000_000;
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly List<SafeFileHandle> _owned = [];
    private readonly List<SafeFileHandle> _chain = [];

    // For each directory in _chain: itself if it existed, else the existing directory it was made below.
    private readonly List<SafeFileHandle> _existing = [];
    private readonly List<string> _names = [];
    private readonly List<(SafeFileHandle Parent, string Name)> _created = [];

    private PinnedDirectory()
    {
    }

    /// <summary>The directory, opened for reading (so it can be synced).</summary>
    public SafeFileHandle Handle { get; private set; } = null!;

    /// <summary>
    /// The owner of the deepest directory on the walk that already existed (the directory itself,
    /// or the one its newly made parents were created in), read from the descriptor the walk holds,
    /// never by looking the path up again.
    /// </summary>
    public FileOwner DeepestExistingOwner => OwnerOf(_existing[^1]);

    /// <summary>The agent path of the directory as walked (after any followed link), for messages.</summary>
    public string AgentPath => "/" + string.Join('/', _names);

    /// <summary>Walks <paramref name="components"/> from the host directory <paramref name="hostRoot"/>.</summary>
    /// <param name="hostRoot">The agent's root; opened by name (it is configuration, not input).</param>
    /// <param name="components">The directory's components below the root.</param>
    /// <param name="create">How to make missing directories; <c>null</c> makes a missing one an error.</param>
    /// <param name="links">What to do with a symbolic link on the way.</param>
    /// <exception cref="PathRefusedException">A link, a non-directory or a missing directory on the way; nothing was created.</exception>
    /// <exception cref="IOException">A system call failed; directories made by the walk are removed again.</exception>
    public static PinnedDirectory Open(string hostRoot, IEnumerable<string> components, DirectoryCreation? create, DirectoryLinkPolicy links)
    {
        var pinned = new PinnedDirectory();
        try
        {
            pinned.Walk(hostRoot, components, create, links);
            return pinned;
        }
        catch
        {
            pinned.RemoveCreated();
            pinned.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Flushes the entries of the directories this walk made to disk (each one's parent), so a file
    /// written into a new directory survives a crash together with the directory.
    /// </summary>
    public void SyncCreated()
    {
        foreach (var (parent, name) in _created)
        {
            // The parents were opened O_PATH, which fsync refuses; "." is never a link.
            var errno = LibCAt.TryOpenAt(parent, ".", OpenFlags.ReadOnly | OpenFlags.Directory, 0, out var readable);
            if (errno != 0)
            {
                throw LibC.Failure("open", "the parent of " + name, errno);
            }

            using (readable!)
            {
                LibCAt.Sync(readable!, "the parent of " + name);
            }
        }
    }

    /// <summary>Removes the directories this walk made, innermost first, stopping at the first that is no longer empty.</summary>
    public void RemoveCreated()
    {
        for (var i = _created.Count - 1; i >= 0; i--)
        {
            // rmdir fails on a directory that is not empty: something else now lives there.
            if (!LibCAt.TryUnlinkAt(_created[i].Parent, _created[i].Name, directory: true))
            {
                break;
            }
        }

        _created.Clear();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var handle in _owned)
        {
            handle.Dispose();
        }

        _owned.Clear();
    }

    private SafeFileHandle Current => _chain[^1];

    private void Walk(string hostRoot, IEnumerable<string> components, DirectoryCreation? create, DirectoryLinkPolicy links)
    {
        var root = Keep(LibCAt.Open(hostRoot, OpenFlags.PathOnly | OpenFlags.Directory));
        _chain.Add(root);
        _existing.Add(root);
        var pending = new Stack<string>(Enumerable.Reverse(components.ToList()));
        var detours = 0;
        while (pending.TryPop(out var name))
        {
            switch (name)
            {
                case "" or ".":
                    continue;
                case "..":
                    // Only a followed link's target has these; like the kernel at "/", never above the root.
                    if (_chain.Count > 1)
                    {
                        _chain.RemoveAt(_chain.Count - 1);
                        _existing.RemoveAt(_existing.Count - 1);
                        _names.RemoveAt(_names.Count - 1);
                    }

                    continue;
            }

            var errno = LibCAt.TryOpenAt(Current, name, OpenFlags.PathOnly | OpenFlags.Directory | OpenFlags.NoFollow, 0, out var handle);
            if (errno == 0)
            {
                var existing = Keep(handle!);
                Enter(existing, name, existing);
                continue;
            }

            if (errno == LibC.ENoEnt)
            {
                if (create is not { } creation)
                {
                    throw new PathRefusedException(PathRefusal.DirectoryMissing, $"The directory '{PathOf(name)}' does not exist");
                }

                if (!TryCreate(name, creation))
                {
                    // Someone else made the entry first: look at it again, under the same rules.
                    Detour(ref detours, name);
                    pending.Push(name);
                }

                continue;
            }

            // With O_NOFOLLOW|O_DIRECTORY, a link or any other non-directory fails with ENOTDIR or ELOOP.
            if (errno is not (LibC.ENotDir or LibC.ELoop))
            {
                throw LibC.Failure("open", PathOf(name), errno);
            }

            var status = LibCAt.StatusAt(Current, name, PathOf(name));
            if (status is not { } entry)
            {
                Detour(ref detours, name);
                pending.Push(name);
                continue;
            }

            if (!entry.IsSymbolicLink)
            {
                throw new PathRefusedException(PathRefusal.NotADirectoryOnTheWay, $"'{PathOf(name)}' is not a directory");
            }

            if (links != DirectoryLinkPolicy.FollowTrusted || !IsTrusted(entry))
            {
                throw new PathRefusedException(PathRefusal.LinkOnTheWay, $"'{PathOf(name)}' is a symbolic link; refusing to follow it");
            }

            Detour(ref detours, name);
            var target = LibCAt.ReadLinkAt(Current, name, PathOf(name));
            if (target.StartsWith('/'))
            {
                // An absolute target means the agent's root, as for a chroot.
                _chain.RemoveRange(1, _chain.Count - 1);
                _existing.RemoveRange(1, _existing.Count - 1);
                _names.Clear();
            }

            foreach (var part in Enumerable.Reverse(target.Split('/')))
            {
                pending.Push(part);
            }
        }

        // Lookups needed only O_PATH; syncing the directory needs a real descriptor. "." is never a link.
        var errnoOfReopen = LibCAt.TryOpenAt(Current, ".", OpenFlags.ReadOnly | OpenFlags.Directory, 0, out var readable);
        Handle = errnoOfReopen == 0 ? Keep(readable!) : throw LibC.Failure("open", AgentPath, errnoOfReopen);
    }

    /// <summary>Makes <paramref name="name"/> in the current directory and enters it; <c>false</c> when something is already there.</summary>
    private bool TryCreate(string name, DirectoryCreation creation)
    {
        var path = PathOf(name);
        var errno = LibCAt.TryMakeDirectoryAt(Current, name, Private);
        if (errno == LibC.EExist)
        {
            return false;
        }

        if (errno != 0)
        {
            throw LibC.Failure("mkdir", path, errno);
        }

        // Whoever can write the parent may already have swapped in a link or their own directory.
        var replaced = new IOException($"The directory '{path}' was replaced while it was being created");
        if (LibCAt.TryOpenAt(Current, name, OpenFlags.ReadOnly | OpenFlags.Directory | OpenFlags.NoFollow, 0, out var handle) != 0)
        {
            throw replaced;
        }

        Keep(handle!);
        var status = LibCAt.StatusOf(handle!, path);
        if (!status.IsDirectory || status.Uid != LibC.GetEffectiveUserId())
        {
            throw replaced;
        }

        _created.Add((Current, name));
        var existing = _existing[^1];
        // Ownership, then the exact mode: it also clears the setgid bit a directory made inside a
        // setgid one gets from the kernel, which would otherwise pass on a group this directory no
        // longer has when the owner set here differs.
        if (creation.OwnerBelow(() => OwnerOf(existing)) is { } owner && Ownership.Differs(status, owner))
        {
            LibCAt.SetOwner(handle!, owner, path);
        }

        LibCAt.SetMode(handle!, creation.Mode & ~AtomicFileWriter.SetIdBits, path);
        Enter(handle!, name, existing);
        return true;
    }

    /// <summary>Whether only root or the agent's user can have put this link here (see <see cref="DirectoryLinkPolicy.FollowTrusted"/>).</summary>
    private bool IsTrusted(RawStatus link)
    {
        var directory = LibCAt.StatusOf(Current, AgentPath);
        if (!IsPrivileged(directory.Uid))
        {
            return false;
        }

        return (directory.Mode & WritableByOthers) == 0 || ((directory.Mode & Sticky) != 0 && IsPrivileged(link.Uid));
    }

    private static bool IsPrivileged(uint uid) => uid == 0 || uid == LibC.GetEffectiveUserId();

    private void Detour(ref int detours, string name)
    {
        if (++detours > MaxDetours)
        {
            throw new IOException($"Too many symbolic links or concurrent changes at '{PathOf(name)}'");
        }
    }

    private static FileOwner OwnerOf(SafeFileHandle directory)
    {
        var status = LibCAt.StatusOf(directory, "a directory on the way");
        return new FileOwner(status.Uid, status.Gid);
    }

    private void Enter(SafeFileHandle handle, string name, SafeFileHandle existing)
    {
        _chain.Add(handle);
        _existing.Add(existing);
        _names.Add(name);
    }

    private SafeFileHandle Keep(SafeFileHandle handle)
    {
        _owned.Add(handle);
        return handle;
    }

    private string PathOf(string name) => _names.Count == 0 ? "/" + name : AgentPath + "/" + name;
}
