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

    private async Task<XenStoreWatch> WatchResponsesAsync()
    {
        var socket = _directory.Combine("dom0.sock");
        _server.Listen(socket);
        var dom0 = await XenStoreClient.ConnectAsync(socket);
        return await dom0.WatchAsync("/local/domain/7/data/guest");
    }
}
