using System.Runtime.InteropServices;
using GuestAgent.Platform.Native;

namespace GuestAgent.Daemon.Cli;

/// <summary>
/// Copes with an agent started with standard input, output or error closed (<c>guest-agent run
/// &gt;&amp;-</c>, or a careless supervisor). Two things go wrong then. Writing to the closed stream fails
/// (.NET's console, used before, did not even initialise: the process died with a
/// TypeInitializationException). And the next file or socket
/// the process opens takes the free descriptor 0, 1 or 2, so log lines or output written "to
/// stderr" would go into the XenStore connection or a file. The runtime itself opens files before
/// <c>Main</c> (it keeps <c>/dev/urandom</c> open), so by now a closed slot may hold one of its own.
/// </summary>
internal static class StandardDescriptors
{
    private const int GetDescriptorFlags = 1;
    private const int CloseOnExecFlag = 1;
    private const int BadDescriptor = 9;
    private const int ReadWrite = 2;

    /// <summary>
    /// Opens <c>/dev/null</c> on each of descriptors 0–2 that is still closed, and tells which of
    /// them the console may use: <c>false</c> for a slot the runtime filled with a file of its own.
    /// </summary>
    /// <remarks>
    /// open() returns the lowest free descriptor, so filling closed slots in ascending order puts
    /// each /dev/null exactly where it belongs; it is not close-on-exec, as programs the agent starts
    /// expect their standard descriptors open too. A descriptor inherited through exec can never be
    /// close-on-exec (exec closed those), so one that is was opened by this process before
    /// <c>Main</c>: its standard stream was closed, and it must be neither written to nor replaced
    /// (the runtime reads its random numbers from it).
    /// </remarks>
    public static (bool Input, bool Output, bool Error) Prepare() => (Prepare(0), Prepare(1), Prepare(2));

    private static bool Prepare(int fd)
    {
        var flags = Syscalls.Fcntl(fd, GetDescriptorFlags, 0);
        if (flags >= 0)
        {
            return (flags & CloseOnExecFlag) == 0;
        }

        if (Marshal.GetLastPInvokeError() != BadDescriptor)
        {
            return true;
        }

        var devNull = Syscalls.Open("/dev/null\0"u8.ToArray(), ReadWrite, 0);
        if (devNull == fd)
        {
            return true;
        }

        if (devNull >= 0)
        {
            // A lower slot was free after all (closed meanwhile by another thread): not ours to fill.
            _ = Syscalls.Close(devNull);
        }

        return false;
    }
}
