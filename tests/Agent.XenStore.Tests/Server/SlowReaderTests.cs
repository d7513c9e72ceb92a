using System.Net.Sockets;
using System.Text;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>
/// A client that stops reading costs the server a bounded amount of memory: once the replies and
/// events queued for it pass <see cref="XenStoreServerOptions.DefaultMaxQueuedBytesPerConnection"/> it is disconnected, and
/// clients that read what they are sent are unaffected.
/// </summary>
public sealed class SlowReaderTests : IAsyncLifetime
{
    private const string BigNode = "/big";
    private const int BigValueSize = 4000;

    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync()
    {
        _store.Server.Write(BigNode, Encoding.ASCII.GetBytes(new string('x', BigValueSize)));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task A_client_pipelining_reads_it_never_collects_is_disconnected_by_the_byte_cap()
    {
        // 40,000 replies of 4016 bytes are about 160 MB: ten times the byte cap, yet fewer messages
        // than the count cap, so only the byte cap can end this connection. A send completes only once
        // the server has taken in all but a (small, fixed) socket buffer's worth of the requests
        // before it, so by the last one the server has answered far more than the cap's ~4,200 replies.
        const int requests = 40_000;
        using var hog = await RawConnection.ConnectAsync(_store.Dom0Socket);
        var (sent, refused) = await hog.PipelineReadsWithoutReadingAsync(BigNode, requests);

        Assert.True(refused is not null, $"the server still took requests after {sent} unread replies of {BigValueSize} bytes");
        Assert.InRange(sent, XenStoreServerOptions.DefaultMaxQueuedBytesPerConnection / (BigValueSize + XenStoreLimits.HeaderSize), requests - 1);

        await AssertServesBigValueAsync();
    }

    [Fact]
    public async Task A_watcher_that_never_collects_its_events_is_disconnected_and_the_writer_is_not()
    {
        // Events of about 4 KB (a 2,000-byte path and a 2,000-byte token): 8,000 of them are about
        // 32 MB, twice the cap (what the server's socket buffer takes in is not queued), and far
        // fewer messages than the count cap.
        const int writes = 8_000;
        var path = "/w/" + new string('p', 2000);
        var token = new string('t', 2000);

        using var watcher = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await watcher.SendAsync(XenStoreMessageType.Watch, 1, path + "\0" + token + "\0");

        await using (var writer = await _store.Dom0Async())
        {
            // Each WRITE's event is queued for the watcher before the WRITE is answered, so once the
            // last write returns every event has been queued (or the watcher cut off).
            for (var i = 0; i < writes; i++)
            {
                await writer.WriteAsync(path, "v");
            }
        }

        // The watcher now reads: what the socket already held, then the end of the connection.
        // Without the cap every event would be there.
        var received = 0;
        var closed = false;
        while (received < writes + 2)
        {
            if (await watcher.ReceiveAsync() is null)
            {
                closed = true;
                break;
            }

            received++;
        }

        Assert.True(closed, $"the watcher received all {received} messages; the server never cut it off");
        Assert.True(received < writes, $"received {received} of {writes} events before the close");
        await AssertServesBigValueAsync();
    }

    [Fact]
    public async Task A_pipelined_backlog_under_the_cap_is_delivered_in_full()
    {
        // 2,000 maximum-size replies (about 8 MB) requested before the first is read.
        const int requests = 2_000;
        Assert.True(requests * (BigValueSize + XenStoreLimits.HeaderSize) < XenStoreServerOptions.DefaultMaxQueuedBytesPerConnection);

        using var client = await RawConnection.ConnectAsync(_store.Dom0Socket);
        var all = Enumerable.Range(1, requests)
            .SelectMany(id => XenStoreMessage.Encode(XenStoreMessageType.Read, (uint)id, 0, XenStorePayload.Strings(BigNode)))
            .ToArray();
        var sending = client.SendBytesAsync(all);

        for (var id = 1u; id <= requests; id++)
        {
            var (header, payload) = await client.ReplyAsync(id);
            Assert.Equal(XenStoreMessageType.Read, header.Type);
            Assert.Equal(BigValueSize, payload.Length);
        }

        await sending;
    }

    private async Task AssertServesBigValueAsync()
    {
        await using var client = await _store.Dom0Async();
        Assert.Equal(BigValueSize, (await client.ReadAsync(BigNode)).Length);
    }
}
