using GuestAgent.Daemon.Configuration;
using GuestAgent.Daemon.Hosting;
using GuestAgent.Daemon.Logging;
using GuestAgent.Daemon.Tests.NovaHost;
using GuestAgent.Daemon.Tests.Verbs;
using GuestAgent.Testing;
using GuestAgent.XenStore.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.Daemon.Tests.Hosting;

/// <summary>
/// <c>run</c>'s start against a XenStore that never answers (a real socket that accepts and reads
/// but stays mute, or one whose listen queue is full) keeps waiting and says so in the journal: a
/// warning 10 s into the wait, then every 30 s, on a manual clock moved only once the agent is
/// where the test says (its first request received).
/// </summary>
public sealed class XenStoreStartupWaitTests : IDisposable
{
    private const string Wedged = "(xenstored is starting, overloaded or wedged); still waiting, and not ready until it does";

    private readonly TemporaryDirectory _root = new("gasw-");
    private readonly StringWriter _journal = new();
    private readonly TextWriter _synchronized;
    private readonly FakeTimeProvider _time = new();

    // The agent logs from its own threads while the test reads: TextWriter.Synchronized's methods
    // lock the writer itself, which Warnings() locks too.
    public XenStoreStartupWaitTests() => _synchronized = TextWriter.Synchronized(_journal);

    [Fact]
    public async Task A_xenstore_that_accepts_and_never_answers_is_warned_about_after_10_s_then_every_30_s_and_waited_for()
    {
        await using var peer = new MutePeer();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var connecting = Agent(peer.SocketPath).ConnectAsync(stop.Token);
        Assert.Equal(MutePeer.Read, await peer.NextRequestAsync());

        _time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
        Assert.Empty(Warnings());
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal([$"<4>guest-agent: XenStore (unix socket {peer.SocketPath}) has not answered after 10 s {Wedged}"], Warnings());

        _time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.Single(Warnings());
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal($"<4>guest-agent: XenStore (unix socket {peer.SocketPath}) has not answered after 40 s {Wedged}", Warnings()[^1]);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(3, Warnings().Count);
        // Still waiting: the start does not give up on a slow xenstored.
        Assert.False(connecting.IsCompleted);

        // A stop ends the wait and its warnings.
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(3, Warnings().Count);
    }

    [Fact]
    public async Task A_full_listen_queue_is_warned_about_as_a_connection_not_accepted()
    {
        using var xenstore = new NeverAcceptingSocket();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // The clock starts when ConnectAsync is called (before its first await), so it may move now.
        var connecting = Agent(xenstore.Path).ConnectAsync(stop.Token);

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(
            [$"<4>guest-agent: XenStore ({xenstore.Path}) has not accepted the connection after 10 s (its listen queue is full: xenstored is starting, overloaded or wedged); still waiting, and not ready until it does"],
            Warnings());
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting);
    }

    [Fact]
    public async Task A_xenstore_that_answers_gives_no_warning_however_long_the_agent_runs_after()
    {
        await using var server = new XenStoreServer();
        var socket = _root.Combine("xs.sock");
        server.Listen(socket, XenStoreIdentity.Guest(5));
        server.CreateGuestDomain(5);

        await Agent(socket).ConnectAsync(TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Empty(Warnings());
    }

    public void Dispose()
    {
        _synchronized.Dispose();
        _root.Dispose();
    }

    private RunningAgent Agent(string xenstore)
    {
        var settings = new AgentSettings { Root = _root.Path, XenStorePath = xenstore };
        var loggers = new JournalLoggerFactory(new JournalWriter(_synchronized, LogLevel.Trace));
        return new RunningAgent(settings, AgentComposition.Create(settings, loggers), loggers) { Time = _time };
    }

    private List<string> Warnings()
    {
        lock (_synchronized)
        {
            return [.. _journal.ToString().Split('\n').Where(line => line.StartsWith("<4>", StringComparison.Ordinal))];
        }
    }
}
