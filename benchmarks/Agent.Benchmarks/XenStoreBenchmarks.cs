using System.Globalization;
using BenchmarkDotNet.Attributes;
using GuestAgent.Commands;
using GuestAgent.Exchanges;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Benchmarks;

/// <summary>
/// The XenStore stack against the embedded server on a unix socket: one client round trip (READ of a
/// small value), and requests per second end to end through <see cref="XenStoreExchange"/> (dom0
/// writes <c>data/host/&lt;id&gt;</c>, the agent runs a no-op command, journals, writes
/// <c>data/guest/&lt;id&gt;</c> and removes the request).
/// </summary>
[MemoryDiagnoser]
public class XenStoreBenchmarks
{
    private const int Burst = 100;
    private string _directory = "";
    private XenStoreServer _server = null!;
    private XenStoreClient _client = null!;
    private XenStoreClient _dom0 = null!;
    private XenStoreWatch _responses = null!;
    private XenStoreExchange _exchange = null!;
    private CancellationTokenSource _stop = null!;
    private Task _host = null!;
    private long _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("gaxb-").FullName;
        _server = new XenStoreServer(new XenStoreServerOptions { MaxNodesPerDomain = int.MaxValue });
        _server.Listen(Path.Combine(_directory, "dom0.sock"));
        _server.Listen(Path.Combine(_directory, "guest.sock"), XenStoreIdentity.Guest(7));
        _server.CreateGuestDomain(7);
        _server.Write("/bench/value", "hello"u8);
        _client = await XenStoreClient.ConnectAsync(Path.Combine(_directory, "dom0.sock"));
        _dom0 = await XenStoreClient.ConnectAsync(Path.Combine(_directory, "dom0.sock"));

        _exchange = new XenStoreExchange(new XenStoreExchangeOptions
        {
            Endpoint = Path.Combine(_directory, "guest.sock"),
            StateDirectory = Path.Combine(_directory, "state"),
        });
        _stop = new CancellationTokenSource();
        var host = new AgentHost().Register(_exchange, new NovaJsonParser(new NoOpRegistry()));
        _host = host.RunAsync(_stop.Token);
        await host.WhenServing;
        _responses = await _dom0.WatchAsync("/local/domain/7/data/guest");
        await _responses.Events.ReadAsync(); // the initial event
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _stop.CancelAsync();
        await _host;
        await _exchange.DisposeAsync();
        await _responses.DisposeAsync();
        await _client.DisposeAsync();
        await _dom0.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One READ request and its reply.</summary>
    [Benchmark]
    public Task<byte[]> Client_read_round_trip() => _client.ReadAsync("/bench/value");

    /// <summary>A burst of requests through the exchange, reported per request.</summary>
    [Benchmark(OperationsPerInvoke = Burst)]
    public async Task Exchange_request_end_to_end()
    {
        var batch = new HashSet<string>(StringComparer.Ordinal);
        var writes = new Task[Burst];
        for (var i = 0; i < Burst; i++)
        {
            var id = "b" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
            batch.Add(id);
            writes[i] = _dom0.WriteAsync("/local/domain/7/data/host/" + id, """{"name":"nop","value":""}"""u8.ToArray());
        }

        await Task.WhenAll(writes);
        while (batch.Count > 0)
        {
            var change = await _responses.Events.ReadAsync();
            batch.Remove(change.Path[(change.Path.LastIndexOf('/') + 1)..]);
        }
    }

    /// <summary>A registry with one command that does nothing.</summary>
    private sealed class NoOpRegistry : ICommandRegistry
    {
        public IReadOnlyList<CommandDescriptor> Commands => [];

        public bool TryDispatch(ReadOnlySpan<byte> utf8Name, ReadOnlyMemory<byte> value, in CommandInvocation invocation, out ValueTask<CommandResult> result)
        {
            result = new(CommandResult.Ok());
            return utf8Name.SequenceEqual("nop"u8);
        }
    }
}
