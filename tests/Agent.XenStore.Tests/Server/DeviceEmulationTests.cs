using GuestAgent.Exchanges;
using GuestAgent.Testing;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Server;

/// <summary>The server's kernel-device emulation, and our client and exchange coping with its quirks.</summary>
public sealed class DeviceEmulationTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new("gaxd-");
    private readonly XenStoreServer _server = new();

    private string Device => _directory.Combine("xenbus");

    public ValueTask InitializeAsync()
    {
        _server.Listen(Device, XenStoreIdentity.Guest(7), emulateDevice: true);
        _server.CreateGuestDomain(7);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Events_carry_garbage_ids_and_watch_replies_ids_zero()
    {
        using var raw = await RawConnection.ConnectAsync(Device);

        await raw.SendAsync(XenStoreMessageType.Watch, 41, "data/host\0t\0");

        var reply = (await raw.ReceiveAsync())!.Value;
        var initial = (await raw.ReceiveAsync())!.Value;
        Assert.Equal(XenStoreMessageType.Watch, reply.Header.Type);
        Assert.Equal(0u, reply.Header.RequestId);
        Assert.Equal(XenStoreMessageType.WatchEvent, initial.Header.Type);
        Assert.Equal("data/host\0t\0"u8.ToArray(), initial.Payload);
    }

    [Fact]
    public async Task Every_event_carries_garbage_in_both_ids()
    {
        using var raw = await RawConnection.ConnectAsync(Device);
        await raw.SendAsync(XenStoreMessageType.Watch, 1, "data/host\0t\0");
        var events = new List<XenStoreHeader>();
        for (var n = 0; n < 3; n++)
        {
            if (n > 0)
            {
                _server.Write($"/local/domain/7/data/host/e{n}", "x"u8);
            }

            var message = (await raw.ReceiveAsync())!.Value;
            if (message.Header.Type == XenStoreMessageType.Watch)
            {
                message = (await raw.ReceiveAsync())!.Value;
            }

            Assert.Equal(XenStoreMessageType.WatchEvent, message.Header.Type);
            events.Add(message.Header);
        }

        // Random bytes, as the kernel's uninitialised stack: each id is 0 in all three events with a
        // chance of 2^-96, which a server leaving them 0 always gives.
        Assert.Contains(events, header => header.RequestId != 0);
        Assert.Contains(events, header => header.TransactionId != 0);
    }

    [Fact]
    public async Task Watch_and_unwatch_replies_carry_ids_zero_whatever_the_request_said()
    {
        using var raw = await RawConnection.ConnectAsync(Device);

        // The kernel answers WATCH itself and never looks at the transaction id.
        await raw.SendAsync(XenStoreMessageType.Watch, 41, 9, "data/host\0t\0"u8.ToArray());
        var watched = (await raw.ReceiveAsync())!.Value;
        Assert.Equal(XenStoreMessageType.WatchEvent, (await raw.ReceiveAsync())!.Value.Header.Type);
        await raw.SendAsync(XenStoreMessageType.Unwatch, 42, "data/host\0t\0");
        var unwatched = (await raw.ReceiveAsync())!.Value;

        Assert.Equal(new XenStoreHeader(XenStoreMessageType.Watch, 0, 0, 3), watched.Header);
        Assert.Equal(new XenStoreHeader(XenStoreMessageType.Unwatch, 0, 0, 3), unwatched.Header);
        Assert.Equal("OK\0"u8.ToArray(), unwatched.Payload);
    }

    // xenbus_write_watch only needs a NUL after the path and one after the token: strings after them
    // are ignored, where xenstored (get_strings) wants exactly two.
    [Fact]
    public async Task WATCH_and_UNWATCH_with_strings_after_the_token_are_taken_by_the_device()
    {
        using var raw = await RawConnection.ConnectAsync(Device);

        await raw.SendAsync(XenStoreMessageType.Watch, 1, "data/host\0t\0extra\0");
        Assert.Equal("OK\0", System.Text.Encoding.Latin1.GetString((await raw.ReceiveAsync())!.Value.Payload));
        Assert.Equal("data/host\0t\0", System.Text.Encoding.Latin1.GetString((await raw.ReceiveAsync())!.Value.Payload));
        await raw.SendAsync(XenStoreMessageType.Unwatch, 2, "data/host\0t\0extra\0");
        Assert.Equal("OK\0", System.Text.Encoding.Latin1.GetString((await raw.ReceiveAsync())!.Value.Payload));

        // The watch is gone: a write below it fires nothing before the write's own reply.
        await raw.SendAsync(XenStoreMessageType.Write, 3, "data/host/x\0v");
        var next = (await raw.ReceiveAsync())!.Value;
        Assert.Equal((XenStoreMessageType.Write, 3u), (next.Header.Type, next.Header.RequestId));
    }

    [Fact]
    public async Task WATCH_without_a_NUL_after_the_token_is_still_EINVAL_on_the_device()
    {
        using var raw = await RawConnection.ConnectAsync(Device);

        await raw.SendAsync(XenStoreMessageType.Watch, 1, "data/host\0t");

        Assert.Equal("EINVAL\0", System.Text.Encoding.Latin1.GetString((await raw.ReceiveAsync())!.Value.Payload));
    }

    [Fact]
    public async Task A_message_with_an_empty_payload_is_complete_at_its_header()
    {
        using var raw = await RawConnection.ConnectAsync(Device);

        await raw.SendAsync(XenStoreMessageType.Read, 5, "");

        var reply = (await raw.ReceiveAsync())!.Value;
        Assert.Equal(new XenStoreHeader(XenStoreMessageType.Error, 5, 0, 7), reply.Header);
        Assert.Equal("EINVAL\0"u8.ToArray(), reply.Payload);
    }

    [Fact]
    public async Task A_payload_of_exactly_4080_bytes_is_taken()
    {
        // A node size quota above the payload, so the write itself is allowed.
        await using var server = new XenStoreServer(new XenStoreServerOptions { MaxNodeSize = 2 * XenStoreLimits.PayloadMax });
        var device = ListenAsDevice(server, "big-xenbus");
        using var raw = await RawConnection.ConnectAsync(device);
        const string Path = "data/guest/v";
        var value = Enumerable.Repeat((byte)'v', XenStoreLimits.DevicePayloadMax - Path.Length - 1).ToArray();

        await raw.SendAsync(XenStoreMessageType.Write, 6, 0, XenStorePayload.PathAndValue(Path, value));

        Assert.Equal("OK\0", (await raw.ReplyAsync(6)).Payload);
        Assert.Equal(value, server.TryRead("/local/domain/7/" + Path));
    }

    [Fact]
    public async Task Closing_the_device_ends_its_session_and_frees_its_watches()
    {
        await using var server = new XenStoreServer(new XenStoreServerOptions { MaxWatchesPerDomain = 1 });
        var device = ListenAsDevice(server, "quota-xenbus");
        using (var first = await RawConnection.ConnectAsync(device))
        {
            await first.WatchAsync(0, "data/host", "t"); // the device's WATCH reply has id 0
        }

        // The end of the stream is the end of the connection, as closing the device file.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            while (server.ConnectionCount != 0)
            {
                await Task.Delay(10, timeout.Token);
            }
        }

        // With the first connection's watch still counted, the domain's quota would refuse this one.
        using var second = await RawConnection.ConnectAsync(device);
        await second.SendAsync(XenStoreMessageType.Watch, 2, "data/host\0t\0");
        Assert.Equal(XenStoreMessageType.Watch, (await second.ReceiveAsync())!.Value.Header.Type);
    }

    [Fact]
    public async Task A_message_written_in_pieces_is_put_together()
    {
        using var raw = await RawConnection.ConnectAsync(Device);
        var message = XenStoreMessage.Encode(XenStoreMessageType.Write, 4, 0, XenStorePayload.PathAndValue("data/guest/pieces", "assembled"u8));

        // The pauses only make it likely that each piece is a read of its own (the device's separate
        // writes); the answer must be the same however the pieces arrive.
        foreach (var piece in message.Chunk(7))
        {
            await raw.SendBytesAsync(piece);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal("OK\0", (await raw.ReplyAsync(4)).Payload);
        Assert.Equal("assembled"u8.ToArray(), _server.TryRead("/local/domain/7/data/guest/pieces"));
    }

    [Fact]
    public async Task A_second_message_in_the_same_write_is_dropped()
    {
        using var raw = await RawConnection.ConnectAsync(Device);
        var first = XenStoreMessage.Encode(XenStoreMessageType.Write, 1, 0, XenStorePayload.PathAndValue("data/guest/a", "1"u8));
        var second = XenStoreMessage.Encode(XenStoreMessageType.Write, 2, 0, XenStorePayload.PathAndValue("data/guest/b", "2"u8));

        await raw.SendBytesAsync([.. first, .. second]);
        Assert.Equal(1u, (await raw.ReceiveAsync())!.Value.Header.RequestId);

        // Only once the first reply is in, so that the next request is a chunk of its own.
        await raw.SendAsync(XenStoreMessageType.Read, 3, "data/guest/a\0");
        Assert.Equal(3u, (await raw.ReceiveAsync())!.Value.Header.RequestId);
        Assert.Null(_server.TryRead("/local/domain/7/data/guest/b"));
    }

    [Fact]
    public async Task Payloads_over_4080_bytes_end_the_connection()
    {
        using var raw = await RawConnection.ConnectAsync(Device);
        var header = new byte[16];
        new XenStoreHeader(XenStoreMessageType.Write, 1, 0, 4081).Write(header);

        await raw.SendBytesAsync(header);

        Assert.Null(await raw.ReceiveAsync());
    }

    [Fact]
    public async Task Our_client_copes_with_every_quirk()
    {
        await using var client = await XenStoreClient.ConnectAsync(Device);

        await using var first = await client.WatchAsync("data/host", "one");
        await using var second = await client.WatchAsync("data", "two");
        Assert.Equal("data/host", (await first.Events.ReadAsync()).Path);
        Assert.Equal("data", (await second.Events.ReadAsync()).Path);
        _server.Write("/local/domain/7/data/host/r", "x"u8);

        Assert.Equal("data/host/r", (await first.Events.ReadAsync()).Path);
        Assert.Equal("data/host/r", (await second.Events.ReadAsync()).Path);
        Assert.Equal("x", await client.ReadStringAsync("data/host/r"));
        await client.TransactAsync((tx, token) => tx.WriteAsync("data/guest/r", "y", token));
        Assert.Equal("y"u8.ToArray(), _server.TryRead("/local/domain/7/data/guest/r"));
    }

    [Fact]
    public async Task The_exchange_serves_through_an_emulated_device()
    {
        using var state = new TemporaryDirectory("gaxd-state-");
        var registry = new CountingRegistry();
        await using var exchange = new XenStoreExchange(new XenStoreExchangeOptions { Endpoint = Device, StateDirectory = state.Path });
        using var stop = new CancellationTokenSource();
        var host = new GuestAgent.Hosting.AgentHost().Register(exchange, new GuestAgent.Protocol.NovaJsonParser(registry));
        var running = host.RunAsync(stop.Token);
        await host.WhenServing;
        await using var dom0Watch = await WatchResponsesAsync();

        _server.Write("/local/domain/7/data/host/q1", """{"name":"echo","value":"hi"}"""u8);
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1)); // a lost answer fails instead of hanging
        while ((await dom0Watch.Events.ReadAsync(bound.Token)).Path != "/local/domain/7/data/guest/q1")
        {
        }

        Assert.Equal("""{"returncode":"0","message":"hi"}"""u8.ToArray(), _server.TryRead("/local/domain/7/data/guest/q1"));
        await stop.CancelAsync();
        await running;
    }

    private string ListenAsDevice(XenStoreServer server, string name)
    {
        var device = _directory.Combine(name);
        server.Listen(device, XenStoreIdentity.Guest(7), emulateDevice: true);
        server.CreateGuestDomain(7);
        return device;
    }

    private async Task<XenStoreWatch> WatchResponsesAsync()
    {
        var socket = _directory.Combine("dom0.sock");
        _server.Listen(socket);
        var dom0 = await XenStoreClient.ConnectAsync(socket);
        return await dom0.WatchAsync("/local/domain/7/data/guest");
    }
}
