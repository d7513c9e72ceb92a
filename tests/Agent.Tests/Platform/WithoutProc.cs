using GuestAgent.Testing;

namespace GuestAgent.Tests.Platform;

/// <summary>
/// Runs an action where <c>/proc</c> is not mounted (a chroot or container that does not mount it), on a
/// thread of its own in a mount namespace of its own: the kernel's answers, not a double.
/// </summary>
/// <remarks>
/// The namespace is <see cref="ThreadMountNamespace"/>'s, so <c>/proc</c> is unmounted for that thread and
/// for no other test. The action must stay on its thread (no <c>await</c>, no <c>Task.Run</c>): any
/// other thread still sees <c>/proc</c>. Needs <c>CAP_SYS_ADMIN</c> (root).
/// </remarks>
internal static class WithoutProc
{
    private const int DetachMount = 2;

    /// <summary>Runs <paramref name="action"/> without <c>/proc</c>; rethrows what it threw.</summary>
    public static void Run(Action action)
    {
        try
        {
            ThreadMountNamespace.Run(RemoveProc, action, "Unmounting /proc for one thread needs root (CAP_SYS_ADMIN): run the tests as root");
        }
        finally
        {
            Assert.True(Directory.Exists("/proc/self/fd"), "/proc was unmounted for the whole process, not only the test's thread");
        }
    }

    private static void RemoveProc()
    {
        // /proc may be mounted more than once over itself: unmounted until none is left.
        while (ThreadMountNamespace.Unmount("/proc", DetachMount) == 0)
        {
        }

        if (Directory.Exists("/proc/self"))
        {
            throw new InvalidOperationException("/proc is still mounted after its unmount");
        }
    }
}
