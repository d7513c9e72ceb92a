using System.Runtime.InteropServices;
using GuestAgent.Platform.Native;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.XenStore.Transports;

/// <summary>What a XenStore endpoint path turned out to be.</summary>
internal enum EndpointFileKind
{
    /// <summary>A unix socket: connect to it.</summary>
    Socket,

    /// <summary>A character device (<c>/dev/xen/xenbus</c>, or a pty standing in for it): open it read-write.</summary>
    Device,

    /// <summary>
    /// <c>xenbus</c> in xenfs, or in procfs on kernels that had <c>/proc/xen</c> before xenfs: the
    /// legacy device, a regular file by its mode but one whose file system is the xenbus driver.
    /// </summary>
    LegacyXenbusFile,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A regular file anywhere else: a typo, never to be written to.</summary>
    RegularFile,

    /// <summary>A FIFO or a block device.</summary>
    Other,
}

/// <summary>
/// Tells what a XenStore endpoint path is before anything is opened, and checks the opened
/// descriptor again, so that a path mistyped as a regular file is refused instead of being opened
/// read-write and overwritten with protocol frames, and a file swapped in between the two checks is
/// caught too. .NET has no <c>stat</c> that reports a file's type, hence the native calls; the
/// buffers are the 64-bit Linux layouts (<c>struct statx</c>, and <c>struct statfs</c>, whose
/// <c>f_type</c> is its first 8 bytes on x86-64 and arm64).
/// </summary>
internal static class EndpointFile
{
    private const int TypeMask = 0xF000;
    private const int SocketType = 0xC000;
    private const int CharacterDeviceType = 0x2000;
    private const int DirectoryType = 0x4000;
    private const int RegularFileType = 0x8000;
    private const long XenfsMagic = 0xabba1974;
    private const long ProcMagic = 0x9fa0;
    private const int ReadWrite = 0x2;
    private const int NoControllingTerminal = 0x100;
    private const int EIntr = 4;
    private const string LegacyDeviceName = "xenbus";

    /// <summary>What <paramref name="path"/> is, following symbolic links as <c>open</c> and <c>connect</c> would.</summary>
    /// <exception cref="FileNotFoundException">Nothing is at the path.</exception>
    /// <exception cref="IOException">The path could not be examined.</exception>
    public static EndpointFileKind Examine(string path)
    {
        var buffer = new byte[256];
        if (Syscalls.Statx(LibC.AtFdCwd, LibC.Utf8(path), 0, LibC.StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno is LibC.ENoEnt or LibC.ENotDir
                ? new FileNotFoundException("No such file or directory", path)
                : LibC.Failure("stat", path, errno);
        }

        return Classify(Mode(buffer), () => FileSystemType(statfs => Syscalls.Statfs(LibC.Utf8(path), statfs), path), path);
    }

    /// <summary>
    /// Opens a device path read-write (<c>O_NOCTTY</c>: a pty must not become the agent's terminal)
    /// and checks that the descriptor is still a device or the legacy xenbus file.
    /// </summary>
    /// <exception cref="IOException">It could not be opened, or is no longer a device.</exception>
    public static SafeFileHandle OpenDevice(string path)
    {
        int fd;
        while ((fd = Syscalls.Open(LibC.Utf8(path), ReadWrite | OpenFlags.CloseOnExec | NoControllingTerminal, 0)) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != EIntr)
            {
                throw LibC.Failure("open", path, errno);
            }
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var status = LibCAt.StatusOf(handle, path);
            var kind = Classify(status.Mode, () => FileSystemType(statfs => Syscalls.Fstatfs(fd, statfs), path), path);
            if (kind is not (EndpointFileKind.Device or EndpointFileKind.LegacyXenbusFile))
            {
                throw NotAnEndpoint(kind);
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The error for a path that is neither a socket nor a device.</summary>
    /// <remarks>Without the path: the callers put it in front.</remarks>
    public static IOException NotAnEndpoint(EndpointFileKind kind) => new(kind switch
    {
        EndpointFileKind.Directory => "a directory, not a XenStore socket or device",
        EndpointFileKind.RegularFile => "a regular file, not a XenStore socket or device; nothing was written to it",
        EndpointFileKind.Socket => "a socket, not a XenStore device",
        _ => "not a XenStore socket or device (a FIFO or block device)",
    });

    private static EndpointFileKind Classify(int mode, Func<long> fileSystemType, string path) => (mode & TypeMask) switch
    {
        SocketType => EndpointFileKind.Socket,
        CharacterDeviceType => EndpointFileKind.Device,
        DirectoryType => EndpointFileKind.Directory,
        RegularFileType when Path.GetFileName(path) == LegacyDeviceName && fileSystemType() is XenfsMagic or ProcMagic => EndpointFileKind.LegacyXenbusFile,
        RegularFileType => EndpointFileKind.RegularFile,
        _ => EndpointFileKind.Other,
    };

    private static int Mode(byte[] statx) => BitConverter.ToUInt16(statx, 28);

    private static long FileSystemType(Func<byte[], int> statfs, string path)
    {
        var buffer = new byte[256];
        return statfs(buffer) == 0 ? BitConverter.ToInt64(buffer, 0) : throw LibC.Failure("statfs", path, Marshal.GetLastPInvokeError());
    }
}
