using GuestAgent.Platform.Native;

namespace GuestAgent.Platform;

/// <summary>
/// Which owner the agent actually gives a file. As root (production) every requested owner is
/// applied. In root mode without root privileges (development, <c>demo</c>), ownership cannot be
/// changed, so files simply stay the agent user's; modes are still applied exactly.
/// </summary>
internal static class Ownership
{
    /// <summary>The owner to apply, or <c>null</c> to leave the file the agent user's.</summary>
    public static FileOwner? Effective(FileOwner? requested, bool rooted) =>
        requested is { } owner && !IsOwn(owner) && rooted && LibC.GetEffectiveUserId() != 0 ? null : requested;

    /// <summary>
    /// <paramref name="directoryOwner"/> when a user other than root owns the directory (a home
    /// directory, an application's tree): the owner new entries inside it take under
    /// <see cref="AtomicWriteOptions.InheritUserDirectoryOwner"/>; <c>null</c> for root's directories.
    /// </summary>
    public static FileOwner? OfUserDirectory(FileOwner directoryOwner) =>
        directoryOwner.UserId != 0 ? directoryOwner : null;

    /// <summary>Whether the owner is the agent's own user and group.</summary>
    public static bool IsOwn(FileOwner owner) =>
        owner.UserId == LibC.GetEffectiveUserId() && owner.GroupId == LibC.GetEffectiveGroupId();

    /// <summary>
    /// Whether an entry the agent just created, with status <paramref name="created"/>, needs a chown
    /// to get <paramref name="wanted"/>. Read from the entry, not assumed from the agent's own ids: in
    /// a setgid directory (Debian's <c>/usr/local</c> and <c>/var/local</c>, root:staff 2775) the
    /// kernel gives a new entry the directory's group, so root's entry is root:staff until chowned.
    /// </summary>
    public static bool Differs(RawStatus created, FileOwner wanted) =>
        created.Uid != wanted.UserId || created.Gid != wanted.GroupId;
}
