using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform.Native;

/// <summary>
/// The <c>*at(2)</c> calls: each names an entry relative to a directory descriptor the caller holds,
/// so no path is looked up from the root again, and none follows a link at the named entry. The
/// names are single components (no <c>/</c>); the callers walk paths one component at a time.
/// Blittable arguments only, like <see cref="LibC"/>.
/// </summary>
internal static class LibCAt
{
    private const int MaxLinkBytes = 4096;

    /// <summary><c>open(2)</c> of a host path (the agent's root: configuration, so it may be reached through links).</summary>
    public static SafeFileHandle Open(string path, int flags)
    {
        var errno = TryOpen(path, flags, out var handle);
        return errno == 0 ? handle! : throw LibC.Failure("open", path, errno);
    }

    /// <summary><c>open(2)</c> of a host path; returns 0 and the handle, or the errno and <c>null</c>.</summary>
    public static int TryOpen(string path, int flags, out SafeFileHandle? handle) =>
        Opened(Syscalls.OpenAt(LibC.AtFdCwd, LibC.Utf8(path), flags | OpenFlags.CloseOnExec, 0), out handle);

    /// <summary><c>openat(2)</c>; returns 0 and the handle, or the errno and <c>null</c>.</summary>
    public static int TryOpenAt(SafeFileHandle directory, string name, int flags, UnixFileMode createMode, out SafeFileHandle? handle) =>
        Opened(Syscalls.OpenAt(Fd(directory), LibC.Utf8(name), flags | OpenFlags.CloseOnExec, (uint)createMode), out handle);

    /// <summary><c>openat(2)</c> of a name as its NUL-terminated bytes (one that is not UTF-8, as a directory lists it); returns 0 and the handle, or the errno and <c>null</c>.</summary>
    public static int TryOpenAtBytes(SafeFileHandle directory, byte[] nameZ, int flags, UnixFileMode createMode, out SafeFileHandle? handle) =>
        Opened(Syscalls.OpenAt(Fd(directory), nameZ, flags | OpenFlags.CloseOnExec, (uint)createMode), out handle);

    /// <summary><c>open(2)</c> of a host path given as its NUL-terminated bytes (holding a name that is not UTF-8, as a directory lists it); returns 0 and the handle, or the errno and <c>null</c>.</summary>
    public static int TryOpenPathBytes(byte[] pathZ, int flags, out SafeFileHandle? handle) =>
        Opened(Syscalls.OpenAt(LibC.AtFdCwd, pathZ, flags | OpenFlags.CloseOnExec, 0), out handle);

    private static int Opened(int fd, out SafeFileHandle? handle)
    {
        if (fd < 0)
        {
            handle = null;
            return Marshal.GetLastPInvokeError();
        }

        handle = new SafeFileHandle(fd, ownsHandle: true);
        return 0;
    }

    /// <summary><c>mkdirat(2)</c>; returns 0 or the errno.</summary>
    public static int TryMakeDirectoryAt(SafeFileHandle directory, string name, UnixFileMode mode) =>
        Syscalls.MkdirAt(Fd(directory), LibC.Utf8(name), (uint)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary><c>unlinkat(2)</c>: removes a file or link (never what a link points to), or with <paramref name="directory"/> an empty directory.</summary>
    public static bool TryUnlinkAt(SafeFileHandle parent, string name, bool directory = false) =>
        Syscalls.UnlinkAt(Fd(parent), LibC.Utf8(name), directory ? OpenFlags.AtRemoveDirectory : 0) == 0;

    /// <summary><c>unlinkat(2)</c> as <see cref="TryUnlinkAt"/>; returns 0 or the errno.</summary>
    public static int UnlinkAt(SafeFileHandle parent, string name, bool directory = false) =>
        Syscalls.UnlinkAt(Fd(parent), LibC.Utf8(name), directory ? OpenFlags.AtRemoveDirectory : 0) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary><c>unlinkat(2)</c> of a name as its NUL-terminated bytes (one that is not UTF-8, as a directory lists it); returns 0 or the errno.</summary>
    public static int UnlinkAtBytes(SafeFileHandle parent, byte[] nameZ, bool directory = false) =>
        Syscalls.UnlinkAt(Fd(parent), nameZ, directory ? OpenFlags.AtRemoveDirectory : 0) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary><c>renameat(2)</c> within one directory: atomic, and replaces (never follows) a link at <paramref name="to"/>.</summary>
    public static void RenameAt(SafeFileHandle directory, string from, string to, string pathForErrors)
    {
        if (Syscalls.RenameAt(Fd(directory), LibC.Utf8(from), Fd(directory), LibC.Utf8(to)) != 0)
        {
            throw LibC.Failure("rename", pathForErrors, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>
    /// <c>linkat(2)</c> without <c>AT_SYMLINK_FOLLOW</c> (a link is linked, not its target); returns
    /// <c>false</c> when the file system does not allow or support hard links.
    /// </summary>
    public static bool TryLinkAt(SafeFileHandle directory, string existing, string created, string pathForErrors)
    {
        if (Syscalls.LinkAt(Fd(directory), LibC.Utf8(existing), Fd(directory), LibC.Utf8(created), 0) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno is LibC.EPerm or LibC.EXDev or LibC.EMLink or LibC.ENotSup)
        {
            return false;
        }

        throw LibC.Failure("link", pathForErrors, errno);
    }

    /// <summary>
    /// <c>linkat(2)</c> of the inode <paramref name="looked"/> refers to (any descriptor, an <c>O_PATH</c>
    /// one of a link included: the link itself), through its <c>/proc/self/fd/N</c> with
    /// <c>AT_SYMLINK_FOLLOW</c>, to <paramref name="created"/> in <paramref name="directory"/>: never
    /// whatever a name holds by then. <c>AT_EMPTY_PATH</c> would do it without <c>/proc</c> but needs
    /// <c>CAP_DAC_READ_SEARCH</c>. Returns <c>false</c> when the file system does not allow or support
    /// hard links, or the inode has no name left (<c>ENOENT</c>: removed since it was looked at; also
    /// the answer without <c>/proc</c>, which the caller's fallback, a copy or no backup, covers as well).
    /// </summary>
    public static bool TryLinkOf(SafeFileHandle looked, SafeFileHandle directory, string created, string pathForErrors)
    {
        if (Syscalls.LinkAt(LibC.AtFdCwd, LibC.Utf8(ViaDescriptor(looked)), Fd(directory), LibC.Utf8(created), OpenFlags.AtSymlinkFollow) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno is LibC.ENoEnt or LibC.EPerm or LibC.EXDev or LibC.EMLink or LibC.ENotSup)
        {
            return false;
        }

        throw LibC.Failure("link", pathForErrors, errno);
    }

    /// <summary>The target of the link <paramref name="name"/>, exactly as stored.</summary>
    public static string ReadLinkAt(SafeFileHandle directory, string name, string pathForErrors) =>
        ReadLink(Fd(directory), LibC.Utf8(name), pathForErrors);

    /// <summary>
    /// The target of the link an <c>O_PATH|O_NOFOLLOW</c> descriptor refers to (<c>readlinkat</c> with
    /// an empty name), exactly as stored: the link looked at, never what its name holds by now.
    /// </summary>
    public static string ReadLinkOf(SafeFileHandle looked, string pathForErrors) =>
        ReadLink(Fd(looked), [0], pathForErrors);

    /// <summary>
    /// The target of the link at <paramref name="pathZ"/> (a NUL-terminated byte path, its final component not followed),
    /// exactly as stored; <c>null</c> when nothing is there or it is no link.
    /// </summary>
    public static string? TryReadLinkBytes(byte[] pathZ, string pathForErrors)
    {
        var buffer = new byte[MaxLinkBytes];
        var length = Syscalls.ReadLinkAt(LibC.AtFdCwd, pathZ, buffer, (nuint)buffer.Length);
        if (length < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is LibC.EInval or LibC.ENoEnt or LibC.ENotDir ? null : throw LibC.Failure("readlink", pathForErrors, errno);
        }

        return LinkText(buffer, length, pathForErrors);
    }

    private static string ReadLink(int directory, byte[] name, string pathForErrors)
    {
        var buffer = new byte[MaxLinkBytes];
        var length = Syscalls.ReadLinkAt(directory, name, buffer, (nuint)buffer.Length);
        if (length < 0)
        {
            throw LibC.Failure("readlink", pathForErrors, Marshal.GetLastPInvokeError());
        }

        return LinkText(buffer, length, pathForErrors);
    }

    private static string LinkText(byte[] buffer, nint length, string pathForErrors)
    {
        if (length >= buffer.Length)
        {
            throw new IOException($"The link '{pathForErrors}' is too long");
        }

        return Encoding.UTF8.GetString(buffer, 0, (int)length);
    }

    /// <summary>The status of the entry <paramref name="name"/> itself (a link is not followed), or <c>null</c> when there is none.</summary>
    public static RawStatus? StatusAt(SafeFileHandle directory, string name, string pathForErrors)
    {
        var buffer = new byte[256];
        if (Syscalls.Statx(Fd(directory), LibC.Utf8(name), OpenFlags.AtSymlinkNoFollow, LibC.StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is LibC.ENoEnt or LibC.ENotDir ? null : throw LibC.Failure("stat", pathForErrors, errno);
        }

        return RawStatus.FromStatx(buffer);
    }

    /// <summary>The status of what <paramref name="handle"/> refers to.</summary>
    public static RawStatus StatusOf(SafeFileHandle handle, string pathForErrors)
    {
        var buffer = new byte[256];
        if (Syscalls.Statx(Fd(handle), [0], OpenFlags.AtEmptyPath | OpenFlags.AtSymlinkNoFollow, LibC.StatxBasicStats, buffer) != 0)
        {
            throw LibC.Failure("stat", pathForErrors, Marshal.GetLastPInvokeError());
        }

        return RawStatus.FromStatx(buffer);
    }

    /// <summary><c>fchmod(2)</c>: exact permission bits, no umask.</summary>
    public static void SetMode(SafeFileHandle handle, UnixFileMode mode, string pathForErrors)
    {
        if (Syscalls.Fchmod(Fd(handle), (uint)mode) != 0)
        {
            throw LibC.Failure("chmod", pathForErrors, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary><c>fchown(2)</c>.</summary>
    public static void SetOwner(SafeFileHandle handle, FileOwner owner, string pathForErrors) =>
        LibC.FChown(Fd(handle), owner.UserId, owner.GroupId, pathForErrors);

    /// <summary>
    /// <c>fsync(2)</c>. Some file systems refuse it on directories (<c>EINVAL</c>); a rename is then as
    /// durable as they allow, so that is not an error.
    /// </summary>
    public static void Sync(SafeFileHandle handle, string pathForErrors)
    {
        if (Syscalls.Fsync(Fd(handle)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.EInval)
            {
                throw LibC.Failure("fsync", pathForErrors, errno);
            }
        }
    }

    // The handles stay referenced by their owners for the whole call, so the descriptor cannot be closed under it.
    private static int Fd(SafeFileHandle handle) => (int)handle.DangerousGetHandle();

    /// <summary>
    /// <c>/proc/self/fd/N</c> of <paramref name="handle"/>: the path the kernel resolves to the very file
    /// or directory the descriptor refers to, never by looking a name up again.
    /// </summary>
    public static string ViaDescriptor(SafeFileHandle handle) => "/proc/self/fd/" + Fd(handle).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The failure to <paramref name="action"/> <paramref name="path"/> through <see cref="ViaDescriptor"/> because <c>/proc</c> is not mounted.</summary>
    public static IOException ProcNotMounted(string action, string path) =>
        new($"Cannot {action} '{path}': /proc is not mounted", LibC.ENoEnt);
}
