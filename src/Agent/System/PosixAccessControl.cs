using System.Buffers.Binary;

namespace GuestAgent.Platform;

/// <summary>
/// The form of a POSIX access ACL as the kernel stores it (the value of <c>system.posix_acl_access</c>,
/// what <see cref="IFileSystem.ReadAccessControl"/> gives and <see cref="AtomicWriteOptions.ExactAccessControl"/> takes).
/// </summary>
public static class PosixAccessControl
{
    /// <summary>The most bytes an extended attribute's value may have (the kernel's <c>XATTR_SIZE_MAX</c>).</summary>
    public const int MaxBytes = 65536;

    private const int HeaderBytes = 4;
    private const int EntryBytes = 8;
    private const uint Version = 2;

    /// <summary>
    /// Whether <paramref name="value"/> is empty (no ACL) or has the kernel's form: a little-endian
    /// version 2 header, then whole 8-byte entries, at most <see cref="MaxBytes"/> in all. The
    /// entries themselves (their tags, ids and permissions) are the kernel's to check: one it refuses
    /// fails the write that sets it (<c>EINVAL</c>), which then changes nothing.
    /// </summary>
    /// <param name="value">The value to check.</param>
    public static bool IsWellFormed(ReadOnlySpan<byte> value) =>
        value.IsEmpty
        || (value.Length is >= HeaderBytes and <= MaxBytes
            && (value.Length - HeaderBytes) % EntryBytes == 0
            && BinaryPrimitives.ReadUInt32LittleEndian(value) == Version);
}
