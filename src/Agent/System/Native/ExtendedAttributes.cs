using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform.Native;

/// <summary>One extended attribute: its NUL-terminated name and its value.</summary>
internal readonly record struct ExtendedAttribute(byte[] Name, byte[] Value)
{
    /// <summary>The name for messages.</summary>
    public string DisplayName => Encoding.UTF8.GetString(Name.AsSpan(0, Name.Length - 1));
}

/// <summary>
/// Copies a file's extended attributes (SELinux label, POSIX ACL, <c>user.*</c>, <c>trusted.*</c>)
/// to the new inode that replaces it, so an atomic rewrite keeps them as it keeps owner and mode.
/// </summary>
internal static class ExtendedAttributes
{
    private const int ERange = 34;
    private const int ENoData = 61;
    private const int ENotSupported = 95;
    private const string AccessAcl = "system.posix_acl_access";

    // Spans over the image's constant data rather than arrays: a static array is mutable state shared by every caller.
    private static ReadOnlySpan<byte> CapabilitiesName => "security.capability"u8;

    private static ReadOnlySpan<byte> ImaName => "security.ima"u8;

    private static ReadOnlySpan<byte> EvmName => "security.evm"u8;

    private static ReadOnlySpan<byte> AccessAclName => "system.posix_acl_access\0"u8;

    private static ReadOnlySpan<byte> SecurityPrefix => "security."u8;

    /// <summary>
    /// The attributes of an open file (opened without following a link, so never a link's target)
    /// that belong to the file rather than to its contents. Left out: <c>security.capability</c> (the kernel itself drops file capabilities
    /// when a file is written: new contents must not inherit the old program's privileges) and the
    /// IMA/EVM <c>security.ima</c> / <c>security.evm</c> (a hash and signature of the old contents,
    /// which would make the new contents fail appraisal). Empty on a file system without extended attributes.
    /// </summary>
    /// <param name="handle">The file.</param>
    /// <param name="pathForErrors">Its path, for messages.</param>
    /// <param name="capabilities">
    /// Whether the file carries file capabilities: a hard link to it, as a backup, would keep them.
    /// Told by the list of names, so their value is never read.
    /// </param>
    public static IReadOnlyList<ExtendedAttribute> Read(SafeFileHandle handle, string pathForErrors, out bool capabilities)
    {
        // Read through the descriptor: a path would be resolved again, through whatever links are on it by then.
        var fd = (int)handle.DangerousGetHandle();
        var names = ListNames(fd, pathForErrors);
        capabilities = names.Capabilities;
        var attributes = new List<ExtendedAttribute>();
        foreach (var name in names.Copied)
        {
            // An attribute removed since the list was read is simply not copied.
            if (Query(fd, name, "getxattr", pathForErrors) is { } value)
            {
                attributes.Add(new ExtendedAttribute(name, value));
            }
        }

        return attributes;
    }

    /// <summary>
    /// Sets the attributes on an open file, but none it already has with the same value. A file
    /// system that does not support one (for example a label synthesised by a <c>context=</c> mount,
    /// or no ACLs) is skipped; any other refusal fails, so a file that would lose its SELinux label
    /// is never installed.
    /// </summary>
    /// <remarks>
    /// A value already there (the label the directory gave the new file, most often the very one the
    /// old file had; an inherited ACL equal to the old one) is not set again: SELinux checks
    /// <c>relabelfrom</c> and <c>relabelto</c> even for a label that does not change, which a confined
    /// domain (a non-root SDK host's) may lack, and its refusal would fail a write that changes nothing.
    /// </remarks>
    public static void Write(SafeFileHandle handle, IReadOnlyList<ExtendedAttribute> attributes, string pathForErrors)
    {
        foreach (var attribute in attributes)
        {
            if (!Has((int)handle.DangerousGetHandle(), attribute) &&
                Syscalls.SetExtendedAttribute((int)handle.DangerousGetHandle(), attribute.Name, attribute.Value, (nuint)attribute.Value.Length, 0) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != ENotSupported)
                {
                    throw SetFailure(attribute, pathForErrors, errno);
                }
            }
        }
    }

    /// <summary>
    /// The failure to set <paramref name="attribute"/>; for <c>EPERM</c> on a <c>security.*</c> name
    /// (only a process with <c>CAP_SYS_ADMIN</c> sets one no security module lets it set: a label
    /// that <c>rsync -X</c> or <c>tar --xattrs</c> brought from another system onto a host without
    /// SELinux, met by a non-root or container agent) it says so, and how to remove it. Never the value.
    /// </summary>
    /// <remarks>
    /// Not skipped: that the attribute is inert here cannot be told for sure from the error, and a
    /// label dropped by the agent on its own is a security change nobody asked for; failing keeps the
    /// old file whole, and the administrator who copied the attribute decides.
    /// </remarks>
    private static IOException SetFailure(ExtendedAttribute attribute, string pathForErrors, int errno)
    {
        var failure = LibC.Failure($"setxattr({attribute.DisplayName})", pathForErrors, errno);
        return errno == LibC.EPerm && attribute.Name.AsSpan().StartsWith(SecurityPrefix)
            ? new IOException(
                $"{failure.Message}. Only a privileged process may set {attribute.DisplayName}, which no security module here lets this one set: " +
                $"if it came from another system, remove it from the file (setfattr -x {attribute.DisplayName}) so rewrites can keep the rest",
                errno)
            : failure;
    }

    /// <summary>
    /// Whether the file has <paramref name="attribute"/> with exactly its value. One read into a buffer
    /// of the value's size: a longer value does not fit (<c>ERANGE</c>), a size of 0 asks for the
    /// current size, and any failure to read only means the value is set as it would have been.
    /// </summary>
    private static bool Has(int fd, ExtendedAttribute attribute)
    {
        var current = new byte[attribute.Value.Length];
        return Syscalls.GetExtendedAttribute(fd, attribute.Name, current, (nuint)current.Length) == attribute.Value.Length &&
            current.AsSpan().SequenceEqual(attribute.Value);
    }

    /// <summary>Whether the file carries file capabilities, told by its list of attribute names (no value is read).</summary>
    public static bool HasCapabilities(SafeFileHandle handle, string pathForErrors) =>
        ListNames((int)handle.DangerousGetHandle(), pathForErrors).Capabilities;

    /// <summary>Whether <paramref name="attributes"/> hold a POSIX access ACL.</summary>
    public static bool HasAccessAcl(IReadOnlyList<ExtendedAttribute> attributes) =>
        attributes.Any(IsAccessAcl);

    /// <summary>
    /// The file's POSIX access ACL as the kernel stores it (the value of <c>system.posix_acl_access</c>);
    /// empty when it has none, or its file system keeps none.
    /// </summary>
    public static byte[] ReadAccessAcl(SafeFileHandle handle, string pathForErrors) =>
        Query((int)handle.DangerousGetHandle(), AccessAclName.ToArray(), "getxattr", pathForErrors) ?? [];

    /// <summary>
    /// The access ACL as an attribute to <see cref="Write"/>, or none for an empty <paramref name="value"/>
    /// (what <see cref="ReadAccessAcl"/> gives a file without one).
    /// </summary>
    public static IEnumerable<ExtendedAttribute> AccessAclAttribute(ReadOnlyMemory<byte> value) =>
        value.IsEmpty ? [] : [new ExtendedAttribute(AccessAclName.ToArray(), value.ToArray())];

    /// <summary>
    /// Removes the file's POSIX access ACL, if any: a new inode inherits one from its directory's
    /// default ACL, and a rewrite of a file that had none must not gain the directory's named
    /// entries. Its mode bits are left as they are (the ACL's mask stays the group bits).
    /// </summary>
    public static void RemoveAccessAcl(SafeFileHandle handle, string pathForErrors)
    {
        if (Syscalls.RemoveExtendedAttribute((int)handle.DangerousGetHandle(), AccessAclName.ToArray()) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is not (ENoData or ENotSupported))
            {
                throw LibC.Failure($"removexattr({AccessAcl})", pathForErrors, errno);
            }
        }
    }

    /// <summary>
    /// The attributes but the access ACL, by name, for <see cref="IFileSystem.ReadExtendedAttributes"/>.
    /// A name that is not UTF-8 (which no tool sets, but the kernel allows) fails: it could not be put back.
    /// </summary>
    public static IReadOnlyDictionary<string, ReadOnlyMemory<byte>> ByName(IReadOnlyList<ExtendedAttribute> attributes, string pathForErrors)
    {
        var byName = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var attribute in attributes.Where(attribute => !IsAccessAcl(attribute)))
        {
            byName[Utf8.IsValid(attribute.Name) ? attribute.DisplayName : throw new IOException($"'{pathForErrors}' has an extended attribute whose name is not UTF-8")] = attribute.Value;
        }

        return byName;
    }

    /// <summary>The attributes <see cref="ByName"/> gave, to <see cref="Write"/>.</summary>
    public static IEnumerable<ExtendedAttribute> FromNames(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> byName) =>
        byName.Select(pair => new ExtendedAttribute([.. Encoding.UTF8.GetBytes(pair.Key), 0], pair.Value.ToArray()));

    /// <summary>
    /// Whether <paramref name="name"/> can be given to <see cref="AtomicWriteOptions.ExactExtendedAttributes"/>:
    /// not empty, no NUL, not the access ACL, and text whose UTF-8 is the name set (no lone surrogate,
    /// which would be set as U+FFFD, another name) within the kernel's 255 bytes (<c>XATTR_NAME_MAX</c>).
    /// </summary>
    public static bool IsSettableName(string name) =>
        name.Length > 0 && !name.Contains('\0', StringComparison.Ordinal) && name != AccessAcl &&
        Utf8.FromUtf16(name, stackalloc byte[MaxNameBytes], out _, out _, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done;

    /// <summary><c>XATTR_NAME_MAX</c>: the longest name, in bytes, the kernel sets.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>Whether the file's attributes but its access ACL are exactly <paramref name="byName"/>.</summary>
    /// <remarks>
    /// A name that is not UTF-8 is none of the names asked for (text), so the file does not have
    /// exactly them: the rewrite goes ahead and drops it, where <see cref="ByName"/> would refuse it.
    /// </remarks>
    public static bool HasExactly(SafeFileHandle handle, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> byName, string pathForErrors)
    {
        var current = Read(handle, pathForErrors, out _).Where(attribute => !IsAccessAcl(attribute)).ToList();
        return current.Count == byName.Count && current.All(attribute =>
            Utf8.IsValid(attribute.Name) && byName.TryGetValue(attribute.DisplayName, out var value) && value.Span.SequenceEqual(attribute.Value));
    }

    /// <summary>Whether <paramref name="attribute"/> is the POSIX access ACL.</summary>
    public static bool IsAccessAcl(ExtendedAttribute attribute) => attribute.Name.AsSpan().SequenceEqual(AccessAclName);

    /// <summary>
    /// The one reading of a file's list of attribute names (<c>flistxattr</c>'s NUL-separated
    /// names): those a rewrite copies, NUL-terminated for <c>fgetxattr</c>, and whether
    /// <c>security.capability</c> is among them. Empty on a file system without extended attributes.
    /// </summary>
    private static AttributeNames ListNames(int fd, string pathForErrors)
    {
        if (Query(fd, name: null, "listxattr", pathForErrors) is not { } list)
        {
            return new AttributeNames([], Capabilities: false);
        }

        var copied = new List<byte[]>();
        var capabilities = false;
        foreach (var range in list.AsSpan().Split((byte)0))
        {
            var name = list.AsSpan(range);
            if (name.SequenceEqual(CapabilitiesName))
            {
                capabilities = true;
            }
            else if (!name.IsEmpty && !name.SequenceEqual(ImaName) && !name.SequenceEqual(EvmName))
            {
                copied.Add([.. name, 0]);
            }
        }

        return new AttributeNames(copied, capabilities);
    }

    /// <summary>
    /// The size-then-fetch dance of <c>listxattr</c> (no <paramref name="name"/>) or <c>getxattr</c>,
    /// repeated while the value grows between the two calls. <c>null</c> when there is nothing to read (no such attribute, or no
    /// support on this file system).
    /// </summary>
    private static byte[]? Query(int fd, byte[]? name, string operation, string pathForErrors)
    {
        while (true)
        {
            var size = Call(fd, name, null);
            if (size < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                return errno is ENoData or ENotSupported ? null : throw LibC.Failure(operation, pathForErrors, errno);
            }

            var buffer = new byte[size];
            var read = size == 0 ? 0 : Call(fd, name, buffer);
            if (read >= 0)
            {
                return buffer[..(int)read];
            }

            var error = Marshal.GetLastPInvokeError();
            if (error != ERange)
            {
                return error is ENoData or ENotSupported ? null : throw LibC.Failure(operation, pathForErrors, error);
            }
        }
    }

    private static nint Call(int fd, byte[]? name, byte[]? buffer) =>
        name is null
            ? Syscalls.ListExtendedAttributes(fd, buffer, (nuint)(buffer?.Length ?? 0))
            : Syscalls.GetExtendedAttribute(fd, name, buffer, (nuint)(buffer?.Length ?? 0));
}

/// <summary>What a file's list of attribute names holds: the names a rewrite copies, and whether it has file capabilities.</summary>
internal readonly record struct AttributeNames(IReadOnlyList<byte[]> Copied, bool Capabilities);
