using GuestAgent.Exchanges;
using GuestAgent.Testing;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// Reconnecting on a manual clock: the delays the exchange asks its clock for, and what it logs,
/// when XenStore is unreachable, drops every connection at once, or drops a connection that served.
/// </summary>
public sealed class ReconnectTests
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_peer_that_drops_every_connection_at_once_is_retried_ever_more_slowly()
    {
        using var directory = new TemporaryDirectory("gaxs-peer-");
        using var peer = new DroppingPeer(directory.Combine("xs.sock"));
        var time = new RecordingTimeProvider();
        var log = new RecordingLogger<XenStoreExchange>();
        await using var exchange = new XenStoreExchange(Options(peer.Path, directory, time), log);
        await exchange.StartAsync(TestContext.Current.CancellationToken);

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 9; i++)
        {
            delays.Add(await time.NextTimerAsync(Longest));
            if (i < 8)
            {
                time.Advance(delays[^1]);
            }
        }

        Assert.Equal(
            new[] { 100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000 }.Select(ms => TimeSpan.FromMilliseconds(ms)),
            delays);
        Assert.Equal(9, exchange.Connections);
        Assert.Equal(9, peer.Accepted);
        // One warning for the whole streak; the repeats at debug level.
        Assert.Single(log.At(LogLevel.Warning));
        Assert.Equal(8, log.At(LogLevel.Debug).Count(message => message.StartsWith("XenStore exchange connection failed again", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_connection_failing_for_changing_reasons_is_one_condition_warned_about_once()
    {
        // Every other connection is dropped at once (a lost connection) or garbled (a header
        // announcing a payload over XenStore's limit: a protocol error). Still one condition, "no
        // working connection": one warning, and each repeat names its own reason at debug level.
        using var directory = new TemporaryDirectory("gaxs-peer-");
        using var dropping = new DroppingPeer(directory.Combine("drop.sock"));
        using var garbling = new DroppingPeer(directory.Combine("garble.sock"), [.. new byte[12], .. BitConverter.GetBytes(5000u)]);
        var time = new RecordingTimeProvider();
        var log = new RecordingLogger<XenStoreExchange>();
        var attempts = 0;
        await using var exchange = new XenStoreExchange(
            new XenStoreExchangeOptions
            {
                DomainPath = "/local/domain/7",
                StateDirectory = directory.Combine("state"),
                BootId = "test-boot",
                Time = time,
                ReconnectDelay = First,
                MaxReconnectDelay = Longest,
                Connect = token => XenStoreClient.ConnectAsync(Interlocked.Increment(ref attempts) % 2 == 1 ? dropping.Path : garbling.Path, token),
            },
            log);
        await exchange.StartAsync(TestContext.Current.CancellationToken);

        for (var i = 0; i < 6; i++)
        {
            var delay = await time.NextTimerAsync(Longest);
            if (i < 5)
            {
                time.Advance(delay);
            }
        }

        Assert.Single(log.At(LogLevel.Warning));
        var repeats = log.At(LogLevel.Debug).Where(message => message.StartsWith("XenStore exchange connection failed again", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, repeats.Count);
        Assert.Contains(repeats, message => message.Contains("(XenStoreProtocolException: ", StringComparison.Ordinal));
        Assert.Contains(repeats, message => message.Contains("(XenStoreConnectionException: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_backoff_starts_over_after_a_connection_that_served()
    {
        await using var harness = new ExchangeHarness();
        var time = new RecordingTimeProvider();
        var log = new RecordingLogger<XenStoreExchange>();
        await harness.StartAgentAsync(time: time, logger: log);
        harness.Store.Server.Write($"{Requests}/first", """{"name":"echo","value":"1"}"""u8);
        await harness.WaitForResponsesAsync(["first"]);
        // The request's node is gone from the store before the exchange has read the reply to its
        // removal; a connection dropped in between interrupts that delivery (a warning of its own).
        await WaitUntilAsync(() => log.At(LogLevel.Debug).Any(message => message.StartsWith("XenStore request first answered", StringComparison.Ordinal)));

        // The harness's delays: 20 ms doubling to 200 ms. Each time the connection is dropped after
        // it served (a request answered, "serving again" logged), the delay is the first one again.
        // The delay is read from the pump's own warning, not from the clock's list of timers: a
        // delivery or read that meets the dropped connection waits on a timer of the same length
        // too, and taking one of those for the pump's left the pump waiting on a clock no one moved.
        var delays = new List<TimeSpan>();
        for (var round = 1; round <= 3; round++)
        {
            harness.Store.Server.Disconnect(EmbeddedXenStore.GuestDomain);
            await WaitUntilAsync(() => log.At(LogLevel.Warning).Count == round);
            var delay = ReconnectDelayOf(log.At(LogLevel.Warning)[^1]);
            delays.Add(delay);
            await AdvanceUntilAsync(time, delay, () => ServedAgain(log) == round);
        }

        harness.Store.Server.Write($"{Requests}/last", """{"name":"echo","value":"2"}"""u8);
        await harness.WaitForResponsesAsync(["last"]);
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromMilliseconds(20), 3), delays);
        Assert.Equal(4, harness.Exchange!.Connections);
        Assert.Equal(3, log.At(LogLevel.Warning).Count);
        Assert.All(log.At(LogLevel.Warning), warning => Assert.StartsWith("XenStore exchange lost its connection (", warning, StringComparison.Ordinal));
    }

    [Fact]
    public async Task XenStore_unreachable_for_long_is_warned_about_once_with_a_reminder_then_its_end_is_logged()
    {
        using var directory = new TemporaryDirectory("gaxs-gone-");
        var socket = directory.Combine("xs.sock");
        var time = new RecordingTimeProvider();
        var log = new RecordingLogger<XenStoreExchange>();
        await using var exchange = new XenStoreExchange(Options(socket, directory, time), log);
        await exchange.StartAsync(TestContext.Current.CancellationToken);

        // Eleven minutes on the exchange's clock without XenStore. A delay is advanced only once the
        // next is known, so no attempt is under way when the server appears.
        var delay = await time.NextTimerAsync(Longest);
        var failures = 1;
        var elapsed = TimeSpan.Zero;
        while (elapsed < TimeSpan.FromMinutes(11))
        {
            time.Advance(delay);
            elapsed += delay;
            delay = await time.NextTimerAsync(Longest);
            failures++;
        }

        await using var server = new XenStoreServer();
        server.Listen(socket, XenStoreIdentity.Guest(7));
        server.CreateGuestDomain(7);
        time.Advance(delay);
        elapsed += delay;
        await WaitUntilAsync(() => log.At(LogLevel.Information).Any(message => message.StartsWith("XenStore exchange serving again", StringComparison.Ordinal)));

        var warnings = log.At(LogLevel.Warning);
        Assert.Equal(2, warnings.Count);
        // It never had a connection: nothing was "lost".
        Assert.StartsWith("XenStore exchange cannot connect (XenStoreConnectionException: ", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("XenStore exchange still without a working connection (XenStoreConnectionException: ", warnings[1], StringComparison.Ordinal);
        Assert.Contains(" minutes); retrying every 5000 ms", warnings[1], StringComparison.Ordinal);
        Assert.Equal(failures - 2, log.At(LogLevel.Debug).Count(message => message.StartsWith("XenStore exchange connection failed again", StringComparison.Ordinal)));
        Assert.EndsWith(FormattableString.Invariant($"after {failures} failures over {elapsed.TotalSeconds:0.#} s"), log.At(LogLevel.Information).Single(message => message.StartsWith("XenStore exchange serving again", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private static int ServedAgain(RecordingLogger<XenStoreExchange> log) =>
        log.At(LogLevel.Information).Count(message => message.StartsWith("XenStore exchange serving again", StringComparison.Ordinal));

    private static TimeSpan ReconnectDelayOf(string warning)
    {
        var match = System.Text.RegularExpressions.Regex.Match(warning, @"; reconnecting in (\d+) ms ");
        Assert.True(match.Success, warning);
        return TimeSpan.FromMilliseconds(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Moves the clock on by <paramref name="step"/> until <paramref name="condition"/> holds: the timer it waits for may not exist yet when the clock first moves.</summary>
    private static async Task AdvanceUntilAsync(RecordingTimeProvider time, TimeSpan step, Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            time.Advance(step);
            await Task.Delay(20, timeout.Token);
        }
    }

    private static XenStoreExchangeOptions Options(string endpoint, TemporaryDirectory directory, TimeProvider time) => new()
    {
        Endpoint = endpoint,
        DomainPath = "/local/domain/7",
        StateDirectory = directory.Combine("state"),
        BootId = "test-boot",
        Time = time,
        ReconnectDelay = First,
        MaxReconnectDelay = Longest,
    };
}
