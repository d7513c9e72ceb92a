using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.EndToEnd;

/// <summary>
/// One running <c>guest-agent</c> process with its output collected. Disposing kills it if it is
/// still running, so a failing test never leaves a daemon behind.
/// </summary>
internal sealed partial class DaemonProcess : IAsyncDisposable
{
    public const int SigTerm = 15;
    public const int SigInt = 2;
    public const int SigHup = 1;
    public const int SigKill = 9;
    public const int SigCont = 18;
    public const int SigStop = 19;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Task _reading;

    private DaemonProcess(Process process)
    {
        _process = process;
        _reading = Task.WhenAll(CopyAsync(process.StandardOutput, _output), CopyAsync(process.StandardError, _error));
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string StandardError
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public string StandardOutput
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static DaemonProcess Start(IEnumerable<string> arguments, IDictionary<string, string>? environment = null) =>
        Start(DaemonBinary.Require(), arguments, environment);

    /// <summary>
    /// Starts the daemon with a notification socket in <paramref name="directory"/> and returns once it
    /// has sent <c>READY=1</c>; a daemon that fails first is killed and the failure thrown.
    /// </summary>
    /// <param name="directory">Where the notification socket goes.</param>
    /// <param name="arguments">The daemon's arguments.</param>
    /// <param name="wrapper">A program that execs the daemon (see <see cref="StartWrapped"/>), or <c>null</c>.</param>
    public static async Task<DaemonProcess> StartReadyAsync(TemporaryDirectory directory, IEnumerable<string> arguments, IReadOnlyList<string>? wrapper = null)
    {
        using var notify = new NotifySocket(directory.Combine($"notify-{Guid.NewGuid():N}"));
        var environment = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Path };
        var daemon = wrapper is null ? Start(arguments, environment) : StartWrapped(wrapper, arguments, environment);
        try
        {
            await notify.WaitForAsync("READY=1", daemon);
            return daemon;
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the daemon with some standard descriptors closed, as <c>guest-agent run &gt;&amp;-</c> in a
    /// shell does: <paramref name="redirections"/> (e.g. <c>"&gt;&amp;- 2&gt;&amp;-"</c>) are applied by
    /// <c>/bin/sh</c>, which then execs the daemon in its place (same process id).
    /// </summary>
    public static DaemonProcess StartWithRedirections(string redirections, IEnumerable<string> arguments, IDictionary<string, string>? environment = null) =>
        Start("/bin/sh", ["-c", $"exec \"$0\" \"$@\" {redirections}", DaemonBinary.Require(), .. arguments], environment);

    /// <summary>
    /// Starts the daemon through <paramref name="wrapper"/> (e.g. <c>unshare -m sh -c SCRIPT</c>), which
    /// is given the daemon's path and arguments after its own and must exec it (same process id).
    /// </summary>
    public static DaemonProcess StartWrapped(IReadOnlyList<string> wrapper, IEnumerable<string> arguments, IDictionary<string, string>? environment = null) =>
        Start(wrapper[0], [.. wrapper.Skip(1), DaemonBinary.Require(), .. arguments], environment);

    private static DaemonProcess Start(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment)
    {
        // Through env --default-signal, which execs it (same pid): the daemon starts with every signal
        // handled the default way, as systemd starts a service, even when the test run itself was
        // started in the background, where SIGINT and SIGQUIT are ignored (and .NET keeps an ignored
        // SIGINT ignored, so the signal tests would wait for a signal that never comes).
        var start = new ProcessStartInfo("/usr/bin/env")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("NOTIFY_SOCKET");
        // The daemon trusts the CAs a test gives it, never ones the test run's own environment names.
        start.Environment.Remove("SSL_CERT_FILE");
        start.Environment.Remove("SSL_CERT_DIR");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("guest-agent did not start");
        process.StandardInput.Close();
        return new DaemonProcess(process);
    }

    /// <summary>Sends a signal (SIGTERM by default), as systemd does on stop.</summary>
    public void Signal(int signal = SigTerm)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>
    /// Sends a signal to this process's one child: the daemon, when a wrapper started it as a child
    /// rather than exec it (strace), so that the daemon sees the signal as it would from systemd.
    /// </summary>
    public void SignalChild(int signal)
    {
        var id = _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var child = int.Parse(File.ReadAllText($"/proc/{id}/task/{id}/children").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        if (Kill(child, signal) != 0)
        {
            throw new InvalidOperationException($"kill({child}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>
    /// SIGSTOP, returning once every thread of the process has stopped: until SIGCONT it runs nothing,
    /// so what a test does meanwhile is all there by the time it runs again.
    /// </summary>
    public async Task FreezeAsync()
    {
        Signal(SigStop);
        var deadline = Deadline.After(TimeSpan.FromMinutes(1));
        while (!Directory.EnumerateDirectories($"/proc/{Id}/task").All(IsStopped))
        {
            // Bounded only so that a bug fails instead of hanging.
            if (deadline.HasPassed)
            {
                throw new TimeoutException($"guest-agent (pid {Id}) did not stop on SIGSTOP");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Returns once a thread of the process is blocked in <c>write()</c> to <paramref name="file"/>
    /// (a full pipe): its <c>/proc/PID/task/TID/syscall</c> reads <c>1 0xFD …</c>, and FD is open on
    /// that file. The file, not a number: the process may write through a copy of a descriptor.
    /// </summary>
    public async Task WaitForBlockedWriteAsync(string file)
    {
        var deadline = Deadline.After(TimeSpan.FromMinutes(1));
        while (!Directory.EnumerateDirectories($"/proc/{Id}/task").Any(task => IsWritingTo(task, file)))
        {
            // Bounded only so that a bug fails instead of hanging.
            if (_process.HasExited || deadline.HasPassed)
            {
                throw new TimeoutException($"guest-agent (pid {Id}) never blocked writing to {file}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"guest-agent did not exit; stderr so far: {StandardError}");
        }

        await _reading;
        return _process.ExitCode;
    }

    /// <summary>Waits until the process has written <paramref name="text"/> to stderr.</summary>
    public async Task WaitForErrorTextAsync(string text, TimeSpan? timeout = null)
    {
        var deadline = Deadline.After(timeout ?? TimeSpan.FromSeconds(30));
        while (!StandardError.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || deadline.HasPassed)
            {
                throw new TimeoutException($"guest-agent never wrote '{text}'; stderr: {StandardError}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task CopyAsync(StreamReader reader, StringBuilder target)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (target)
            {
                target.Append(buffer, 0, read);
            }
        }
    }

    /// <summary>Whether a thread (<c>/proc/PID/task/TID</c>) is in <c>write()</c> on a descriptor open on <paramref name="file"/>.</summary>
    private bool IsWritingTo(string task, string file)
    {
        try
        {
            var call = File.ReadAllText(Path.Combine(task, "syscall")).Split(' ');
            return call is ["1", var descriptor, ..] && descriptor.StartsWith("0x", StringComparison.Ordinal) &&
                new FileInfo($"/proc/{Id}/fd/{Convert.ToInt32(descriptor[2..], 16)}").LinkTarget == file;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false; // the thread or the descriptor is gone
        }
    }

    /// <summary>Whether a thread (<c>/proc/PID/task/TID</c>) is stopped, or gone.</summary>
    private static bool IsStopped(string task)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(Path.Combine(task, "stat"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return true; // the thread has ended
        }

        // "tid (comm) S …": the state follows the last ')', since comm may itself hold one.
        return stat[(stat.LastIndexOf(')') + 2)..][0] is 'T' or 't' or 'Z' or 'X';
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
