using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Exchanges;
using GuestAgent.Tests.Protocol;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// docs/plugins.md, "Failures": an exchange whose <c>GetRequestAsync</c> returns <c>null</c> has ended, and
/// only its loop stops; the other pairs serve on, also through a request in progress as it ends, and
/// <c>RunAsync</c> returns when every loop has ended or on the stop. Checked with an
/// <see cref="InMemoryExchange"/> that ends (<see cref="InMemoryExchange.Complete"/>) beside a
/// <see cref="LineSocketExchange"/> that does not, and beside another <see cref="InMemoryExchange"/>.
/// </summary>
public sealed class AgentHostEndedExchangeTests
{
    private const string EndedLine = "Exchange 0 (InMemoryExchange) ended: it has no more requests, and its loop stops";

    private static CancellationToken Test => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_exchange_that_ends_stops_its_own_loop_only_and_the_other_serves_on_until_the_stop()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("agent.sock");
        using var commands = new SlowCommand();
        var (logger, ended) = LoggerSeeingTheEnd();
        await using var ending = new InMemoryExchange();
        await using var live = new LineSocketExchange(path);
        var host = new AgentHost(logger: logger).Register(ending, new NovaJsonParser(commands.Registry)).Register(live, new NovaJsonParser(commands.Registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await host.WhenServing.WithinSafetyNet();
        using var client = await LineSocketClient.ConnectAsync(path);

        // A request in progress on the live exchange, and one queued behind it.
        await client.SendAsync("""{"name":"slow"}""");
        await commands.Started.WithinSafetyNet();
        await client.SendAsync("""{"name":"echo"}""");
        await ReceivedAsync(live, 2);

        // The other exchange answers what it was sent, then ends.
        Assert.Equal("""{"returncode":"0","message":"last"}""", (await ending.SendAsync("""{"name":"echo"}""", "last", Test).WithinSafetyNet()).ToJson());
        ending.Complete();
        await ended.WithinSafetyNet();
        // Refused as it is sent (not a failed task): the exchange was completed.
        Assert.Throws<InvalidOperationException>(() => { _ = ending.SendAsync("""{"name":"echo"}""", "too-late", Test); });
        Assert.Equal("1.1", Assert.Single(host.RequestsInProgress).Id);

        // The live exchange serves on: the request in progress as the other ended, the one queued, one sent after.
        commands.Release();
        Assert.Equal("""{"returncode":"0","message":"done"}""", await client.ReadLineAsync());
        Assert.Equal("""{"returncode":"0","message":"1.2"}""", await client.ReadLineAsync());
        await client.SendAsync("""{"name":"echo"}""");
        Assert.Equal("""{"returncode":"0","message":"1.3"}""", await client.ReadLineAsync());
        Assert.False(running.IsCompleted, "RunAsync returned while a loop still served");

        await stop.CancelAsync();
        await running.WithinSafetyNet();

        Assert.True(running.IsCompletedSuccessfully);
        Assert.Equal(["Serving 2 exchange(s)", EndedLine, "Stopped serving"], logger.At(LogLevel.Information));
        Assert.Empty(logger.At(LogLevel.Warning));
        Assert.Empty(logger.At(LogLevel.Error));
        Assert.Empty(host.RequestsInProgress);
    }

    [Fact]
    public async Task A_stop_after_an_exchange_ended_finishes_the_other_ones_request_in_progress_and_refuses_its_queued_one()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("agent.sock");
        using var commands = new SlowCommand();
        var (logger, ended) = LoggerSeeingTheEnd();
        await using var ending = new InMemoryExchange();
        await using var live = new LineSocketExchange(path);
        var host = new AgentHost(logger: logger).Register(ending, new NovaJsonParser(commands.Registry)).Register(live, new NovaJsonParser(commands.Registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await host.WhenServing.WithinSafetyNet();
        using var busy = await LineSocketClient.ConnectAsync(path);
        using var other = await LineSocketClient.ConnectAsync(path);
        await busy.SendAsync("""{"name":"slow"}""");
        await commands.Started.WithinSafetyNet();
        ending.Complete();
        await ended.WithinSafetyNet();
        await other.SendAsync("""{"name":"echo"}""");
        await ReceivedAsync(live, 2);

        await stop.CancelAsync();
        // Refused at the stop while the request in progress still runs; the host waits for that one.
        Assert.Equal(LineSocketExchange.Refusal, await other.ReadLineAsync());
        Assert.False(running.IsCompleted, "RunAsync returned before the request in progress was answered");
        commands.Release();
        await running.WithinSafetyNet();

        Assert.True(running.IsCompletedSuccessfully);
        Assert.Equal("""{"returncode":"0","message":"done"}""", await busy.ReadLineAsync());
        // The ended exchange hears of the stop too: what is sent to it now is refused as not run.
        await Assert.ThrowsAsync<OperationCanceledException>(() => ending.SendAsync("""{"name":"echo"}""", "after-stop", Test));
        Assert.Equal(["Serving 2 exchange(s)", EndedLine, "Stopped serving"], logger.At(LogLevel.Information));
        Assert.Empty(logger.At(LogLevel.Warning));
        Assert.Empty(logger.At(LogLevel.Error));
    }

    [Fact]
    public async Task Without_a_stop_RunAsync_returns_once_the_last_loop_has_ended_not_the_first()
    {
        using var commands = new SlowCommand();
        var (logger, ended) = LoggerSeeingTheEnd();
        await using var ending = new InMemoryExchange();
        await using var last = new InMemoryExchange();
        var host = new AgentHost(logger: logger).Register(ending, new NovaJsonParser(commands.Registry)).Register(last, new NovaJsonParser(commands.Registry));
        var running = host.RunAsync(CancellationToken.None);
        var slow = last.SendAsync("""{"name":"slow"}""", "slow", Test);
        await commands.Started.WithinSafetyNet();

        ending.Complete();
        await ended.WithinSafetyNet();
        Assert.False(running.IsCompleted, "RunAsync returned while a loop still served");
        commands.Release();
        Assert.Equal("""{"returncode":"0","message":"done"}""", (await slow.WithinSafetyNet()).ToJson());
        Assert.Equal("""{"returncode":"0","message":"next"}""", (await last.SendAsync("""{"name":"echo"}""", "next", Test).WithinSafetyNet()).ToJson());
        Assert.False(running.IsCompleted, "RunAsync returned while a loop still served");
        last.Complete();
        await running.WithinSafetyNet();

        Assert.True(running.IsCompletedSuccessfully);
        Assert.Equal(
            ["Serving 2 exchange(s)", EndedLine, "Exchange 1 (InMemoryExchange) ended: it has no more requests, and its loop stops", "Stopped serving"],
            logger.At(LogLevel.Information));
    }

    private static (RecordingLogger<AgentHost> Logger, Task Ended) LoggerSeeingTheEnd()
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var logger = new RecordingLogger<AgentHost>
        {
            Logged = (_, message) =>
            {
                if (message == EndedLine)
                {
                    ended.TrySetResult();
                }
            },
        };
        return (logger, ended.Task);
    }

    private static async Task ReceivedAsync(LineSocketExchange exchange, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await exchange.Received.ReadAsync(Test).AsTask().WithinSafetyNet();
        }
    }

    /// <summary><c>slow</c>, which answers once released, and <c>echo</c>, which answers its request's id.</summary>
    private sealed class SlowCommand : IDisposable
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SlowCommand() =>
            Registry = new FakeRegistry()
                .Add("slow", async (_, _) =>
                {
                    _started.TrySetResult();
                    await _release.Task;
                    return CommandResult.Ok("done");
                })
                .Add("echo", (_, context) => new(CommandResult.Ok(context.RequestId)));

        public FakeRegistry Registry { get; }

        public Task Started => _started.Task;

        public void Release() => _release.TrySetResult();

        // A test that fails midway leaves no command waiting.
        public void Dispose() => _release.TrySetResult();
    }
}
