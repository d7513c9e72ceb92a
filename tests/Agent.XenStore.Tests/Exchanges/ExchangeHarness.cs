using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>An embedded XenStore, a state directory, and an agent host serving a XenStoreExchange as guest 7.</summary>
internal sealed class ExchangeHarness : IAsyncDisposable
{
    private CancellationTokenSource _stop = new();
    private Task? _running;

    /// <param name="maxNodesPerDomain">The guest's node quota; the default is far above a real store's.</param>
    /// <param name="maxNodeSize">The largest record; the default is far above a real store's.</param>
    public ExchangeHarness(int maxNodesPerDomain = 100_000, int maxNodeSize = 1 << 20)
    {
        // The bursts answer a thousand requests at once: more nodes, and a data/guest record with more
        // children's names, than a guest may keep (in service, old responses are swept long before).
        Store = new EmbeddedXenStore(new XenStoreServerOptions { MaxNodesPerDomain = maxNodesPerDomain, MaxNodeSize = maxNodeSize });
        State = new TemporaryDirectory("gaxs-state-");
    }

    public EmbeddedXenStore Store { get; }

    public TemporaryDirectory State { get; }

    public CountingRegistry Registry { get; } = new();

    public XenStoreExchange? Exchange { get; private set; }

    public const string Requests = "/local/domain/7/data/host";

    public const string Responses = "/local/domain/7/data/guest";

    /// <summary>Starts (or restarts, with a fresh exchange over the same state directory) the agent.</summary>
    public async Task StartAgentAsync(bool useWatches = true, int journalCapacity = 1024, string? endpoint = null, string? domainPath = null, string? bootId = null, TimeSpan? responseRetention = null, TimeSpan? rescanInterval = null, Action<string, ReadOnlyMemory<byte>>? replayed = null, Microsoft.Extensions.Logging.ILogger<XenStoreExchange>? logger = null, string? stateDirectory = null, TimeProvider? time = null, IParser? parser = null, Func<string, CancellationToken, Task>? beforeSweepRemoval = null, Microsoft.Extensions.Logging.ILogger<AgentHost>? hostLogger = null, Func<CancellationToken, Task<GuestAgent.XenStore.Client.XenStoreClient>>? connect = null)
    {
        _stop.Dispose();
        _stop = new CancellationTokenSource();
        Exchange = new XenStoreExchange(new XenStoreExchangeOptions
        {
            Endpoint = endpoint ?? Store.GuestSocket,
            DomainPath = domainPath,
            StateDirectory = stateDirectory ?? State.Path,
            UseWatches = useWatches,
            JournalCapacity = journalCapacity,
            BootId = bootId,
            ResponseRetention = responseRetention ?? TimeSpan.FromMinutes(15),
            RescanInterval = rescanInterval ?? TimeSpan.FromSeconds(30),
            Replayed = replayed,
            PollInterval = TimeSpan.FromMilliseconds(50),
            ReconnectDelay = TimeSpan.FromMilliseconds(20),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
            Time = time ?? TimeProvider.System,
            BeforeSweepRemoval = beforeSweepRemoval,
            Connect = connect,
        }, logger);
        var host = new AgentHost(logger: hostLogger).Register(Exchange, parser ?? new NovaJsonParser(Registry));
        _running = host.RunAsync(_stop.Token);
        await host.WhenServing;
    }

    /// <summary>
    /// Starts the agent, has it answer <paramref name="request"/> under <paramref name="id"/> and stops
    /// it, leaving the store as a crash between answering and removing would: the request back, the
    /// response gone.
    /// </summary>
    public async Task AnswerThenRewindAsync(string id, string request, string? bootId = null)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(request);
        await StartAgentAsync(bootId: bootId);
        Store.Server.Write($"{Requests}/{id}", bytes);
        await WaitForResponsesAsync([id]);
        await StopAgentAsync();
        Store.Server.Remove($"{Responses}/{id}");
        Store.Server.Write($"{Requests}/{id}", bytes);
    }

    public async Task StopAgentAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }

        if (Exchange is not null)
        {
            await Exchange.DisposeAsync();
        }

        _running = null;
    }

    /// <summary>
    /// Waits until every id is answered: its response written and its request removed (the only wait
    /// in these tests; bounded only so that a bug fails instead of hanging).
    /// </summary>
    public async Task<Dictionary<string, string>> WaitForResponsesAsync(IReadOnlyCollection<string> ids)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var dom0 = await Store.Dom0Async();
        await using var watch = await dom0.WatchAsync("/local/domain/7/data");
        while (true)
        {
            var answered = new HashSet<string>(Store.Server.TryList(Responses) ?? [], StringComparer.Ordinal);
            answered.ExceptWith(Store.Server.TryList(Requests) ?? []);
            if (ids.All(answered.Contains))
            {
                return ids.ToDictionary(id => id, id => System.Text.Encoding.UTF8.GetString(Store.Server.TryRead(Responses + "/" + id)!));
            }

            await watch.Events.ReadAsync(timeout.Token);
        }
    }

    /// <summary>The response the journal in the state directory holds for <paramref name="id"/> (its latest entry).</summary>
    public string JournaledResponse(string id)
    {
        var line = File.ReadAllLines(State.Combine("xenstore-journal")).Last(l => l.StartsWith(id + "\t", StringComparison.Ordinal));
        return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(line.Split('\t')[2]));
    }

    /// <summary>Waits until <paramref name="condition"/> holds (bounded only so that a bug fails instead of hanging).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAgentAsync();
        await Store.DisposeAsync();
        State.Dispose();
        _stop.Dispose();
    }
}
