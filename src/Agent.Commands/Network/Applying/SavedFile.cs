using GuestAgent.Platform;

namespace GuestAgent.Commands.Network.Applying;

/// <summary>A regular file as it was.</summary>
/// <param name="Contents">Its bytes.</param>
/// <param name="Mode">Its permission bits.</param>
/// <param name="Owner">Its owner and group.</param>
/// <param name="Acl">
/// Its POSIX access ACL (<see cref="IFileSystem.ReadAccessControl"/>, empty for none), or <c>null</c>
/// when not known (a recovery record an older agent wrote, a file system that knows no ACLs): the
/// restore then keeps the ACL of the file there.
/// </param>
/// <param name="Attributes">
/// Its other extended attributes (<see cref="IFileSystem.ReadExtendedAttributes"/>: the SELinux label,
/// <c>user.*</c>, <c>trusted.*</c>), or <c>null</c> when not known (an older record, a file system
/// that cannot tell): the restore then keeps those of the file there. Known, a file the change
/// deleted or replaced comes back with them, not with none.
/// </param>
internal sealed record SavedFile(byte[] Contents, UnixFileMode Mode, FileOwner Owner, byte[]? Acl, IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? Attributes = null)
{
    /// <summary>
    /// The ACL as <see cref="AtomicWriteOptions.ExactAccessControl"/> takes it: <c>null</c> when
    /// unknown, which an array's conversion to memory would turn into none.
    /// </summary>
    public ReadOnlyMemory<byte>? ExactAcl => Acl is { } acl ? acl : (ReadOnlyMemory<byte>?)null;

    /// <summary>
    /// Whether <paramref name="file"/> is this file: the same bytes, mode, owner and, where known on
    /// both sides, the same ACL and attributes (a restore of an unknown one keeps what is there).
    /// </summary>
    public bool Matches(RegularFile file) =>
        file.Contents.AsSpan().SequenceEqual(Contents)
        && file.Status.Mode == Mode
        && file.Status.Owner == Owner
        && (Acl is null || file.AccessControl is not { } acl || acl.Span.SequenceEqual(Acl))
        && (Attributes is null || file.ExtendedAttributes is not { } attributes || SameAttributes(attributes, Attributes));

    private static bool SameAttributes(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> found, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> saved) =>
        found.Count == saved.Count && saved.All(pair => found.TryGetValue(pair.Key, out var value) && value.Span.SequenceEqual(pair.Value.Span));
}
