using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Client;

/// <summary>The device transport through a raw pty standing in for /dev/xen/xenbus (spec §10 point 9).</summary>
public sealed class DeviceTransportTests : IAsyncLifetime
{
    private readonly EmbeddedXenStore _store = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task A_pty_is_opened_as_the_device_and_carries_the_protocol()
    {
        using var bridge = await PtyBridge.StartAsync(_store.GuestSocket);
        await using var client = await XenStoreClient.ConnectAsync(bridge.DevicePath);

        Assert.StartsWith("device ", client.Description, StringComparison.Ordinal);
        Assert.Equal("7", await client.ReadStringAsync("domid"));
        await using var watch = await client.WatchAsync("data/host", "t");
        Assert.Equal("data/host", (await watch.Events.ReadAsync()).Path);

        _store.Server.Write("/local/domain/7/data/host/abc", "{\"name\":\"version\"}"u8);
        Assert.Equal("data/host/abc", (await watch.Events.ReadAsync()).Path);
        Assert.Equal("{\"name\":\"version\"}", await client.ReadStringAsync("data/host/abc"));
        await client.WriteAsync("data/guest/abc", "{\"returncode\":\"0\"}");
        await client.RemoveAsync("data/host/abc");
        Assert.Equal(["abc"], await client.DirectoryAsync("data/guest"));
        Assert.Empty(await client.DirectoryAsync("data/host"));
    }

    [Fact]
    public async Task Libxenstore_opens_the_same_pty_as_a_device()
    {
        using var bridge = await PtyBridge.StartAsync(_store.GuestSocket);

        // Not a socket, so libxenstore open()s it as it would /dev/xen/xenbus.
        Assert.Equal("7\n", await XenStoreTools.SucceedAsync(bridge.DevicePath, "xenstore-read", "domid"));
    }

    [Fact]
    public async Task Pyxs_opens_the_same_pty_in_device_mode()
    {
        using var bridge = await PtyBridge.StartAsync(_store.GuestSocket);

        var output = await Pyxs.RunAsync(bridge.DevicePath, """
            import sys, pyxs
            c = pyxs.Client(xen_bus_path=sys.argv[1])
            c.connect()
            c.write(b"data/guest/from-pyxs", b"ok")
            print(c.read(b"domid").decode(), c.list(b"data/guest"))
            c.close()
            """);

        Assert.Equal("7 [b'from-pyxs']\n", output);
    }

    [Fact]
    public async Task The_device_limits_payloads_to_4080_bytes()
    {
        using var bridge = await PtyBridge.StartAsync(_store.GuestSocket);
        await using var client = await XenStoreClient.ConnectAsync(bridge.DevicePath);

        var path = "data/guest/v";
        var fits = new byte[XenStoreLimits.DevicePayloadMax - path.Length - 1];
        var error = await Assert.ThrowsAsync<XenStoreErrorException>(() => client.WriteAsync(path, new byte[fits.Length + 1]));
        Assert.Equal("E2BIG", error.ErrorName);

        // Still usable afterwards: nothing was sent.
        Assert.Equal("7", await client.ReadStringAsync("domid"));
    }
}
