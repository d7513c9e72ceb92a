using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.Tests.Protocol;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// The set-up the stop tests with an exchange deaf to the stop share: a host on a manual clock
/// serving <see cref="Exchange"/> (exchange 0) and, beside it, <see cref="Deaf"/> (exchange 1),
/// running from construction until the test cancels <see cref="Stop"/>.
/// </summary>
internal sealed class HostBesideDeafExchange : IAsyncDisposable
{
    /// <param name="shutdownTimeout">The host's <see cref="AgentHostOptions.ShutdownTimeout"/>.</param>
    /// <param name="registry">The commands <see cref="Exchange"/>'s requests run.</param>
    /// <param name="deafRegistry">The commands a request <see cref="Deaf"/> hands over runs; none when null.</param>
    public HostBesideDeafExchange(TimeSpan shutdownTimeout, FakeRegistry registry, FakeRegistry? deafRegistry = null)
    {
        Host = new AgentHost(new AgentHostOptions { ShutdownTimeout = shutdownTimeout, TimeProvider = Time }, Logger)
            .Register(Exchange, new NovaJsonParser(registry))
            .Register(Deaf, new NovaJsonParser(deafRegistry ?? new FakeRegistry()));
        Running = Host.RunAsync(Stop.Token);
    }

    public RecordingTimeProvider Time { get; } = new();

    public InMemoryExchange Exchange { get; } = new();

    public DeafExchange Deaf { get; } = new();

    public RecordingLogger<AgentHost> Logger { get; } = new();

    public AgentHost Host { get; }

    public CancellationTokenSource Stop { get; } = new();

    public Task Running { get; }

    /// <summary>The finite deadlines set on <paramref name="time"/> since last read, in order.</summary>
    public static List<TimeSpan> Deadlines(RecordingTimeProvider time)
    {
        var deadlines = new List<TimeSpan>();
        while (time.Deadlines.TryRead(out var deadline))
        {
            deadlines.Add(deadline);
        }

        return deadlines;
    }

    public async ValueTask DisposeAsync()
    {
        Stop.Dispose();
        await Exchange.DisposeAsync();
    }
}
