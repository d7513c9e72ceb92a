using System.Runtime.InteropServices;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// Runs an action on a thread of its own in a mount namespace of its own, with a directory made
/// read-only (a bind mount remounted read-only) or replaced by a small tmpfs: the kernel's own
/// <c>EROFS</c> and <c>ENOSPC</c>, not a double, and for that thread only.
/// </summary>
/// <remarks>
/// The namespace is <see cref="ThreadMountNamespace"/>'s. The action must stay on its thread: what it
/// awaits must complete synchronously (a <c>ScriptedProcessRunner</c>'s programs do). Needs root (<c>CAP_SYS_ADMIN</c>).
/// </remarks>
internal static class ThreadMounts
{
    private const nuint ReadOnly = 1;
    private const nuint Remount = 32;
    private const nuint Bind = 4096;

    /// <summary>Runs <paramref name="action"/> with <paramref name="hostDirectory"/> read-only; rethrows what it threw.</summary>
    public static void ReadOnlyDirectory(string hostDirectory, Action action) => Run(() =>
    {
        ThreadMountNamespace.Check(ThreadMountNamespace.Mount(hostDirectory, hostDirectory, null, Bind, 0), "mount --bind");
        ThreadMountNamespace.Check(ThreadMountNamespace.Mount(null, hostDirectory, null, Bind | Remount | ReadOnly, 0), "mount -o remount,bind,ro");
        Assert.Throws<IOException>(() => File.WriteAllText(Path.Combine(hostDirectory, "probe"), "x"));
    }, action);

    /// <summary>
    /// Runs <paramref name="action"/> with <paramref name="hostDirectory"/> on a 64 KiB tmpfs holding
    /// copies of its files (mode 0600, the directory 0700) and left with no free block.
    /// </summary>
    public static void FullDirectory(string hostDirectory, Action action)
    {
        var files = Directory.EnumerateFiles(hostDirectory).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes, StringComparer.Ordinal);
        Run(() =>
        {
            var options = Marshal.StringToHGlobalAnsi("size=64k,mode=0700");
            try
            {
                ThreadMountNamespace.Check(ThreadMountNamespace.Mount("tmpfs", hostDirectory, "tmpfs", 0, options), "mount -t tmpfs");
            }
            finally
            {
                Marshal.FreeHGlobal(options);
            }

            foreach (var (name, contents) in files)
            {
                File.WriteAllBytes(Path.Combine(hostDirectory, name), contents);
                File.SetUnixFileMode(Path.Combine(hostDirectory, name), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            Fill(Path.Combine(hostDirectory, "filler"));
            Assert.Throws<IOException>(() => File.WriteAllBytes(Path.Combine(hostDirectory, "probe"), new byte[4096]));
            File.Delete(Path.Combine(hostDirectory, "probe"));
        }, action);
    }

    private static void Fill(string path)
    {
        using var filler = File.OpenWrite(path);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                filler.Write(block);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // Full: what is left is less than a block.
        }
    }

    private static void Run(Action setUp, Action action) =>
        ThreadMountNamespace.Run(setUp, action, "A mount namespace of the test's own thread needs root (CAP_SYS_ADMIN): run the tests as root");
}
