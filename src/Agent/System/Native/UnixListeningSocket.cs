using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace GuestAgent.Platform.Native;

/// <summary>
/// A listening unix socket bound by hand. A <see cref="Socket"/> that .NET itself bound to a path
/// deletes that path when it is disposed, after closing, and whatever is there by then: the file of
/// another server that took the path over as soon as this one stopped listening. A socket bound here
/// and wrapped afterwards leaves the path alone; its owner removes the file it created, before
/// closing (see <c>ListeningPath.Release</c>).
/// </summary>
internal static class UnixListeningSocket
{
    public const int EAddrInUse = 98;

    private const int AfUnix = 1;
    private const int SockStream = 1;
    private const int SockCloexec = 0x80000;

    /// <summary>
    /// Creates a socket, gives it <paramref name="mode"/> (which the file bind creates takes, less the
    /// umask), binds it to <paramref name="path"/> and listens.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The path is too long for a unix socket (as <see cref="UnixDomainSocketEndPoint"/> says).</exception>
    /// <exception cref="IOException">A call failed; <see cref="Exception.HResult"/> is the errno (<see cref="EAddrInUse"/> when the path is taken).</exception>
    public static Socket Open(string path, uint mode, int backlog)
    {
        // The endpoint checks the path's length and lays out the struct sockaddr_un.
        var address = new UnixDomainSocketEndPoint(path).Serialize();
        var bytes = new byte[address.Size];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = address[i];
        }

        var fd = Syscalls.Socket(AfUnix, SockStream | SockCloexec, 0);
        if (fd < 0)
        {
            throw LibC.Failure("socket", path, Marshal.GetLastPInvokeError());
        }

        var handle = new SafeSocketHandle(fd, ownsHandle: true);
        try
        {
            LibC.FChmod(fd, mode, path);
            if (Syscalls.Bind(fd, bytes, (uint)bytes.Length) != 0)
            {
                throw LibC.Failure("bind", path, Marshal.GetLastPInvokeError());
            }

            if (Syscalls.Listen(fd, backlog) != 0)
            {
                throw LibC.Failure("listen", path, Marshal.GetLastPInvokeError());
            }

            return new Socket(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
