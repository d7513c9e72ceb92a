using System.Diagnostics;

namespace GuestAgent.Testing;

/// <summary>
/// A lock held by another process, as <c>useradd</c> (glibc <c>lckpwdf</c>: a classic <c>fcntl</c>
/// lock) or FreeBSD's <c>pw</c> (<c>flock</c>) would hold it. It has to be a child process: POSIX
/// record locks never conflict within one process. The child is python3, whose <c>fcntl</c>
/// module calls the C functions directly.
/// </summary>
internal sealed class CompetingLock : IAsyncDisposable
{
    // Takes the lock; optionally reads a file at once and, on a line from the test, writes it back
    // with one more line by temp file and rename: what useradd does between lckpwdf and ulckpwdf.
    // End of input (dispose) just lets go.
    private const string Script = """
        import fcntl, os, sys
        path, kind, victim, extra = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
        if kind == "lockf":
            fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
            fcntl.lockf(fd, fcntl.LOCK_EX)
        else:
            fd = os.open(path, os.O_RDONLY)
            fcntl.flock(fd, fcntl.LOCK_EX)
        before = open(victim, "rb").read() if victim else b""
        print("locked", flush=True)
        if sys.stdin.readline() and victim:
            with open(victim + ".new", "wb") as f:
                f.write(before + extra.encode())
            os.rename(victim + ".new", victim)
        os.close(fd)
        print("released", flush=True)
        """;

    /// <summary>A script that tries the lock once without waiting: exit code 0 when it got it, 1 when it is held.</summary>
    private const string ProbeScript = """
        import fcntl, os, sys
        path, kind = sys.argv[1], sys.argv[2]
        try:
            if kind == "lockf":
                fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:
                fd = os.open(path, os.O_RDONLY)
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (BlockingIOError, PermissionError):
            sys.exit(1)
        """;

    private readonly Process _process;

    private CompetingLock(Process process) => _process = process;

    /// <summary>Starts the child and returns once it holds the lock.</summary>
    /// <param name="hostPath">The file to lock.</param>
    /// <param name="kind"><c>lockf</c> (classic fcntl lock, created if missing) or <c>flock</c>.</param>
    /// <param name="rewrite">A file the child reads now and, on release, writes back with <paramref name="appendOnRelease"/> appended.</param>
    /// <param name="appendOnRelease">The line added to <paramref name="rewrite"/>.</param>
    public static async Task<CompetingLock> HoldAsync(string hostPath, string kind, string? rewrite = null, string appendOnRelease = "")
    {
        var python = ExternalTool.Require("python3", "python3");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", Script, hostPath, kind, rewrite ?? "", appendOnRelease })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line != "locked")
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException($"The lock holder did not take the lock: '{line}'");
        }

        return new CompetingLock(process);
    }

    /// <summary>Runs a second child that tries the lock once: <c>true</c> when it got it.</summary>
    public static async Task<bool> ProbeAsync(string hostPath, string kind)
    {
        var python = ExternalTool.Require("python3", "python3");
        var result = await ExternalTool.RunAsync(python, ["-c", ProbeScript, hostPath, kind]);
        return result.ExitCode switch
        {
            0 => true,
            1 => false,
            _ => throw new InvalidOperationException($"The lock probe failed: {result.StandardError}"),
        };
    }

    /// <summary>Makes the child write its file (if any) and let go; returns once it has.</summary>
    public async Task ReleaseAsync()
    {
        // A holder that is already gone let go on its own, earlier than the test assumed: the
        // lock the test relied on may never have been held when it mattered.
        Assert.False(_process.HasExited, $"The lock holder exited (code {(_process.HasExited ? _process.ExitCode : 0)}) before it was asked to let go");

        await _process.StandardInput.WriteLineAsync();
        await _process.StandardInput.FlushAsync();
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("released", line);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }
}
