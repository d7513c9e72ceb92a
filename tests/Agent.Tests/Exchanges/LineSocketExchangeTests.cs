using GuestAgent.Commands;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Protocol;

namespace GuestAgent.Tests.Exchanges;

/// <summary>
/// docs/plugins.md's contract, checked as its "Testing an exchange" asks, on an exchange written from
/// the page (<see cref="LineSocketExchange"/>) over a real Unix socket: answers in order and to the
/// client that asked, a session per client, queued requests released at the stop (after the answer in
/// progress on the same connection), and disposal closing the transport.
/// </summary>
public sealed class LineSocketExchangeTests
{
    private static CancellationToken Test => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_client_gets_its_own_answers_in_order_and_its_own_session()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("agent.sock");
        await using var exchange = new LineSocketExchange(path);
        var host = new AgentHost().Register(exchange, new NovaJsonParser(Commands()));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await host.WhenServing.WithinSafetyNet();

        using var first = await LineSocketClient.ConnectAsync(path);
        using var second = await LineSocketClient.ConnectAsync(path);
        await first.SendAsync("""{"name":"count"}""", """{"name":"count"}""", """{"name":"count"}""");
        await second.SendAsync("""{"name":"count"}""");

        Assert.Equal(
            ["""{"returncode":"0","message":"1"}""", """{"returncode":"0","message":"2"}""", """{"returncode":"0","message":"3"}"""],
            [await first.ReadLineAsync(), await first.ReadLineAsync(), await first.ReadLineAsync()]);
        // The second client's first request counts from 1: its session is not the first client's.
        Assert.Equal("""{"returncode":"0","message":"1"}""", await second.ReadLineAsync());
        await stop.CancelAsync();
        await running.WithinSafetyNet();
    }

    [Fact]
    public async Task At_the_stop_queued_requests_are_refused_after_the_answer_in_progress_on_their_connection()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("agent.sock");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var exchange = new LineSocketExchange(path);
        var host = new AgentHost().Register(exchange, new NovaJsonParser(Commands().Add("slow", async (_, _) =>
        {
            started.SetResult();
            await release.Task;
            return CommandResult.Ok("done");
        })));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await host.WhenServing.WithinSafetyNet();
        using var busy = await LineSocketClient.ConnectAsync(path);
        using var other = await LineSocketClient.ConnectAsync(path);

        await busy.SendAsync("""{"name":"slow"}""");
        await started.Task.WithinSafetyNet();
        await busy.SendAsync("""{"name":"count"}""");
        await other.SendAsync("""{"name":"count"}""");
        // All three read by the exchange: the last two are queued behind the slow one.
        for (var i = 0; i < 3; i++)
        {
            await exchange.Received.ReadAsync(Test).AsTask().WithinSafetyNet();
        }

        await stop.CancelAsync();
        Assert.Equal(LineSocketExchange.Refusal, await other.ReadLineAsync());
        release.SetResult();
        await running.WithinSafetyNet();

        Assert.Equal(["""{"returncode":"0","message":"done"}""", LineSocketExchange.Refusal], [await busy.ReadLineAsync(), await busy.ReadLineAsync()]);
    }

    [Fact]
    public async Task Disposal_closes_the_transport()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("agent.sock");
        var exchange = new LineSocketExchange(path);
        var host = new AgentHost().Register(exchange, new NovaJsonParser(Commands()));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await host.WhenServing.WithinSafetyNet();
        using var connected = await LineSocketClient.ConnectAsync(path);
        // Answered, so the exchange has accepted the connection: one still in the listener's queue
        // when the listener closes is reset (ECONNRESET), not ended, which is not what this test is about.
        await connected.SendAsync("""{"name":"count"}""");
        Assert.Equal("""{"returncode":"0","message":"1"}""", await connected.ReadLineAsync());

        await stop.CancelAsync();
        await running.WithinSafetyNet();
        await exchange.DisposeAsync().AsTask().WithinSafetyNet();

        Assert.False(File.Exists(path));
        Assert.Null(await connected.ReadLineAsync());
    }

    /// <summary>A command counting the requests of its session.</summary>
    private static FakeRegistry Commands() => new FakeRegistry().Add("count", (_, context) =>
    {
        var counter = context.Session.GetOrAdd(() => new Counter());
        return new(CommandResult.Ok((++counter.Value).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    });

    private sealed class Counter
    {
        public int Value { get; set; }
    }
}
