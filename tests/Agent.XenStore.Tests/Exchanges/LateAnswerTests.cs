using System.Text;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.XenStore.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// docs/plugins.md, "Stopping": a command that ignores its token outlives <c>RunAsync</c>, and its answer
/// reaches <c>PutResponseAsync</c> after the application disposed the exchange. The XenStore exchange then
/// journals it (a durable answer is delivered by the agent's next start, without running the request
/// again), writes nothing on the closed connection, and throws <see cref="ObjectDisposedException"/> with a
/// message that says where the answer went: the host logs that message as the undelivered response.
/// </summary>
public sealed class LateAnswerTests
{
    private const string Kept = "The XenStore exchange was disposed before the answer reached XenStore; it is kept in the response journal, so the agent's next start in this boot answers the request with it if the host still waits";

    private const string Lost = "The XenStore exchange was disposed before the answer reached XenStore; it was kept in memory only (bound to the session, or the journal cannot be written), so it is lost, and the agent's next start runs the request again if the host still waits";

    private static CancellationToken Test => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_answer_after_disposal_is_journaled_not_written_and_the_next_start_delivers_it_without_running_again()
    {
        await using var harness = new ExchangeHarness();
        var request = """{"name":"echo","value":"late"}""";
        harness.Store.Server.Write($"{Requests}/late", Encoding.UTF8.GetBytes(request));
        var exchange = NewExchange(harness);
        await exchange.StartAsync(Test);
        var taken = await exchange.GetRequestAsync(Test);
        await exchange.DisposeAsync();

        // Whatever the caller's token: the host's is past its delivery deadline by then, cancelled.
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        foreach (var token in new[] { CancellationToken.None, cancelled.Token })
        {
            var refused = await Assert.ThrowsAsync<ObjectDisposedException>(() =>
                exchange.PutResponseAsync(taken!, new AgentResponse("0", "late"), token).AsTask().WithinSafetyNet());
            Assert.Equal(Kept, refused.Message);
        }

        Assert.Null(harness.Store.Server.TryRead($"{Responses}/late"));
        Assert.Equal(request, Encoding.UTF8.GetString(harness.Store.Server.TryRead($"{Requests}/late")!));
        Assert.Equal("""{"returncode":"0","message":"late"}""", harness.JournaledResponse("late"));

        await harness.StartAgentAsync(bootId: "test-boot");
        var responses = await harness.WaitForResponsesAsync(["late"]);
        Assert.Equal("""{"returncode":"0","message":"late"}""", responses["late"]);
        Assert.False(harness.Registry.Runs.ContainsKey("late"));
        Assert.Equal(1, harness.Exchange!.AnsweredFromJournal);
    }

    [Fact]
    public async Task An_answer_bound_to_the_session_after_disposal_is_said_to_be_lost()
    {
        await using var harness = new ExchangeHarness();
        harness.Store.Server.Write($"{Requests}/late", """{"name":"bound","value":"key"}"""u8.ToArray());
        var exchange = NewExchange(harness);
        await exchange.StartAsync(Test);
        var taken = await exchange.GetRequestAsync(Test);
        await exchange.DisposeAsync();

        var refused = await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            exchange.PutResponseAsync(taken!, new AgentResponse("D0", "key") { BoundToSession = true }, Test).AsTask().WithinSafetyNet());

        Assert.Equal(Lost, refused.Message);
        Assert.Null(harness.Store.Server.TryRead($"{Responses}/late"));
        Assert.False(File.Exists(harness.State.Combine("xenstore-journal")));
    }

    [Fact]
    public async Task An_answer_after_disposal_that_the_journal_cannot_write_is_said_to_be_lost()
    {
        await using var harness = new ExchangeHarness();
        harness.Store.Server.Write($"{Requests}/late", """{"name":"echo","value":"late"}"""u8.ToArray());
        var state = harness.State.Combine("state");
        var exchange = NewExchange(harness, stateDirectory: state);
        await exchange.StartAsync(Test);
        var taken = await exchange.GetRequestAsync(Test);
        await exchange.DisposeAsync();
        // /var gone read-only or full meanwhile: here the state directory swapped for a file.
        Directory.Move(state, harness.State.Combine("moved"));
        await File.WriteAllTextAsync(state, "a file", Test);

        var refused = await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            exchange.PutResponseAsync(taken!, new AgentResponse("0", "late"), Test).AsTask().WithinSafetyNet());

        Assert.Equal(Lost, refused.Message);
        Assert.Null(harness.Store.Server.TryRead($"{Responses}/late"));
        Assert.Equal("a file", await File.ReadAllTextAsync(state, Test));
    }

    [Fact]
    public async Task An_answer_waiting_for_an_unreachable_XenStore_when_the_exchange_is_disposed_says_where_it_went()
    {
        await using var harness = new ExchangeHarness();
        var exchange = new XenStoreExchange(new XenStoreExchangeOptions
        {
            Endpoint = harness.State.Combine("no-xenstore.sock"),
            DomainPath = "/local/domain/7",
            StateDirectory = harness.State.Path,
            BootId = "test-boot",
            ReconnectDelay = TimeSpan.FromMilliseconds(20),
        });
        await exchange.StartAsync(Test);
        var request = new AgentRequest("waiting", """{"name":"echo","value":"late"}"""u8.ToArray(), exchange.Session);
        var delivery = exchange.PutResponseAsync(request, new AgentResponse("0", "late"), CancellationToken.None).AsTask();
        await Task.Delay(100, Test);
        Assert.False(delivery.IsCompleted);

        await exchange.DisposeAsync();

        var refused = await Assert.ThrowsAsync<ObjectDisposedException>(() => delivery.WithinSafetyNet());
        Assert.Equal(Kept, refused.Message);
        Assert.Equal("""{"returncode":"0","message":"late"}""", harness.JournaledResponse("waiting"));
    }

    [Fact]
    public async Task A_late_answer_through_the_host_is_logged_once_as_undelivered_with_where_it_went_and_nothing_goes_unobserved()
    {
        await using var harness = new ExchangeHarness();
        harness.Store.Server.Write($"{Requests}/stuck", """{"name":"echo","value":"late"}"""u8.ToArray());
        using var release = new ReleaseOnDispose();
        var started = harness.Registry.Hold("stuck", release.Task);
        var hostLog = new RecordingLogger<AgentHost>();
        var exchangeLog = new RecordingLogger<XenStoreExchange>();
        var exchange = NewExchange(harness, exchangeLog);
        var time = new FakeTimeProvider();
        var host = new AgentHost(new AgentHostOptions { ShutdownTimeout = TimeSpan.FromSeconds(1), TimeProvider = time }, hostLog)
            .Register(exchange, new NovaJsonParser(harness.Registry));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        await started.WithinSafetyNet();

        // Stopped, and the host's clock moved on until it abandons the command that ignores its token.
        await stop.CancelAsync();
        var deadline = Deadline.After(SafetyNetWaits.SafetyNet);
        while (!running.IsCompleted)
        {
            Assert.False(deadline.HasPassed, "RunAsync never returned");
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10, Test);
        }

        await running;
        await exchange.DisposeAsync();

        var unobserved = await UnobservedTaskExceptions.CollectAsync(
            async () =>
            {
                release.Release();
                while (host.RequestsInProgress.Count > 0)
                {
                    Assert.False(deadline.HasPassed, "the late answer's loop never ended");
                    await Task.Delay(10, Test);
                }
            },
            exception => exception is ObjectDisposedException or OperationCanceledException,
            Test);

        Assert.Empty(unobserved);
        Assert.Equal([$"Request stuck: response could not be delivered (ObjectDisposedException: {Kept})"], hostLog.At(LogLevel.Error));
        Assert.Empty(exchangeLog.At(LogLevel.Error));
        Assert.Null(harness.Store.Server.TryRead($"{Responses}/stuck"));
        Assert.Equal("""{"returncode":"0","message":"late"}""", harness.JournaledResponse("stuck"));
    }

    private static XenStoreExchange NewExchange(ExchangeHarness harness, ILogger<XenStoreExchange>? logger = null, string? stateDirectory = null) =>
        new(new XenStoreExchangeOptions
        {
            Endpoint = harness.Store.GuestSocket,
            StateDirectory = stateDirectory ?? harness.State.Path,
            BootId = "test-boot",
        }, logger);

    /// <summary>The held command's release, given at the latest when the test ends so nothing stays stuck.</summary>
    private sealed class ReleaseOnDispose : IDisposable
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task => _release.Task;

        public void Release() => _release.TrySetResult();

        public void Dispose() => Release();
    }
}
