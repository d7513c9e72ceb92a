using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Demo;
using GuestAgent.Testing;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Tests.Verbs;

/// <summary>
/// <c>run</c> in-process against the in-process XenStore: once it serves, it says so naming its
/// version, the domain and the endpoint it connected to, and a stop (the caller's cancellation here,
/// as SIGTERM's) ends it with exit code 0 and a last line saying it stopped. On dom0's own home (a
/// privileged connection, no <c>--domain-path</c>) no host ever writes requests: a missing
/// <c>data/host</c> there is warned about, though <c>~/domid</c> exists (it says 0).
/// </summary>
public sealed class RunVerbServingTests : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new("guest-agent-serving-");
    private readonly XenStoreServer _server = new();

    public RunVerbServingTests()
    {
        DemoGuest.CreateRoot(Root);
        _server.Listen(Socket);
    }

    private string Socket => _directory.Combine("xs.sock");

    private string Root => _directory.Combine("root");

    [Fact]
    public async Task Serving_is_logged_naming_the_domain_and_the_endpoint_and_a_stop_exits_0()
    {
        var home = _server.CreateGuestDomain(7);

        var (code, serving, log) = await RunUntilServingAsync("--domain-path", home);

        Assert.StartsWith($"<6>guest-agent: guest-agent {AgentVersion.Informational} serving {home} over unix socket {Socket} (", serving, StringComparison.Ordinal);
        Assert.EndsWith(" commands)", serving, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("<6>guest-agent: Stopped", log[^1]);
    }

    [Fact]
    public async Task On_dom0s_own_home_whose_domid_is_0_a_missing_data_host_is_warned_about()
    {
        // The server writes dom0's ~/domid as xen-init-dom0 does on a Xen host, so its presence alone
        // does not make a guest's home (where the exchange creates data/host itself, without a warning).
        Assert.Equal("0"u8.ToArray(), _server.TryRead("/local/domain/0/domid"));

        var (code, _, log) = await RunUntilServingAsync();

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains(
            "<4>guest-agent: data/host does not exist in XenStore under the connection's own home: serving it anyway, but requests are seen only once the host creates it "
            + "(on a privileged connection, such as dom0's, name the guest's home with --domain-path or 'xenstore.domainPath')",
            log);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>Runs <c>run</c> until it logs that it serves, then stops it; returns its exit code, that line and every line.</summary>
    private async Task<(int Code, string Serving, string[] Log)> RunUntilServingAsync(params string[] options)
    {
        using var log = new WatchedLog(" serving ");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = Program.RunAsync(
            ["run", "--xenstore", Socket, "--root", Root, "--config", "/dev/null", .. options],
            new StandardStreams(TextReader.Null, TextWriter.Null, log),
            stop.Token);
        // A safety net only: the line comes once the exchange is connected.
        await Task.WhenAny(log.Awaited.Task, running).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.True(log.Awaited.Task.IsCompleted, log.ToString());
        await stop.CancelAsync();
        var code = await running.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        return (code, await log.Awaited.Task, log.ToString().TrimEnd('\n').Split('\n'));
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
