using System.Runtime.InteropServices;
using System.Text;

namespace GuestAgent.Platform.Native;

/// <summary>
/// The few POSIX calls .NET does not expose: ownership, <c>statx</c> without following links, hard
/// links, <c>rename</c> and directory <c>fsync</c> (advisory locks: <see cref="FileLocks"/>; extended
/// attributes: <see cref="ExtendedAttributes"/>), over the entry points declared in <see cref="Syscalls"/>.
/// </summary>
internal static class LibC
{
    public const int AtFdCwd = -100;
    public const uint StatxBasicStats = 0x7ff;
    public const int EPerm = 1;
    public const int ENoEnt = 2;
    public const int ENxIo = 6;
    public const int EXDev = 18;
    public const int EExist = 17;
    public const int ENotDir = 20;
    public const int EIsDir = 21;
    public const int EInval = 22;
    public const int EMLink = 31;
    public const int ENotEmpty = 39;
    public const int ELoop = 40;
    public const int ENotSup = 95;

    /// <summary>The process's effective user id.</summary>
    public static uint GetEffectiveUserId() => Syscalls.GetEffectiveUserId();

    /// <summary>The process's effective group id.</summary>
    public static uint GetEffectiveGroupId() => Syscalls.GetEffectiveGroupId();

    /// <summary>
    /// Whether this process may execute <paramref name="path"/> (through any links), as <c>execve</c>
    /// decides it: <c>faccessat(X_OK, AT_EACCESS)</c>, with the effective user and groups (the
    /// supplementary ones and ACLs included), not the real ones <c>access</c> uses. For root, any
    /// execute bit.
    /// </summary>
    public static bool CanExecute(string path)
    {
        const int ExecuteOk = 1;
        const int AtEAccess = 0x200;
        return Syscalls.FaccessAt(AtFdCwd, Utf8(path), ExecuteOk, AtEAccess) == 0;
    }

    /// <summary><c>statx</c> without following a final symbolic link; <c>null</c> when nothing is there.</summary>
    public static RawStatus? LStat(string path) => StatusOf(path, OpenFlags.AtSymlinkNoFollow);

    /// <summary><c>statx</c> following symbolic links; <c>null</c> when nothing (or a dangling link) is there.</summary>
    public static RawStatus? Stat(string path) => StatusOf(path, 0);

    private static RawStatus? StatusOf(string path, int flags)
    {
        // struct statx has the same layout on every architecture, unlike struct stat.
        var buffer = new byte[256];
        if (Syscalls.Statx(AtFdCwd, Utf8(path), flags, StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is ENoEnt or ENotDir)
            {
                return null;
            }

            throw Failure("stat", path, errno);
        }

        return RawStatus.FromStatx(buffer);
    }

    /// <summary><c>statx</c> of an open descriptor (<c>AT_EMPTY_PATH</c>); <c>null</c> when it is not open.</summary>
    public static RawStatus? DescriptorStatus(int fd)
    {
        const int atEmptyPath = 0x1000;
        var buffer = new byte[256];
        return Syscalls.Statx(fd, [0], atEmptyPath, StatxBasicStats, buffer) == 0 ? RawStatus.FromStatx(buffer) : null;
    }

    /// <summary>
    /// The link count of an open file: 0 once the name it was opened by has been renamed over or
    /// removed, which tells a lock holder that the file it locked is no longer the one at the path.
    /// </summary>
    public static uint LinkCount(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string pathForErrors)
    {
        const int atEmptyPath = 0x1000;
        const uint statxNlink = 0x4;
        var buffer = new byte[256];
        if (Syscalls.Statx((int)handle.DangerousGetHandle(), [0], atEmptyPath, statxNlink, buffer) != 0)
        {
            throw Failure("stat", pathForErrors, Marshal.GetLastPInvokeError());
        }

        return BitConverter.ToUInt32(buffer, 16);
    }

    /// <summary><c>fchmod</c>; on a socket not yet bound it sets the mode <c>bind</c> gives the socket's file (Linux).</summary>
    public static void FChmod(int fd, uint mode, string pathForErrors)
    {
        if (Syscalls.Fchmod(fd, mode) != 0)
        {
            throw Failure("chmod", pathForErrors, Marshal.GetLastPInvokeError());
        }
    }

    public static void FChown(int fd, uint uid, uint gid, string pathForErrors)
    {
        if (Syscalls.Fchown(fd, uid, gid) != 0)
        {
            throw Failure("chown", pathForErrors, Marshal.GetLastPInvokeError());
        }
    }

    public static void LChown(string path, uint uid, uint gid)
    {
        if (Syscalls.Lchown(Utf8(path), uid, gid) != 0)
        {
            throw Failure("chown", path, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary><c>rename(2)</c>: atomic, and replaces (never follows) a symbolic link at the target.</summary>
    public static void Rename(string from, string to)
    {
        if (Syscalls.Rename(Utf8(from), Utf8(to)) != 0)
        {
            throw Failure("rename", to, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Flushes a directory's entries to disk, so a rename inside it survives a crash.</summary>
    public static void FsyncDirectory(string directory)
    {
        var fd = Syscalls.Open(Utf8(directory), OpenFlags.Directory | OpenFlags.CloseOnExec, 0);
        if (fd < 0)
        {
            throw Failure("open", directory, Marshal.GetLastPInvokeError());
        }

        try
        {
            // Some file systems refuse fsync on directories (EINVAL); the rename is then as durable as they allow.
            if (Syscalls.Fsync(fd) != 0 && Marshal.GetLastPInvokeError() != EInval)
            {
                throw Failure("fsync", directory, Marshal.GetLastPInvokeError());
            }
        }
        finally
        {
            _ = Syscalls.Close(fd);
        }
    }

    /// <summary>The path as a NUL-terminated UTF-8 string, for the native calls.</summary>
    internal static byte[] Utf8(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

    /// <summary>
    /// An <see cref="IOException"/> naming the call, the path and the error (never file contents). Its
    /// <see cref="Exception.HResult"/> is the errno, as in the exceptions .NET's own file APIs throw on
    /// Unix, so callers can word the reason without the path.
    /// </summary>
    internal static IOException Failure(string operation, string path, int errno) =>
        new($"{operation} failed for '{path}': {Marshal.GetPInvokeErrorMessage(errno)}", errno);
}

/// <summary>The fields of <c>struct statx</c> the agent needs.</summary>
internal readonly record struct RawStatus(uint Uid, uint Gid, ushort Mode, long Size)
{
    private const int TypeMask = 0xF000;

    public bool IsDirectory => (Mode & TypeMask) == 0x4000;

    public bool IsRegularFile => (Mode & TypeMask) == 0x8000;

    public bool IsSymbolicLink => (Mode & TypeMask) == 0xA000;

    /// <summary>The seconds part of the last status change (<c>stx_ctime</c>): creation, a write, a new link or owner all move it, and nothing can set it back.</summary>
    public long ChangedAtSeconds { get; init; }

    /// <summary>
    /// Which file this is (<c>stx_ino</c> and the device, <c>stx_dev_major</c>:<c>stx_dev_minor</c>):
    /// a name removed and created again names another file.
    /// </summary>
    public (ulong Inode, uint DeviceMajor, uint DeviceMinor) FileId { get; init; }

    /// <summary>
    /// The immutable attribute (<c>STATX_ATTR_IMMUTABLE</c> in <c>stx_attributes</c>, <c>chattr +i</c>): no write, rename over
    /// or removal changes the file, root's included, until the attribute is taken off.
    /// </summary>
    public bool IsImmutable { get; init; }

    /// <summary>Reads the fields from a <c>struct statx</c> buffer (the same layout on every architecture).</summary>
    public static RawStatus FromStatx(byte[] buffer) => new(
        Uid: BitConverter.ToUInt32(buffer, 20),
        Gid: BitConverter.ToUInt32(buffer, 24),
        Mode: BitConverter.ToUInt16(buffer, 28),
        Size: BitConverter.ToInt64(buffer, 40))
    {
        ChangedAtSeconds = BitConverter.ToInt64(buffer, 96),
        FileId = (BitConverter.ToUInt64(buffer, 32), BitConverter.ToUInt32(buffer, 136), BitConverter.ToUInt32(buffer, 140)),
        IsImmutable = (BitConverter.ToUInt64(buffer, 8) & StatxAttributeImmutable) != 0,
    };

    private const ulong StatxAttributeImmutable = 0x10;
}
