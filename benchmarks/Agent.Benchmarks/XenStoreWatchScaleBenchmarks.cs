using System.Globalization;
using BenchmarkDotNet.Attributes;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Benchmarks;

/// <summary>
/// What the number of registered watches costs every other request of the embedded server: dom0 has
/// no watch quota, so one client may hold tens of thousands. One connection holds
/// <see cref="Watches"/> watches on distinct paths (<c>/watched/&lt;i&gt;</c>); another writes a node
/// none of them watches (every change is matched against the watches) and registers and removes a
/// watch of its own (WATCH's duplicate check, UNWATCH's look-up).
/// </summary>
[MemoryDiagnoser]
public class XenStoreWatchScaleBenchmarks
{
    private string _directory = "";
    private XenStoreServer _server = null!;
    private XenStoreClient _watcher = null!;
    private XenStoreClient _client = null!;
    private readonly byte[] _value = "v"u8.ToArray();

    /// <summary>How many watches the other connection holds.</summary>
    [Params(100, 20_000)]
    public int Watches { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("gaxw-").FullName;
        _server = new XenStoreServer();
        _server.Listen(Path.Combine(_directory, "dom0.sock"));
        _server.Write("/bench/value", "v"u8);
        _watcher = await XenStoreClient.ConnectAsync(Path.Combine(_directory, "dom0.sock"));
        _client = await XenStoreClient.ConnectAsync(Path.Combine(_directory, "dom0.sock"));
        for (var i = 0; i < Watches; i++)
        {
            await _watcher.WatchAsync("/watched/" + i.ToString(CultureInfo.InvariantCulture));
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _client.DisposeAsync();
        await _watcher.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One WRITE of an unwatched node and its reply.</summary>
    [Benchmark]
    public Task Write_round_trip() => _client.WriteAsync("/bench/value", _value);

    /// <summary>A WATCH (reply and initial event) and its UNWATCH.</summary>
    [Benchmark]
    public async Task Watch_and_unwatch()
    {
        var watch = await _client.WatchAsync("/bench/own");
        await watch.DisposeAsync();
    }
}
