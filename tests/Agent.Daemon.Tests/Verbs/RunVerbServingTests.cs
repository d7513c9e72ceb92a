using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Demo;
using GuestAgent.Testing;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Tests.Verbs;

/// <summary>
/// <c>run</c> in-process against the in-process XenStore: once it serves, it says so naming its
/// version, the domain and the endpoint it connected to, and a stop (the caller's cancellation here,
/// as SIGTERM's) ends it with exit code 0 and a last line saying it stopped.
/// </summary>
public sealed class RunVerbServingTests
{
    [Fact]
    public async Task Serving_is_logged_naming_the_domain_and_the_endpoint_and_a_stop_exits_0()
    {
        using var directory = new TemporaryDirectory("guest-agent-serving-");
        var socket = directory.Combine("xs.sock");
        var root = directory.Combine("root");
        DemoGuest.CreateRoot(root);
        await using var server = new XenStoreServer();
        server.Listen(socket);
        var home = server.CreateGuestDomain(7);
        using var log = new WatchedLog(" serving ");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var running = Program.RunAsync(
            ["run", "--xenstore", socket, "--domain-path", home, "--root", root, "--config", "/dev/null"],
            new StandardStreams(TextReader.Null, TextWriter.Null, log),
            stop.Token);
        // A safety net only: the line comes once the exchange is connected.
        await Task.WhenAny(log.Awaited.Task, running).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.True(log.Awaited.Task.IsCompleted, log.ToString());
        await stop.CancelAsync();
        var code = await running.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        var serving = await log.Awaited.Task;
        Assert.StartsWith($"<6>guest-agent: guest-agent {AgentVersion.Informational} serving {home} over unix socket {socket} (", serving, StringComparison.Ordinal);
        Assert.EndsWith(" commands)", serving, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("<6>guest-agent: Stopped", log.ToString().TrimEnd('\n').Split('\n')[^1]);
    }

    /// <summary>A log that says when a line holding <paramref name="awaited"/> has been written.</summary>
    private sealed class WatchedLog(string awaited) : StringWriter
    {
        private readonly Lock _gate = new();

        public TaskCompletionSource<string> Awaited { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void WriteLine(string? value)
        {
            lock (_gate)
            {
                base.WriteLine(value);
            }

            if (value is not null && value.Contains(awaited, StringComparison.Ordinal))
            {
                Awaited.TrySetResult(value);
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return base.ToString();
            }
        }
    }
}
