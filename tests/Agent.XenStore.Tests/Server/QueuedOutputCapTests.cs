using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using GuestAgent.Testing;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// <see cref="XenStoreServerOptions.MaxQueuedBytesPerConnection"/> set low (64 KiB): a client that
/// stops reading is cut off once its queued output would pass the cap, the queue never held more,
/// and the other clients (the Xen project's tools among them) are served and lose nothing. The
/// slow readers are raw sockets: libxenstore and pyxs read their socket on a thread of their own
/// whatever the program does, so neither can be made to stop reading.
/// </summary>
public sealed class QueuedOutputCapTests : IAsyncLifetime
{
    private const long Cap = 64 * 1024;
    private const string BigNode = "/big";
    private const int BigValueSize = 4000;

    /// <summary>The largest message there is: the most by which the cap can be short of being reached when it cuts a client off.</summary>
    private const long LargestMessage = XenStoreLimits.HeaderSize + XenStoreLimits.PayloadMax;

    private readonly OutputHighWater _peak = new();
    private readonly EmbeddedXenStore _store;

    public QueuedOutputCapTests() => _store = new(new XenStoreServerOptions { MaxQueuedBytesPerConnection = Cap }, _peak);

    public ValueTask InitializeAsync()
    {
        _store.Server.Write(BigNode, Encoding.ASCII.GetBytes(new string('x', BigValueSize)));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task A_client_pipelining_reads_it_never_collects_is_cut_off_at_the_configured_cap()
    {
        // 40,000 replies of 4016 bytes would be 160 MB, 2,500 times the cap.
        using var hog = await RawConnection.ConnectAsync(_store.Dom0Socket);
        var (_, refused) = await hog.PipelineReadsWithoutReadingAsync(BigNode, requests: 40_000);

        Assert.True(refused is not null, "the server took every request of a client that never read a reply");

        // The queue reached the cap (the next reply would have passed it) and never went beyond.
        Assert.InRange(_peak.Bytes, Cap - LargestMessage + 1, Cap);
        Assert.Equal(new string('x', BigValueSize), (await XenStoreTools.SucceedAsync(_store.Dom0Socket, "xenstore-read", BigNode)).TrimEnd('\n'));
    }

    [Fact]
    public async Task A_watcher_that_never_collects_its_events_is_cut_off_and_a_watcher_that_reads_gets_every_event()
    {
        // The slow watcher's events are about 2 KB (a 2,000-byte token): 2,000 of them are 4 MB,
        // far more than the cap and the server's socket buffer hold.
        const int writes = 2_000;
        using var slow = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await slow.SendAsync(XenStoreMessageType.Watch, 1, "/w\0" + new string('t', 2000) + "\0");

        // xenstore-watch prints each event's path; its first line is the initial event, after which
        // its watch is registered. It ends after writes + 1 events.
        var tool = ExternalTool.Require("xenstore-watch", "xenstore-utils");
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-n", (writes + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "/w" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["XENSTORED_PATH"] = _store.Dom0Socket;
        using var reader = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Assert.Equal("/w", await reader.StandardOutput.ReadLineAsync(timeout.Token));
        var printed = reader.StandardOutput.ReadToEndAsync(timeout.Token);

        await using (var writer = await _store.Dom0Async())
        {
            for (var i = 0; i < writes; i++)
            {
                await writer.WriteAsync("/w/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "v");
            }
        }

        // Every event, in order, to the watcher that reads.
        var expected = Enumerable.Range(0, writes).Select(i => "/w/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, (await printed).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await reader.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, reader.ExitCode);

        // The slow watcher: what its socket already held, then the end of the connection.
        var received = 0;
        while (await slow.ReceiveAsync() is not null)
        {
            received++;
        }

        Assert.InRange(received, 1, writes);
        Assert.InRange(_peak.Bytes, Cap - LargestMessage + 1, Cap);
    }

    [Fact]
    public async Task A_cap_below_one_message_of_the_largest_size_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new XenStoreServer(new XenStoreServerOptions { MaxQueuedBytesPerConnection = LargestMessage - 1 }));

        // One message of the largest size is enough to serve a client that reads.
        await using var store = new EmbeddedXenStore(new XenStoreServerOptions { MaxQueuedBytesPerConnection = LargestMessage });
        store.Server.Write(BigNode, Encoding.ASCII.GetBytes(new string('y', XenStoreLimits.PayloadMax)));
        await using var client = await store.Dom0Async();
        Assert.Equal(XenStoreLimits.PayloadMax, (await client.ReadAsync(BigNode)).Length);
    }
}
