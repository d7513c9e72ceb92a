using System.Runtime.InteropServices;

namespace GuestAgent.Platform.Native;

/// <summary>
/// Linux <c>open(2)</c> and <c>*at(2)</c> flag values. Most are the same on every architecture the
/// agent ships for, but <c>O_DIRECTORY</c> and <c>O_NOFOLLOW</c> differ on ARM (where x86's values
/// mean <c>O_DIRECT</c> and <c>O_LARGEFILE</c>), so those two are chosen by the process architecture.
/// </summary>
internal static class OpenFlags
{
    private static readonly bool IsArm =
        RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm or Architecture.Armv6;

    public const int ReadOnly = 0;
    public const int WriteOnly = 0x1;
    public const int Create = 0x40;
    public const int Exclusive = 0x80;
    public const int NonBlocking = 0x800;
    public const int CloseOnExec = 0x80000;

    /// <summary><c>O_PATH</c>: a handle for lookups only; needs no read permission on the directory.</summary>
    public const int PathOnly = 0x200000;

    /// <summary><c>O_DIRECTORY</c>: fail with <c>ENOTDIR</c> unless the entry is a directory.</summary>
    public static int Directory { get; } = IsArm ? 0x4000 : 0x10000;

    /// <summary><c>O_NOFOLLOW</c>: fail (<c>ELOOP</c>) rather than follow a link at the last component.</summary>
    public static int NoFollow { get; } = IsArm ? 0x8000 : 0x20000;

    /// <summary><c>AT_SYMLINK_NOFOLLOW</c>.</summary>
    public const int AtSymlinkNoFollow = 0x100;

    /// <summary><c>AT_REMOVEDIR</c>: <c>unlinkat</c> removes an (empty) directory.</summary>
    public const int AtRemoveDirectory = 0x200;

    /// <summary><c>AT_EMPTY_PATH</c>: the call acts on the descriptor itself.</summary>
    public const int AtEmptyPath = 0x1000;
}
