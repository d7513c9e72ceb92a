namespace GuestAgent.Platform;

/// <summary>A regular file as <see cref="IFileSystem.ReadRegularFile"/> read it, everything from the one file found.</summary>
public sealed class RegularFile
{
    /// <summary>Creates the result.</summary>
    /// <param name="contents">Its bytes.</param>
    /// <param name="status">Its status (a <see cref="FileKind.File"/>).</param>
    /// <param name="accessControl">Its access ACL as <see cref="IFileSystem.ReadAccessControl"/> answers it (<c>null</c>: cannot tell).</param>
    /// <param name="extendedAttributes">Its other attributes as <see cref="IFileSystem.ReadExtendedAttributes"/> answers them (<c>null</c>: cannot tell).</param>
    public RegularFile(byte[] contents, FileStatus status, ReadOnlyMemory<byte>? accessControl, IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? extendedAttributes)
    {
        ArgumentNullException.ThrowIfNull(contents);
        Contents = contents;
        Status = status;
        AccessControl = accessControl;
        ExtendedAttributes = extendedAttributes;
    }

    /// <summary>Its bytes, which may be a secret (zero them when done); never in <see cref="object.ToString"/>.</summary>
    public byte[] Contents { get; }

    /// <summary>Its status.</summary>
    public FileStatus Status { get; }

    /// <summary>Its access ACL, empty for none; <c>null</c> when the file system cannot tell.</summary>
    public ReadOnlyMemory<byte>? AccessControl { get; }

    /// <summary>Its extended attributes but the access ACL, by name; <c>null</c> when the file system cannot tell.</summary>
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>>? ExtendedAttributes { get; }
}
