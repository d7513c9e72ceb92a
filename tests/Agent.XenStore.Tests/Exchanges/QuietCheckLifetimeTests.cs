using System.Text;
using GuestAgent.Exchanges;
using GuestAgent.Testing;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;
using Microsoft.Extensions.Logging;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// The quiet-XenStore check's lifetime, on a manual clock and real sockets: it stops (no more looks,
/// its timer released) when the exchange is disposed, it is never started by an exchange already
/// disposed, and a connection that breaks and is made again starts a fresh watch (no stale "answers
/// again", no reminder carried over, the new quiet spell counted from the new connection).
/// </summary>
public sealed class QuietCheckLifetimeTests
{
    private static readonly TimeSpan Check = QuietXenStoreCheck.CheckInterval;
    private static readonly TimeSpan Reconnect = TimeSpan.FromMilliseconds(100);

    // Longer than any test here runs on its clock: no rescan listing comes between the looks.
    private static readonly TimeSpan Rescan = TimeSpan.FromHours(1);

    [Fact]
    public async Task Disposing_the_exchange_stops_the_check_and_releases_its_timer()
    {
        var peer = new WedgedPeer(hangUp: false);
        await using var served = peer.Scripted;
        using var state = new TemporaryDirectory("gaxs-quiet-");
        var time = new RecordingTimeProvider();
        var log = new RecordingLogger<XenStoreExchange>();
        var exchange = new XenStoreExchange(Options(state, time, _ => XenStoreClient.ConnectAsync(served.SocketPath, CancellationToken.None)), log);
        try
        {
            await exchange.StartAsync(TestContext.Current.CancellationToken);
            await peer.Stuck.Task.WaitAsync(TestContext.Current.CancellationToken);
            time.Advance(Check);
            time.Advance(Check);
            Assert.Single(Quiet(log));
            Assert.Equal(1, time.LivePeriodicTimers);

            await exchange.DisposeAsync();

            Assert.Equal(0, time.LivePeriodicTimers);
            for (var elapsed = TimeSpan.Zero; elapsed <= XenStoreExchange.RepeatedWarningInterval; elapsed += Check)
            {
                time.Advance(Check);
            }

            Assert.Single(Quiet(log));
            Assert.DoesNotContain(log.At(LogLevel.Information), message => message.Contains("answers again", StringComparison.Ordinal));
        }
        finally
        {
            peer.Release.Set();
            await exchange.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_disposed_check_looks_no_more_even_at_a_connection_still_quiet()
    {
        // The check alone, on a connection that stays up with its request unanswered: after Dispose,
        // no reminder however long the clock runs (the exchange's own connection is gone by then, so
        // only the check itself shows that it stopped looking).
        var peer = new WedgedPeer(hangUp: false, wedgeFirst: XenStoreMessageType.Read);
        await using var served = peer.Scripted;
        await using var client = await XenStoreClient.ConnectAsync(served.SocketPath, TestContext.Current.CancellationToken);
        var unanswered = client.ReadAsync("data/host/x", TestContext.Current.CancellationToken);
        await peer.Stuck.Task.WaitAsync(TestContext.Current.CancellationToken);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var log = new RecordingLogger<XenStoreExchange>();
        var check = new QuietXenStoreCheck(() => client, log, time, XenStoreExchange.RepeatedWarningInterval);
        time.Advance(Check);
        time.Advance(Check);
        Assert.Single(Quiet(log));

        check.Dispose();
        for (var elapsed = TimeSpan.Zero; elapsed <= XenStoreExchange.RepeatedWarningInterval; elapsed += Check)
        {
            time.Advance(Check);
        }

        Assert.True(client.IsConnected);
        Assert.Single(Quiet(log));
        peer.Release.Set();
        await unanswered.WaitAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_look_that_ends_after_the_check_is_disposed_logs_nothing()
    {
        // The look that would warn is the one Dispose runs in: its source of the connection disposes
        // the check mid-look (on the look's own thread, so the moment is exact), and the look then
        // finds the connection as quiet as the look before did.
        var peer = new WedgedPeer(hangUp: false, wedgeFirst: XenStoreMessageType.Read);
        await using var served = peer.Scripted;
        await using var client = await XenStoreClient.ConnectAsync(served.SocketPath, TestContext.Current.CancellationToken);
        var unanswered = client.ReadAsync("data/host/x", TestContext.Current.CancellationToken);
        await peer.Stuck.Task.WaitAsync(TestContext.Current.CancellationToken);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var log = new RecordingLogger<XenStoreExchange>();
        QuietXenStoreCheck? check = null;
        var looks = 0;
        check = new QuietXenStoreCheck(
            () =>
            {
                if (++looks == 2)
                {
                    check!.Dispose();
                }

                return client;
            },
            log,
            time,
            XenStoreExchange.RepeatedWarningInterval);

        time.Advance(Check);
        time.Advance(Check);
        time.Advance(Check);

        Assert.Equal(2, looks);
        Assert.True(client.IsConnected);
        Assert.Empty(log.Entries);
        peer.Release.Set();
        await unanswered.WaitAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_exchange_disposed_before_it_started_refuses_to_start_and_leaves_no_check_behind()
    {
        using var state = new TemporaryDirectory("gaxs-quiet-");
        var time = new RecordingTimeProvider();
        var exchange = new XenStoreExchange(Options(state, time, _ => throw new InvalidOperationException("never connects")));
        await exchange.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => exchange.StartAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(0, time.LivePeriodicTimers);
    }

    [Fact]
    public async Task A_connection_broken_and_made_again_between_two_looks_starts_a_fresh_watch()
    {
        // The first connection wedges and is warned about, then breaks (the peer hangs up); the
        // second, made before the next look, wedges too. Its quiet spell is new: no "answers again"
        // for the first, no reminder carried over, and its own warning counts from its own first look.
        var first = new WedgedPeer(hangUp: true);
        var second = new WedgedPeer(hangUp: false);
        await using var firstServed = first.Scripted;
        await using var secondServed = second.Scripted;
        using var state = new TemporaryDirectory("gaxs-quiet-");
        var time = new RecordingTimeProvider();
        var log = new RecordingLogger<XenStoreExchange>();
        var connections = 0;
        var exchange = new XenStoreExchange(
            Options(state, time, token => XenStoreClient.ConnectAsync(Interlocked.Increment(ref connections) == 1 ? firstServed.SocketPath : secondServed.SocketPath, token)),
            log);
        try
        {
            await exchange.StartAsync(TestContext.Current.CancellationToken);
            await first.Stuck.Task.WaitAsync(TestContext.Current.CancellationToken);
            time.Advance(Check);
            time.Advance(Check);
            Assert.Equal(["XenStore (unix socket " + firstServed.SocketPath + ") has not answered for 30 s: xenstored may be wedged; requests wait until it answers"], Quiet(log));

            // The first connection breaks; the exchange waits its reconnect delay, then connects again.
            first.Release.Set();
            Assert.Equal(Reconnect, await time.NextTimerAsync(Reconnect));
            time.Advance(Reconnect);
            await second.Stuck.Task.WaitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(2, exchange.Connections);

            // The timers made so far (the waits for the initial events) are not the one its answer brings.
            while (time.Timers.TryRead(out _))
            {
            }

            // Its first look: a request waiting on a connection not seen before is no warning, and the
            // first connection's spell ended in a break, not in an answer.
            time.Advance(Check - Reconnect);
            Assert.Single(Quiet(log));
            Assert.DoesNotContain(log.At(LogLevel.Information), message => message.Contains("answers again", StringComparison.Ordinal));

            // Its second: a warning of its own, counted from its first look, not a reminder of the first's.
            time.Advance(Check);
            Assert.Equal(
                [
                    "XenStore (unix socket " + firstServed.SocketPath + ") has not answered for 30 s: xenstored may be wedged; requests wait until it answers",
                    "XenStore (unix socket " + secondServed.SocketPath + ") has not answered for 30 s: xenstored may be wedged; requests wait until it answers",
                ],
                Quiet(log));

            // Its answer coming is said once, for its own spell.
            second.Release.Set();
            Assert.Equal(Rescan, await time.NextTimerAsync(Rescan));
            time.Advance(Check);
            Assert.Equal(["XenStore (unix socket " + secondServed.SocketPath + ") answers again (it was quiet for up to 60 s)"], AnswersAgain(log));
        }
        finally
        {
            first.Release.Set();
            second.Release.Set();
            await exchange.DisposeAsync();
        }
    }

    private static XenStoreExchangeOptions Options(TemporaryDirectory state, TimeProvider time, Func<CancellationToken, Task<XenStoreClient>> connect) => new()
    {
        DomainPath = "/local/domain/7",
        StateDirectory = state.Path,
        BootId = "test-boot",
        Time = time,
        RescanInterval = Rescan,
        ReconnectDelay = Reconnect,
        Connect = connect,
    };

    private static List<string> Quiet(RecordingLogger<XenStoreExchange> log) =>
        [.. log.At(LogLevel.Warning).Where(message => message.Contains("has not answered", StringComparison.Ordinal))];

    private static List<string> AnswersAgain(RecordingLogger<XenStoreExchange> log) =>
        [.. log.At(LogLevel.Information).Where(message => message.Contains("answers again", StringComparison.Ordinal))];

    /// <summary>
    /// A XenStore that serves everything but holds the reply to the first request of one type (by
    /// default the first listing of <c>data/host</c>, the exchange's start-up scan) until
    /// <see cref="Release"/> is set: then it answers, or, with <c>hangUp</c>, closes the connection instead.
    /// </summary>
    private sealed class WedgedPeer
    {
        private int _held;

        public WedgedPeer(bool hangUp, XenStoreMessageType wedgeFirst = XenStoreMessageType.Directory)
        {
            Scripted = new ScriptedPeer((header, payload) =>
            {
                if (header.Type == XenStoreMessageType.Watch)
                {
                    return ScriptedPeer.AcceptWatch(header, payload);
                }

                var held = header.Type == wedgeFirst
                    && (wedgeFirst != XenStoreMessageType.Directory || Encoding.ASCII.GetString(payload).Contains("data/host", StringComparison.Ordinal))
                    && Interlocked.Exchange(ref _held, 1) == 0;
                if (held)
                {
                    Stuck.TrySetResult();

                    // A guard against hanging the test run, not a measure.
                    Release.Wait(TimeSpan.FromMinutes(1));
                    if (hangUp)
                    {
                        // The peer's loop ends and its connection is closed, unanswered.
                        throw new IOException("the peer hangs up");
                    }
                }

                return header.Type == XenStoreMessageType.Directory
                    ? XenStoreMessage.Encode(header.Type, header.RequestId, 0, [])
                    : XenStoreMessage.Encode(header.Type, header.RequestId, 0, "OK\0"u8);
            });
        }

        public ScriptedPeer Scripted { get; }

        public TaskCompletionSource Stuck { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ManualResetEventSlim Release { get; } = new();
    }
}
