using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace GuestAgent.Platform;

/// <summary>
/// The real <see cref="IProcessRunner"/>: starts the program and captures its output. A program given
/// by name is first resolved to an absolute path by a <see cref="ProgramLocator"/> (absolute
/// <c>PATH</c> directories only), never looked up in the current or the agent's own directory.
/// </summary>
public sealed class ProcessRunner : IProcessRunner
{
    /// <summary>At most this many characters of each output stream are kept.</summary>
    public const int OutputLimit = 64 * 1024;

    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(2);

    /// <summary><c>ETXTBSY</c>: the program file is open for writing.</summary>
    private const int TextFileBusy = 26;

    /// <summary>
    /// How many times a start refused with <see cref="TextFileBusy"/> is tried again, after 5 ms, then
    /// twice as long each time (5 … 160 ms, about 0.3 s in all, on the runner's clock).
    /// </summary>
    private const int TextFileBusyRetries = 6;

    private readonly TimeProvider _time;
    private readonly ProgramLocator? _locator;

    /// <summary>Creates a runner whose timeouts run on the system clock.</summary>
    public ProcessRunner()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates a runner whose timeouts (<see cref="ProcessSpec.Timeout"/>) run on <paramref name="time"/>.</summary>
    /// <param name="time">
    /// The clock, also of the short retries of a start refused because the file is busy; a test's
    /// manual clock decides exactly when a hanging program runs out of time.
    /// </param>
    public ProcessRunner(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>Creates a runner that finds programs given by name with <paramref name="locator"/>.</summary>
    /// <param name="time">The clock the timeouts and the retries of a start refused because the file is busy run on.</param>
    /// <param name="locator">
    /// Where bare names are looked up; by default (the other constructors) this process's <c>PATH</c>,
    /// read at each start.
    /// </param>
    public ProcessRunner(TimeProvider time, ProgramLocator locator)
        : this(time)
    {
        ArgumentNullException.ThrowIfNull(locator);
        _locator = locator;
    }

    /// <inheritdoc />
    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        // Always an absolute path: given a bare name, .NET would look in the current directory first.
        var program = (_locator ?? ProgramLocator.FromEnvironment()).Resolve(spec.Program);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in spec.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (spec.Environment is { } environment)
        {
            start.Environment.Clear();
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
        }

        // The timeout runs from before the start, so it is armed by the time the program does anything.
        using var timeout = new CancellationTokenSource(spec.Timeout, _time);
        using var process = await StartAsync(start, cancellationToken).ConfigureAwait(false);

        var stdout = new CappedOutput(process.StandardOutput);
        var stderr = new CappedOutput(process.StandardError);
        try
        {
            if (spec.StandardInput is { } input)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading its input; its exit code tells the rest.
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        // A daemon the program started (dhclient from ifup, say) may hold its output pipes open for
        // as long as it lives: once the program has exited, its output gets a short grace period,
        // never an unbounded wait that would stall the command (and every request after it). The grace
        // is about real pipes, so it runs on the real clock whatever clock the timeout runs on.
        await Task.WhenAny(Task.WhenAll(stdout.Completion, stderr.Completion), Task.Delay(OutputGrace, CancellationToken.None)).ConfigureAwait(false);
        return new ProcessResult(timedOut ? -1 : process.ExitCode, stdout.Text, stderr.Text, timedOut);
    }

    /// <summary>
    /// Starts the program. <c>execve</c> refuses a file that is open for writing anywhere
    /// (<c>ETXTBSY</c>), and a file this process has just written and closed (an update's new binary)
    /// can still be open in a child that another thread forked a moment ago: the child holds a copy of
    /// every descriptor until its own <c>exec</c> closes them. That lasts microseconds, so a few short
    /// retries turn a spurious failure into a start; a file someone really keeps open still fails.
    /// </summary>
    private async Task<Process> StartAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var process = new Process { StartInfo = start };
            try
            {
                process.Start();
                return process;
            }
            catch (Win32Exception exception)
            {
                process.Dispose();
                if (exception.NativeErrorCode != TextFileBusy || attempt == TextFileBusyRetries)
                {
                    // strerror's text: .NET's own message repeats the path and the working directory.
                    throw new ProgramStartException(start.FileName, Marshal.GetPInvokeErrorMessage(exception.NativeErrorCode), exception);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5 << attempt), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads one output stream to its end, keeping the first <see cref="OutputLimit"/> characters.</summary>
    private sealed class CappedOutput
    {
        private readonly StringBuilder _kept = new();
        private readonly Lock _gate = new();

        public CappedOutput(StreamReader reader) => Completion = ReadAsync(reader);

        public Task Completion { get; }

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return _kept.ToString();
                }
            }
        }

        private async Task ReadAsync(StreamReader reader)
        {
            var buffer = new char[4096];
            try
            {
                int read;
                // Keep reading past the cap so the program never blocks on a full pipe.
                while ((read = await reader.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
                {
                    lock (_gate)
                    {
                        if (_kept.Length < OutputLimit)
                        {
                            _kept.Append(buffer, 0, Math.Min(read, OutputLimit - _kept.Length));
                        }
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException)
            {
                // The pipe was closed under a reader left behind after the grace period.
            }
        }
    }
}
