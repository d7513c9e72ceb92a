using System.Runtime.InteropServices;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// Runs an action where <c>/proc</c> is not mounted (a chroot or container that does not mount it), on a
/// thread of its own in a mount namespace of its own: the kernel's answers, not a double.
/// </summary>
/// <remarks>
/// A mount namespace made by <c>unshare(CLONE_NEWNS)</c> is the calling thread's only (it needs no
/// single-threaded process, unlike a user namespace), so <c>/proc</c> is unmounted for that thread and
/// for no other test; the namespace ends with the thread. Its mounts are first made private, so the
/// unmount never reaches the machine's own. The action must stay on its thread (no <c>await</c>, no
/// <c>Task.Run</c>): any other thread still sees <c>/proc</c>. Needs <c>CAP_SYS_ADMIN</c> (root).
/// </remarks>
internal static class WithoutProc
{
    private const int CloneNewNamespace = 0x00020000;
    private const nuint MountRecursive = 0x4000;
    private const nuint MountPrivate = 1 << 18;
    private const int DetachMount = 2;
    private const int NotPermitted = 1;

    /// <summary>Runs <paramref name="action"/> without <c>/proc</c>; rethrows what it threw.</summary>
    public static void Run(Action action)
    {
        Exception? failure = null;
        var unprivileged = false;
        var thread = new Thread(() =>
        {
            try
            {
                if (Unshare(CloneNewNamespace) != 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    unprivileged = errno == NotPermitted;
                    throw new InvalidOperationException($"unshare(CLONE_NEWNS) failed: errno {errno}");
                }

                Check(Mount(null, "/", null, MountRecursive | MountPrivate, 0), "mount --make-rprivate /");

                // /proc may be mounted more than once over itself: unmounted until none is left.
                while (Unmount("/proc", DetachMount) == 0)
                {
                }

                if (Directory.Exists("/proc/self"))
                {
                    throw new InvalidOperationException("/proc is still mounted after its unmount");
                }

                action();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        });
        thread.Start();
        thread.Join();
        if (unprivileged)
        {
            Requirement.Unmet("Unmounting /proc for one thread needs root (CAP_SYS_ADMIN): run the tests as root");
        }

        Assert.True(Directory.Exists("/proc/self/fd"), "/proc was unmounted for the whole process, not only the test's thread");
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    private static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"{call} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "unshare", SetLastError = true)]
    private static extern int Unshare(int flags);

    [DllImport("libc", EntryPoint = "mount", SetLastError = true)]
    private static extern int Mount(string? source, string target, string? type, nuint flags, nint data);

    [DllImport("libc", EntryPoint = "umount2", SetLastError = true)]
    private static extern int Unmount(string target, int flags);
}
