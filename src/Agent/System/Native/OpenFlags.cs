using System.Runtime.InteropServices;

namespace GuestAgent.Platform.Native;

/// <summary>
/// Linux <c>open(2)</c> and <c>*at(2)</c> flag values. Most come from the kernel's generic ABI and
/// are the same on every architecture .NET runs on, but <c>O_DIRECTORY</c> and <c>O_NOFOLLOW</c>
/// differ: ARM and PowerPC use other values, and there the generic ones mean <c>O_LARGEFILE</c> and
/// <c>O_DIRECT</c>. Getting them wrong would silently drop the no-follow protections, so those two
/// are chosen by the process architecture, and an architecture whose values are not known here is
/// refused (<see cref="PlatformNotSupportedException"/>) rather than guessed.
/// </summary>
internal static class OpenFlags
{
    public const int ReadOnly = 0;
    public const int WriteOnly = 0x1;
    public const int Create = 0x40;
    public const int Exclusive = 0x80;
    public const int NonBlocking = 0x800;

    /// <summary><c>O_APPEND</c> (octal 02000 in the generic ABI, which ARM and PowerPC keep too): every write goes to the file's end.</summary>
    public const int Append = 0x400;

    /// <summary><c>O_NOCTTY</c> (octal 0400 in the generic ABI, which ARM and PowerPC keep too): a terminal opened never becomes the process's controlling terminal.</summary>
    public const int NoControllingTerminal = 0x100;

    public const int CloseOnExec = 0x80000;

    /// <summary><c>O_PATH</c>: a handle for lookups only; needs no read permission on the directory.</summary>
    public const int PathOnly = 0x200000;

    /// <summary><c>O_DIRECTORY</c>: fail with <c>ENOTDIR</c> unless the entry is a directory.</summary>
    /// <exception cref="PlatformNotSupportedException">The process architecture's value is not known.</exception>
    public static int Directory => ForArchitecture(RuntimeInformation.ProcessArchitecture).Directory;

    /// <summary><c>O_NOFOLLOW</c>: fail (<c>ELOOP</c>) rather than follow a link at the last component.</summary>
    /// <exception cref="PlatformNotSupportedException">The process architecture's value is not known.</exception>
    public static int NoFollow => ForArchitecture(RuntimeInformation.ProcessArchitecture).NoFollow;

    /// <summary>
    /// Opening what is at a path only to read its status, attributes or contents, never through a
    /// link (<c>O_NOFOLLOW</c>), never waiting for a FIFO's writer (<c>O_NONBLOCK</c>), and never
    /// making a terminal found there the controlling terminal of the daemon, a session leader without
    /// one under systemd, whose hangup would then signal it (<c>O_NOCTTY</c>).
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">The process architecture's <c>O_NOFOLLOW</c> is not known.</exception>
    public static int ReadInPlace => ReadOnly | NoFollow | NonBlocking | NoControllingTerminal;

    /// <summary><c>AT_SYMLINK_NOFOLLOW</c>.</summary>
    public const int AtSymlinkNoFollow = 0x100;

    /// <summary><c>AT_SYMLINK_FOLLOW</c>: <c>linkat</c> follows a final link (<c>/proc/self/fd/N</c>'s, to the inode looked at).</summary>
    public const int AtSymlinkFollow = 0x400;

    /// <summary><c>AT_REMOVEDIR</c>: <c>unlinkat</c> removes an (empty) directory.</summary>
    public const int AtRemoveDirectory = 0x200;

    /// <summary><c>AT_EMPTY_PATH</c>: the call acts on the descriptor itself.</summary>
    public const int AtEmptyPath = 0x1000;

    /// <summary>
    /// <c>O_DIRECTORY</c> and <c>O_NOFOLLOW</c> on <paramref name="architecture"/>: the generic ABI's
    /// (octal 0200000 and 0400000, used by x86, RISC-V, LoongArch and s390), or ARM's and PowerPC's
    /// (octal 040000 and 0100000, from their <c>asm/fcntl.h</c>).
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">Not an architecture whose values are known here.</exception>
    internal static (int Directory, int NoFollow) ForArchitecture(Architecture architecture) => architecture switch
    {
        Architecture.X64 or Architecture.X86 or Architecture.RiscV64 or Architecture.LoongArch64 or Architecture.S390x => (0x10000, 0x20000),
        Architecture.Arm64 or Architecture.Arm or Architecture.Armv6 or Architecture.Ppc64le => (0x4000, 0x8000),
        _ => throw new PlatformNotSupportedException(
            $"The O_DIRECTORY and O_NOFOLLOW values of the {architecture} architecture are not known; refusing to open files without link protection."),
    };
}
