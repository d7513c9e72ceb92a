using System.Diagnostics;
using GuestAgent.Testing;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// A pseudo-terminal in raw mode bridged to a server socket: it stands in for <c>/dev/xen/xenbus</c>,
/// opened with open(O_RDWR) exactly like the device (spec §10 point 9). Runs as a small Python process.
/// </summary>
internal sealed class PtyBridge : IDisposable
{
    private const string Script = """
        import os, pty, tty, socket, sys, select
        master, slave = pty.openpty()
        tty.setraw(slave)
        s = socket.socket(socket.AF_UNIX)
        s.connect(sys.argv[1])
        print(os.ttyname(slave), flush=True)
        while True:
            ready, _, _ = select.select([master, s], [], [])
            if master in ready:
                data = os.read(master, 65536)
                if not data:
                    break
                s.sendall(data)
            if s in ready:
                data = s.recv(65536)
                if not data:
                    break
                os.write(master, data)
        """;

    private readonly Process _process;

    private PtyBridge(Process process, string devicePath)
    {
        _process = process;
        DevicePath = devicePath;
    }

    /// <summary>The pty's slave path (<c>/dev/pts/N</c>), to open as the device.</summary>
    public string DevicePath { get; }

    public static async Task<PtyBridge> StartAsync(string socket)
    {
        var python = ExternalTool.Require("python3", "python3");
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(socket);
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var path = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (string.IsNullOrEmpty(path))
        {
            throw new InvalidOperationException("pty bridge failed: " + await process.StandardError.ReadToEndAsync(timeout.Token));
        }

        return new PtyBridge(process, path);
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}
