using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace GuestAgent.Platform.Native;

/// <summary>
/// The two advisory locks other programs take on the password files: a POSIX record lock over a
/// whole file (<c>fcntl</c>, what glibc's <c>lckpwdf</c> puts on <c>/etc/.pwd.lock</c>) and a BSD
/// <c>flock</c> (what FreeBSD's <c>pw_lock</c> puts on <c>master.passwd</c>). Both are tried
/// without blocking, so the caller can poll under its own timeout and cancellation. The commands,
/// errno values and <c>struct flock</c> layout are those of 64-bit Linux, the same on x86-64 and
/// arm64; the open flags that differ between architectures come from <see cref="OpenFlags"/>.
/// </summary>
internal static class FileLocks
{
    private const int FSetLock = 6;
    private const int FOfdSetLock = 37;
    private const short FWriteLock = 1;
    private const short FUnlock = 2;
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int LockRelease = 8;
    private const int EIntr = 4;
    private const int EAgain = 11;
    private const int EAccess = 13;
    private const int EInvalid = 22;

    /// <summary>Size of <c>struct flock</c> on 64-bit Linux: type, whence, start, len, pid.</summary>
    private const int FlockStructSize = 32;

    /// <summary>
    /// Opens a lock file for writing (an <c>fcntl</c> write lock needs it) or read-only (enough for
    /// <c>flock</c>, as <c>pw_lock</c> does), creating it 0600 when missing if <paramref name="create"/>,
    /// as <c>lckpwdf</c> does. A symbolic link at the path is refused rather than followed.
    /// </summary>
    public static SafeFileHandle Open(string path, bool write, bool create)
    {
        var flags = OpenFlags.CloseOnExec | OpenFlags.NoFollow | (write ? OpenFlags.WriteOnly : OpenFlags.ReadOnly) | (create ? OpenFlags.Create : 0);
        var fd = Syscalls.Open(LibC.Utf8(path), flags, Convert.ToUInt32("600", 8));
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw LibC.Failure("open", path, Marshal.GetLastPInvokeError());
    }

    /// <summary>
    /// A write lock over the whole file (start 0, length 0 = to the end and beyond), as an open file
    /// description lock: it conflicts with the classic per-process locks of <c>lckpwdf</c>, and,
    /// unlike them, also with a second lock taken by this process (two commands at once) and is not
    /// dropped when some other descriptor of the file is closed. Kernels before 3.15 lack it; there
    /// the classic lock is taken. Returns <c>false</c> while another holder has a conflicting lock.
    /// </summary>
    public static bool TryLockWholeFile(SafeFileHandle handle, string pathForErrors)
    {
        var flock = new byte[FlockStructSize];
        BitConverter.TryWriteBytes(flock.AsSpan(0, 2), FWriteLock);
        var command = FOfdSetLock;
        while (true)
        {
            if (Syscalls.FcntlLock(Descriptor(handle), command, flock) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            switch (errno)
            {
                case EIntr:
                    continue;
                case EAgain or EAccess:
                    return false;
                case EInvalid when command == FOfdSetLock:
                    command = FSetLock;
                    continue;
                default:
                    throw LibC.Failure("fcntl(F_SETLK)", pathForErrors, errno);
            }
        }
    }

    /// <summary>An exclusive <c>flock</c>; <c>false</c> while another holder has one.</summary>
    public static bool TryFlockExclusive(SafeFileHandle handle, string pathForErrors)
    {
        while (true)
        {
            if (Syscalls.Flock(Descriptor(handle), LockExclusive | LockNonBlocking) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == EIntr)
            {
                continue;
            }

            return errno == EAgain ? false : throw LibC.Failure("flock", pathForErrors, errno);
        }
    }

    /// <summary>
    /// Lets go of the lock taken on <paramref name="handle"/> (a whole-file record lock when
    /// <paramref name="record"/>, else an <c>flock</c>), before the descriptor is closed. Closing
    /// alone does not release a lock that belongs to the open file description while any copy of
    /// the descriptor is open: a program another thread forks holds one from its fork to its exec
    /// (close-on-exec acts only there), and the lock would outlive its holder by that long. .NET,
    /// too, unlocks its own <c>FileShare</c> locks before closing. Unlocking acts on the
    /// description, so those copies no longer hold it. Best effort: closing still releases it.
    /// </summary>
    public static void Unlock(SafeFileHandle handle, bool record)
    {
        if (!record)
        {
            _ = Syscalls.Flock(Descriptor(handle), LockRelease);
            return;
        }

        // An open file description lock, or on a kernel without them the classic one, which is
        // the process's own (never inherited by a fork) and goes with the close anyway.
        var flock = new byte[FlockStructSize];
        BitConverter.TryWriteBytes(flock.AsSpan(0, 2), FUnlock);
        _ = Syscalls.FcntlLock(Descriptor(handle), FOfdSetLock, flock);
    }

    private static int Descriptor(SafeFileHandle handle) => (int)handle.DangerousGetHandle();
}
