using System.Text;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>Hostile and broken input never takes the server down or disturbs other clients.</summary>
public sealed class RobustnessTests : IAsyncLifetime
{
    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Random_frames_from_many_clients_leave_the_server_serving()
    {
        var random = new Random(1234);
        for (var client = 0; client < 40; client++)
        {
            using var raw = await RawConnection.ConnectAsync(client % 2 == 0 ? _store.Dom0Socket : _store.GuestSocket);
            var bytes = new byte[random.Next(1, 600)];
            random.NextBytes(bytes);
            if (client % 3 == 0)
            {
                // A plausible header with a random type and a small length, then garbage.
                new XenStoreHeader((XenStoreMessageType)random.Next(0, 40), (uint)client, 0, (uint)Math.Min(bytes.Length - 16, 200)).Write(bytes);
            }

            await raw.SendBytesAsync(bytes);

            // Wait until the server has read all of it (and closed the connection), or the check
            // below could run before the garbage did.
            await raw.FinishAsync();
        }

        await AssertStillServesAsync();
    }

    [Fact]
    public async Task Truncated_frames_wait_for_the_rest_without_blocking_others()
    {
        using var slow = await RawConnection.ConnectAsync(_store.Dom0Socket);
        var message = XenStoreMessage.Encode(XenStoreMessageType.Write, 5, 0, XenStorePayload.PathAndValue("/split", "abc"u8));

        await slow.SendBytesAsync(message[..7]);
        await AssertStillServesAsync();
        await slow.SendBytesAsync(message[7..20]);
        await AssertStillServesAsync();
        await slow.SendBytesAsync(message[20..]);

        var (header, payload) = await slow.ReplyAsync(5);
        Assert.Equal(XenStoreMessageType.Write, header.Type);
        Assert.Equal("OK\0", payload);
        Assert.Equal("abc"u8.ToArray(), _store.Server.TryRead("/split"));
    }

    [Fact]
    public async Task A_message_cut_short_by_the_client_closing_is_dropped_unanswered()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        var message = XenStoreMessage.Encode(XenStoreMessageType.Write, 5, 0, XenStorePayload.PathAndValue("/cut", "abcdef"u8));

        // The header and part of the payload, then the end of the stream: as C xenstored, nothing of
        // it is applied and nothing answered (a zero-filled rest would be a write of "/cut").
        await raw.SendBytesAsync(message[..(message.Length - 3)]);

        Assert.Equal(0, await raw.FinishAsync());
        Assert.Null(_store.Server.TryRead("/cut"));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task An_oversized_length_closes_only_that_connection()
    {
        using var bad = await RawConnection.ConnectAsync(_store.Dom0Socket);
        var header = new byte[16];
        new XenStoreHeader(XenStoreMessageType.Read, 1, 0, 4097).Write(header);

        await bad.SendBytesAsync(header);

        Assert.Null(await bad.ReceiveAsync());
        await AssertStillServesAsync();
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-nul")]
    [InlineData("/a//b\0")]
    [InlineData("/trailing/\0")]
    [InlineData("/sp ace\0")]
    [InlineData("/two\0args\0")]
    [InlineData("@introduceDomain\0")]
    public async Task Invalid_paths_get_EINVAL(string payload)
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);

        await raw.SendAsync(XenStoreMessageType.Read, 9, payload);

        var (header, reply) = await raw.ReplyAsync(9);
        Assert.Equal(XenStoreMessageType.Error, header.Type);
        Assert.Equal("EINVAL\0", reply);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(20u)]
    [InlineData(23u)]
    [InlineData(99u)]
    [InlineData(65535u)]
    public async Task Unknown_types_get_ENOSYS_with_ids_echoed(uint type)
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);

        await raw.SendAsync((XenStoreMessageType)type, 77, 0, "x\0"u8.ToArray());

        var (header, reply) = await raw.ReplyAsync(77);
        Assert.Equal(XenStoreMessageType.Error, header.Type);
        Assert.Equal(77u, header.RequestId);
        Assert.Equal("ENOSYS\0", reply);
    }

    [Fact]
    public async Task Events_are_queued_before_the_reply_that_caused_them()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.SendAsync(XenStoreMessageType.Watch, 1, "/ev\0tok\0");
        Assert.Equal(XenStoreMessageType.Watch, (await raw.ReceiveAsync())!.Value.Header.Type);
        var initial = (await raw.ReceiveAsync())!.Value;
        Assert.Equal(XenStoreMessageType.WatchEvent, initial.Header.Type);
        Assert.Equal("/ev\0tok\0", Encoding.Latin1.GetString(initial.Payload));

        await raw.SendAsync(XenStoreMessageType.Write, 2, 0, XenStorePayload.PathAndValue("/ev/x", "1"u8));

        var first = (await raw.ReceiveAsync())!.Value;
        var second = (await raw.ReceiveAsync())!.Value;
        Assert.Equal(XenStoreMessageType.WatchEvent, first.Header.Type);
        Assert.Equal(0u, first.Header.RequestId);
        Assert.Equal("/ev/x\0tok\0", Encoding.Latin1.GetString(first.Payload));
        Assert.Equal(XenStoreMessageType.Write, second.Header.Type);
        Assert.Equal(2u, second.Header.RequestId);
    }

    [Fact]
    public async Task Interleaved_watch_events_from_a_busy_writer_do_not_disturb_other_clients()
    {
        using var watcher = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await watcher.SendAsync(XenStoreMessageType.Watch, 1, "/\0all\0");
        await watcher.ReplyAsync(1);

        await using var writer = await _store.Dom0Async();
        var writes = Task.WhenAll(Enumerable.Range(0, 300).Select(i => writer.WriteAsync($"/busy/n{i % 10}", "v")));

        // The watcher never reads its events, yet requests interleaved with them still get replies.
        for (uint id = 10; id < 20; id++)
        {
            await watcher.SendAsync(XenStoreMessageType.Read, id, "/local/domain/7/domid\0");
            var (header, payload) = await watcher.ReplyAsync(id);
            Assert.Equal(XenStoreMessageType.Read, header.Type);
            Assert.Equal("7", payload);
        }

        await writes;
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task Transaction_ids_and_request_ids_are_echoed_exactly()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);
        await raw.SendAsync(XenStoreMessageType.TransactionStart, 0xDEADBEEF, "\0");
        var (started, id) = await raw.ReplyAsync(0xDEADBEEF);
        Assert.Equal(XenStoreMessageType.TransactionStart, started.Type);
        var tx = uint.Parse(id.TrimEnd('\0'), System.Globalization.CultureInfo.InvariantCulture);

        await raw.SendAsync(XenStoreMessageType.Write, 3, tx, XenStorePayload.PathAndValue("/txecho", "1"u8));
        var (written, _) = await raw.ReplyAsync(3);
        Assert.Equal(tx, written.TransactionId);

        await raw.SendAsync(XenStoreMessageType.TransactionEnd, 4, tx, "X\0"u8.ToArray());
        Assert.Equal("EINVAL\0", (await raw.ReplyAsync(4)).Payload);
        await raw.SendAsync(XenStoreMessageType.TransactionEnd, 5, 999, "T\0"u8.ToArray());
        Assert.Equal("ENOENT\0", (await raw.ReplyAsync(5)).Payload);
        await raw.SendAsync(XenStoreMessageType.TransactionStart, 6, tx, "\0"u8.ToArray());
        Assert.Equal("EBUSY\0", (await raw.ReplyAsync(6)).Payload);
    }

    [Fact]
    public async Task Transaction_end_without_a_transaction_checks_its_argument_first_as_C_xenstored_does()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);

        await raw.SendAsync(XenStoreMessageType.TransactionEnd, 1, 0, "X\0"u8.ToArray());
        Assert.Equal("EINVAL\0", (await raw.ReplyAsync(1)).Payload);
        await raw.SendAsync(XenStoreMessageType.TransactionEnd, 2, 0, "T\0"u8.ToArray());
        Assert.Equal("ENOENT\0", (await raw.ReplyAsync(2)).Payload);
        // An unknown id is refused before the argument is looked at.
        await raw.SendAsync(XenStoreMessageType.TransactionEnd, 3, 999, "X\0"u8.ToArray());
        Assert.Equal("ENOENT\0", (await raw.ReplyAsync(3)).Payload);
    }

    [Fact]
    public async Task Domid_self_is_always_introduced()
    {
        using var raw = await RawConnection.ConnectAsync(_store.Dom0Socket);

        await raw.SendAsync(XenStoreMessageType.IsDomainIntroduced, 1, "32752\0");
        Assert.Equal("T\0", (await raw.ReplyAsync(1)).Payload);
        await raw.SendAsync(XenStoreMessageType.IsDomainIntroduced, 2, "32751\0");
        Assert.Equal("F\0", (await raw.ReplyAsync(2)).Payload);
    }

    private async Task AssertStillServesAsync()
    {
        await using var client = await _store.Dom0Async();
        var value = Guid.NewGuid().ToString();
        await client.WriteAsync("/health", value);
        Assert.Equal(value, await client.ReadStringAsync("/health"));
    }
}
