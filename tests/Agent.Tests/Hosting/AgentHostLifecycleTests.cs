using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Tests.Protocol;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// A host is set up, then run once: it refuses an exchange registered once it runs, a second run,
/// and a run with nothing to serve, each with a line that says which.
/// </summary>
public sealed class AgentHostLifecycleTests
{
    [Fact]
    public async Task Once_running_it_refuses_another_exchange_and_a_second_run()
    {
        await using var exchange = new InMemoryExchange();
        await using var late = new InMemoryExchange();
        var host = new AgentHost().Register(exchange, new NovaJsonParser(new FakeRegistry()));
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        try
        {
            await host.WhenServing.WaitAsync(TestContext.Current.CancellationToken);

            var registering = Assert.Throws<InvalidOperationException>(() => host.Register(late, new NovaJsonParser(new FakeRegistry())));
            Assert.Equal("Register every exchange before the host runs.", registering.Message);

            // Refused before anything starts: the task has already failed.
            var second = host.RunAsync(stop.Token);
            Assert.True(second.IsFaulted);
            var rerun = await Assert.ThrowsAsync<InvalidOperationException>(() => second);
            Assert.Equal("The host is already running.", rerun.Message);
        }
        finally
        {
            await stop.CancelAsync();
        }

        await running;
    }

    [Fact]
    public async Task A_host_with_no_exchange_refuses_to_run()
    {
        var host = new AgentHost();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.RunAsync(CancellationToken.None));

        Assert.Equal("No exchange is registered.", failure.Message);
        Assert.False(host.WhenServing.IsCompleted);
    }
}
