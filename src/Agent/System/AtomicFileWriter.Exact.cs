using GuestAgent.Platform.Native;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform;

public sealed partial class AtomicFileWriter
{
    /// <summary>Whether the existing file already has the <see cref="AtomicWriteOptions.ExactMode"/> and <see cref="AtomicWriteOptions.ExactOwner"/> asked for (<paramref name="mode"/> and <paramref name="owner"/>, as the write would give them).</summary>
    private static bool HasExact(FileStatus existing, AtomicWriteOptions options, UnixFileMode mode, FileOwner? owner) =>
        (options.ExactMode is null || existing.Mode == mode) && (options.ExactOwner is null || owner is null || existing.Owner == owner);

    /// <summary>Whether the existing file already has the <see cref="AtomicWriteOptions.ExactAccessControl"/> and <see cref="AtomicWriteOptions.ExactExtendedAttributes"/> asked for, if any.</summary>
    private static bool HasExactAttributes(SafeFileHandle handle, string path, AtomicWriteOptions options) =>
        (options.ExactAccessControl is not { } acl || ExtendedAttributes.ReadAccessAcl(handle, path).AsSpan().SequenceEqual(acl.Span)) &&
        (options.ExactExtendedAttributes is not { } byName || ExtendedAttributes.HasExactly(handle, byName, path));

    /// <summary>
    /// The attributes the new inode gets: the old file's, or the <see cref="AtomicWriteOptions.ExactExtendedAttributes"/>
    /// asked for with the old file's access ACL, that ACL replaced by the <see cref="AtomicWriteOptions.ExactAccessControl"/> asked for, if any.
    /// </summary>
    private static IReadOnlyList<ExtendedAttribute> WithExact(IReadOnlyList<ExtendedAttribute> attributes, AtomicWriteOptions options)
    {
        if (options.ExactExtendedAttributes is { } byName)
        {
            attributes = [.. attributes.Where(ExtendedAttributes.IsAccessAcl), .. ExtendedAttributes.FromNames(byName)];
        }

        return options.ExactAccessControl is { } acl
            ? [.. attributes.Where(attribute => !ExtendedAttributes.IsAccessAcl(attribute)), .. ExtendedAttributes.AccessAclAttribute(acl)]
            : attributes;
    }
}
