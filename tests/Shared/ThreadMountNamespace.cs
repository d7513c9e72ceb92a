using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace GuestAgent.Testing;

/// <summary>
/// Runs an action on a thread of its own in a mount namespace of its own, after a set-up that changes
/// that namespace's mounts (a directory made read-only or full, <c>/proc</c> unmounted): the kernel's
/// own answers, not a double, and for that thread only.
/// </summary>
/// <remarks>
/// <c>unshare(CLONE_NEWNS)</c> gives the calling thread alone a new mount namespace (it needs no
/// single-threaded process, unlike a user namespace); its mounts are made private first, so nothing
/// the set-up does reaches the machine's, and they go with the thread. The action must stay on its
/// thread (no <c>await</c> that completes elsewhere, no <c>Task.Run</c>): any other thread sees the
/// machine's mounts. Needs <c>CAP_SYS_ADMIN</c> (root).
/// </remarks>
internal static class ThreadMountNamespace
{
    private const int CloneNewNamespace = 0x00020000;
    private const nuint MountRecursive = 0x4000;
    private const nuint MountPrivate = 1 << 18;
    private const int NotPermitted = 1;

    /// <summary>
    /// Runs <paramref name="setUp"/> then <paramref name="action"/> in the thread's own namespace and
    /// rethrows what either threw; without root, the test is a <see cref="Requirement"/> unmet with
    /// <paramref name="whyRoot"/>.
    /// </summary>
    public static void Run(Action setUp, Action action, string whyRoot)
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
                setUp();
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
            Requirement.Unmet(whyRoot);
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    /// <summary>Throws, naming <paramref name="call"/> and its errno, unless <paramref name="result"/> is 0.</summary>
    public static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"{call} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary><c>mount(2)</c>.</summary>
    [DllImport("libc", EntryPoint = "mount", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Mount(string? source, string target, string? type, nuint flags, nint data);

    /// <summary><c>umount2(2)</c>.</summary>
    [DllImport("libc", EntryPoint = "umount2", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Unmount(string target, int flags);

    [DllImport("libc", EntryPoint = "unshare", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Unshare(int flags);
}
