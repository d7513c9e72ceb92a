using System.Net.Sockets;
using GuestAgent.Platform.Native;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// Makes a socket path free to bind without taking it from anyone: a live server there (something
/// accepts connections) is refused, and so is anything that is not a socket (a regular file, a
/// directory, a symbolic link), which is never deleted. Only a stale socket, whose connect is refused
/// because nothing listens on it any more (a server that died without removing its file), is removed.
/// </summary>
internal static class ListeningPath
{
    private const ushort TypeMask = 0xF000;
    private const ushort SocketType = 0xC000;

    /// <summary>Removes a stale socket at <paramref name="path"/>; throws <see cref="IOException"/> when the path is taken.</summary>
    public static void Claim(string path)
    {
        if (LibC.LStat(path) is not { } status)
        {
            RequireDirectory(path);
            return;
        }

        if ((status.Mode & TypeMask) != SocketType)
        {
            throw new IOException($"'{path}' exists and is {Describe(status)}, not a socket; it was left as it is (remove it or choose another path)");
        }

        if (IsServed(path))
        {
            throw InUse(path);
        }

        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot remove the stale socket '{path}': {exception.Message}", exception);
        }
    }

    /// <summary>Which file a server's bind just created at <paramref name="path"/>, to remove that file and no other later.</summary>
    public static (ulong Inode, uint DeviceMajor, uint DeviceMinor)? Identify(string path) => LibC.LStat(path)?.FileId;

    /// <summary>
    /// Removes the socket file a server created (<paramref name="created"/>, from <see cref="Identify"/>)
    /// if it is still at <paramref name="path"/>: once it was removed by someone else, the name may be
    /// another server's socket now, which must keep serving. Failures are ignored (the server is
    /// stopping; a stale socket left behind is replaced by the next <see cref="Claim"/>).
    /// </summary>
    public static void Release(string path, (ulong Inode, uint DeviceMajor, uint DeviceMinor)? created)
    {
        try
        {
            if (created is { } ours && LibC.LStat(path)?.FileId == ours)
            {
                File.Delete(path);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// bind() reports a missing directory as EADDRNOTAVAIL ("Cannot assign requested address"),
    /// which sends the reader looking at addresses; say what is wrong instead.
    /// </summary>
    private static void RequireDirectory(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is null || Directory.Exists(directory))
        {
            return;
        }

        throw new IOException(File.Exists(directory)
            ? $"'{directory}' is not a directory"
            : $"the directory '{directory}' does not exist");
    }

    /// <summary>The error for a path another server holds (also when it bound the path first in a race).</summary>
    public static IOException InUse(string path) => new($"another XenStore server is serving on {path}");

    private static bool IsServed(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, ProtocolType.Unspecified);
        // Non-blocking, so a live server with a full backlog (EAGAIN) counts as serving instead of
        // blocking the start-up until it accepts.
        probe.Blocking = false;
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.AlreadyInProgress)
        {
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.ConnectionRefused)
        {
            return false;
        }
        catch (SocketException exception)
        {
            throw new IOException($"cannot tell whether a server is serving on {path}: {exception.Message}", exception);
        }
    }

    private static string Describe(RawStatus status) => status switch
    {
        { IsDirectory: true } => "a directory",
        { IsRegularFile: true } => "a regular file",
        { IsSymbolicLink: true } => "a symbolic link",
        _ => "a special file",
    };
}
