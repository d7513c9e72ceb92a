using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using GuestAgent.Testing;

namespace GuestAgent.Packages.Tests;

/// <summary>
/// samples/MinimalAgent, built from the packages, stopped before it serves: a stop (SIGTERM) while
/// it waits to connect to a XenStore whose listen queue is full ends it as a stop while serving
/// does, exit code 0 and no stack trace, not with an unhandled OperationCanceledException.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(PackagesCollection.Name)]
public sealed class SampleStopTests(PackedFeed feed)
{
    // A whole .NET program started while the rest of the suite runs (scripts/test.sh, every project
    // at once): more than the usual minute's safety net.
    private static readonly TimeSpan ProcessSafetyNet = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_stop_before_the_sample_serves_ends_it_with_exit_code_0_and_no_stack_trace()
    {
        var sample = await feed.BuildMinimalAgentAsync();

        // A listener that never accepts, its queue filled: the sample's connection check waits
        // (XenStoreClient.ConnectAsync tries again, cancellable) until the stop cancels it.
        var path = Path.Combine(feed.Root, "full.sock");
        File.Delete(path);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(0);
        var queued = FillQueue(path);
        Assert.NotEmpty(queued);

        // Through env --default-signal, which execs it (same pid): the sample starts with every signal
        // at its default, as a service manager starts it. A suite run under nohup hands it SIGHUP
        // ignored, .NET then installs no handler for it, and the wait below would never end.
        var start = new ProcessStartInfo("/usr/bin/env")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[] { "--default-signal", "dotnet", sample, "--xenstore", path, "--domain-path", "/local/domain/1", "--root", FixtureDirectories.Create(Path.Combine(feed.Root, "stop-root")) })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in feed.Environment)
        {
            start.Environment[name] = value;
        }

        using var agent = Process.Start(start)!;
        var standardError = agent.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var standardOutput = agent.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            // Its stop handlers are in place once it catches SIGHUP (ShutdownSignals' onHangup):
            // a SIGTERM before that would end it by the runtime's default, not through the sample.
            if (!await WaitUntilCatchingSighupAsync(agent))
            {
                Assert.Fail($"the sample ended before it was ready to stop, exit code {agent.ExitCode}:\n{await standardError.WithinSafetyNet()}");
            }
            using var kill = Process.Start("kill", ["-TERM", agent.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken).WithinSafetyNet();

            await agent.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(ProcessSafetyNet, TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!agent.HasExited)
            {
                agent.Kill();
            }

            foreach (var socket in queued)
            {
                socket.Dispose();
            }
        }

        var errors = await standardError.WithinSafetyNet();
        Assert.True(agent.ExitCode == 0, $"exit code {agent.ExitCode}:\n{errors}");
        Assert.DoesNotContain("Unhandled exception", errors, StringComparison.Ordinal);
        Assert.Contains("Stopping on SIGTERM", errors, StringComparison.Ordinal);
        Assert.Empty(await standardOutput.WithinSafetyNet());
    }

    /// <summary>Connects without blocking until the listener's queue refuses one more (EAGAIN).</summary>
    private static List<Socket> FillQueue(string path)
    {
        var queued = new List<Socket>();
        while (true)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { Blocking = false };
            try
            {
                socket.Connect(new UnixDomainSocketEndPoint(path));
                queued.Add(socket);
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.WouldBlock)
            {
                socket.Dispose();
                return queued;
            }
        }
    }

    /// <summary>
    /// Whether the process came to catch SIGHUP; false when it ended first. Past the safety net the test
    /// fails with the process's state and signal masks (what it ignores, what it catches).
    /// </summary>
    private static async Task<bool> WaitUntilCatchingSighupAsync(Process agent)
    {
        // SigCgt in /proc/PID/status: the signals the process catches, bit 0 for SIGHUP (1). A process
        // that ended is a zombie until it is reaped, with a status that catches nothing: looked at first.
        var deadline = Deadline.After(ProcessSafetyNet);
        while (!agent.HasExited)
        {
            string[] status;
            try
            {
                status = File.ReadAllLines($"/proc/{agent.Id}/status");
            }
            catch (IOException) when (agent.HasExited)
            {
                return false;
            }

            var caught = status.Single(line => line.StartsWith("SigCgt:", StringComparison.Ordinal));
            if ((ulong.Parse(caught["SigCgt:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 1) != 0)
            {
                return true;
            }

            Assert.False(deadline.HasPassed, $"the sample did not come to catch SIGHUP within {ProcessSafetyNet}:\n"
                + string.Join('\n', status.Where(line => line.StartsWith("State:", StringComparison.Ordinal) || line.StartsWith("Sig", StringComparison.Ordinal))));

            await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        }

        return false;
    }
}
