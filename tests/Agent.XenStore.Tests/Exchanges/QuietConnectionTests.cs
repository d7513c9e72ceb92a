using System.Text;
using GuestAgent.Exchanges;
using GuestAgent.Testing;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;
using Microsoft.Extensions.Logging;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// A XenStore that goes quiet once the exchange serves (connected, never broken, one request never
/// answered: a wedged xenstored) is warned about, on a manual clock, and its answers coming back are said.
/// </summary>
public sealed class QuietConnectionTests
{
    private static readonly TimeSpan Rescan = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Check = QuietXenStoreCheck.CheckInterval;

    [Fact]
    public async Task A_request_never_answered_is_warned_about_once_then_reminded_and_its_answer_is_said()
    {
        // The peer serves the set-up (watch, the first listing of data/host) and then wedges on the
        // next request, whatever it is, until the test releases it: a xenstored that wedges, then
        // recovers. Not on the next listing of data/host: the first scan starts the response sweep on
        // a task of its own, whose listing of data/guest can reach the peer before the rescan's, and
        // its reply, answered before the wedge but read by the client only after the test's first
        // look, would count as the peer speaking between two looks. Every reply sent before the wedge
        // answers a request the pump waited for before sending another (the sweep starts after the
        // first listing's reply), so all are counted by the time the wedged request is sent.
        var served = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        await using var peer = new ScriptedPeer((header, payload) =>
        {
            // The peer answers one request at a time, so the first one after the set-up is the only one held.
            if (served.Task.IsCompleted && stuck.TrySetResult())
            {
                // A guard against hanging the test run, not a measure.
                release.Wait(TimeSpan.FromMinutes(1));
            }

            switch (header.Type)
            {
                case XenStoreMessageType.Watch:
                    return ScriptedPeer.AcceptWatch(header, payload);
                case XenStoreMessageType.Directory when Encoding.ASCII.GetString(payload).Contains("data/host", StringComparison.Ordinal):
                    served.TrySetResult();
                    return XenStoreMessage.Encode(header.Type, header.RequestId, 0, []);
                case XenStoreMessageType.Directory:
                    return XenStoreMessage.Encode(header.Type, header.RequestId, 0, []);
                default:
                    return XenStoreMessage.Encode(header.Type, header.RequestId, 0, "OK\0"u8);
            }
        });
        using var state = new TemporaryDirectory("gaxs-quiet-");
        var time = new RecordingTimeProvider();
        var log = new RecordingLogger<XenStoreExchange>();
        var exchange = new XenStoreExchange(
            new XenStoreExchangeOptions
            {
                Endpoint = peer.SocketPath,
                DomainPath = "/local/domain/7",
                StateDirectory = state.Path,
                BootId = "test-boot",
                Time = time,
                RescanInterval = Rescan,
            },
            log);
        try
        {
            await exchange.StartAsync(TestContext.Current.CancellationToken);
            await served.Task.WaitAsync(TestContext.Current.CancellationToken);

            // Each wait for an event sets a rescan 10 s ahead: the first, for the initial event, came
            // before the served listing; the second after its reply. That rescan's listing is held (or
            // waits behind the sweep's, held): either way a request waits from 10 s on and nothing is answered.
            Assert.Equal(Rescan, await time.NextTimerAsync(Rescan));
            Assert.Equal(Rescan, await time.NextTimerAsync(Rescan));
            time.Advance(Rescan);
            await stuck.Task.WaitAsync(TestContext.Current.CancellationToken);

            // The first check (30 s) sees a request waiting: not yet a warning, it may have just been sent.
            time.Advance(Check - Rescan);
            Assert.Empty(Quiet(log));

            // The next sees it still waiting and no reply since: one warning.
            time.Advance(Check);
            Assert.Equal(["XenStore (unix socket " + peer.SocketPath + ") has not answered for 30 s: xenstored may be wedged; requests wait until it answers"], Quiet(log));

            // No more until the reminder, 10 minutes after the warning (at 660 s).
            for (var elapsed = 3 * Check; elapsed < TimeSpan.FromSeconds(660); elapsed += Check)
            {
                time.Advance(Check);
            }

            Assert.Single(Quiet(log));
            time.Advance(Check);
            Assert.Equal(2, Quiet(log).Count);
            Assert.StartsWith("XenStore (unix socket " + peer.SocketPath + ") still has not answered, for 630 s now: ", Quiet(log)[1], StringComparison.Ordinal);
            Assert.DoesNotContain(log.At(LogLevel.Information), message => message.Contains("answers again", StringComparison.Ordinal));

            // The reply comes: the exchange goes back to waiting for events (a new rescan timer), and the next check says so.
            release.Set();
            Assert.Equal(Rescan, await time.NextTimerAsync(Rescan));
            time.Advance(Check);
            Assert.Single(log.At(LogLevel.Information), message => message == "XenStore (unix socket " + peer.SocketPath + ") answers again (it was quiet for up to 660 s)");
            Assert.Equal(2, Quiet(log).Count);
            Assert.Equal(1, exchange.Connections);
        }
        finally
        {
            release.Set();
            await exchange.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_idle_connection_is_not_warned_about()
    {
        // Answered at once, then nothing asked: a reply count that stands still with no request
        // waiting is an idle agent, not a quiet XenStore.
        await using var peer = new ScriptedPeer((header, _) => XenStoreMessage.Encode(header.Type, header.RequestId, 0, "OK\0"u8));
        await using var client = await GuestAgent.XenStore.Client.XenStoreClient.ConnectAsync(peer.SocketPath, TestContext.Current.CancellationToken);
        await client.MkdirAsync("data/host", TestContext.Current.CancellationToken);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var log = new RecordingLogger<XenStoreExchange>();
        using var check = new QuietXenStoreCheck(() => client, log, time, XenStoreExchange.RepeatedWarningInterval);

        for (var look = 0; look < 4; look++)
        {
            time.Advance(Check);
        }

        Assert.Equal((1L, false), client.Activity);
        Assert.Empty(log.Entries);
    }

    private static List<string> Quiet(RecordingLogger<XenStoreExchange> log) =>
        [.. log.At(LogLevel.Warning).Where(message => message.Contains("answered", StringComparison.Ordinal))];
}
