using System.Runtime.InteropServices;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// A named pipe (FIFO) that is full and that nobody reads: what a stderr whose reader has stalled
/// (a wedged journald, a pipe into a stopped process) looks like to the writer. A process that
/// opens it for writing blocks on its first write. The test holds both ends (so opening it never
/// blocks and it never breaks) until disposed.
/// </summary>
internal sealed partial class StalledPipe : IDisposable
{
    private const int ReadWrite = 2;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const int TryAgain = 11;

    private readonly int _descriptor;

    public StalledPipe(string path)
    {
        Path = path;
        if (MakeFifo(path, Convert.ToUInt32("600", 8)) != 0)
        {
            throw new IOException($"mkfifo({path}) failed with errno {Marshal.GetLastPInvokeError()}");
        }

        // Read-write: on Linux this opens a FIFO without waiting for a peer, and keeps a reader.
        _descriptor = Open(path, ReadWrite | NonBlocking | CloseOnExec);
        if (_descriptor < 0)
        {
            throw new IOException($"open({path}) failed with errno {Marshal.GetLastPInvokeError()}");
        }

        var chunk = new byte[4096];
        Array.Fill(chunk, (byte)'x');
        while (true)
        {
            if (Write(_descriptor, chunk, chunk.Length) > 0)
            {
                continue;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == TryAgain)
            {
                return; // full
            }

            throw new IOException($"write({path}) failed with errno {errno}");
        }
    }

    public string Path { get; }

    public void Dispose() => _ = Close(_descriptor);

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int descriptor, byte[] buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
