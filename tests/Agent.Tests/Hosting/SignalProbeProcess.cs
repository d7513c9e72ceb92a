using System.Diagnostics;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// The signal probe (tests/Agent.SignalProbe) running as a child process: lines to its standard
/// input, its standard output collected, real signals sent with the shell's kill. Disposing kills it if it
/// still runs, so a failing test leaves nothing behind.
/// </summary>
internal sealed class SignalProbeProcess : IAsyncDisposable
{
    /// <summary>Only turns a hang into a failure; nothing here waits on a clock otherwise.</summary>
    private static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Task _reading;

    private SignalProbeProcess(Process process)
    {
        _process = process;
        _reading = ReadAsync();
    }

    /// <summary>What the probe has said so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The probe process id, for reading its <c>/proc</c> status.</summary>
    public int Id => _process.Id;

    // Through env --default-signal, which execs it (same pid): every signal handled the default
    // way, as a service manager starts a service, even when the test run itself runs in the
    // background, where SIGINT is ignored (and .NET keeps an ignored SIGINT ignored).
    public static SignalProbeProcess Start(params string[] arguments) => StartThrough("--default-signal", arguments);

    /// <summary>Starts the probe with SIGTERM and SIGINT ignored, as a launcher (<c>trap '' TERM</c>, a shell's <c>&amp;</c>) may leave them.</summary>
    public static SignalProbeProcess StartWithStopSignalsIgnored(params string[] arguments) => StartThrough("--ignore-signal=INT,TERM", arguments);

    private static SignalProbeProcess StartThrough(string envSignals, string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/env")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[envSignals, "dotnet", Path.Combine(AppContext.BaseDirectory, "GuestAgent.SignalProbe.dll"), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return new SignalProbeProcess(Process.Start(start) ?? throw new InvalidOperationException("the signal probe did not start"));
    }

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Sends a signal by name (TERM, INT, HUP), as <c>kill -s NAME PID</c> (the shell's own, so no package is needed).</summary>
    public async Task SignalAsync(string name)
    {
        using var kill = Process.Start("/bin/sh", ["-c", "kill -s \"$0\" \"$1\"", name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().WaitAsync(SafetyNet, TestContext.Current.CancellationToken);
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits until the probe has said <paramref name="line"/>.</summary>
    public Task WaitForLineAsync(string line) => WaitForAnyLineAsync(line);

    /// <summary>
    /// Waits until the probe has said one of <paramref name="lines"/>; the first of them it said.
    /// For a step with two possible outcomes: the test then asserts which one came, instead of
    /// waiting for a line that never comes.
    /// </summary>
    public async Task<string> WaitForAnyLineAsync(params string[] lines)
    {
        using var timeout = new CancellationTokenSource(SafetyNet);
        while (true)
        {
            if (Lines.FirstOrDefault(lines.Contains) is { } said)
            {
                return said;
            }

            var wanted = string.Join("' or '", lines);
            if (_reading.IsCompleted)
            {
                Assert.Fail($"the probe ended without saying '{wanted}'; it said:\n{string.Join('\n', Lines)}");
            }

            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"the probe did not say '{wanted}' within the safety net; it said:\n{string.Join('\n', Lines)}");
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits for the probe to end; its exit status (128 + the signal when one killed it).</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(SafetyNet);
        await _process.WaitForExitAsync(timeout.Token);
        // Its standard output ends with it, unless something it started holds it open.
        await _reading.WaitAsync(SafetyNet, TestContext.Current.CancellationToken);
        return _process.ExitCode;
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
