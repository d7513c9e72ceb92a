using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Client;

/// <summary>
/// A WATCH xenstored refuses, through the guest's device: the kernel fails the <c>write(2)</c> with
/// xenstored's errno instead of queuing an ERROR reply (xenstore-protocol.md §10 point 4). That is
/// xenstored's answer on a connection that still works, so the caller gets the error a socket
/// client gets from the ERROR reply; any other failed write is a lost connection.
/// </summary>
public sealed class DeviceWatchRefusalTests : IAsyncLifetime
{
    private readonly EmbeddedXenStore _store = new();
    private PtyBridge? _bridge;

    public async ValueTask InitializeAsync()
    {
        var device = Path.Combine(_store.Directory, "device.sock");
        _store.Server.Listen(device, XenStoreIdentity.Guest(EmbeddedXenStore.GuestDomain), emulateDevice: true);
        _bridge = await PtyBridge.StartAsync(device);
    }

    public async ValueTask DisposeAsync()
    {
        _bridge?.Dispose();
        await _store.DisposeAsync();
    }

    [Theory]
    [InlineData(28, XenStoreErrors.NoSpace)]
    [InlineData(7, XenStoreErrors.TooBig)]
    [InlineData(13, XenStoreErrors.AccessDenied)]
    [InlineData(22, XenStoreErrors.InvalidArgument)]
    public async Task A_refused_watch_is_xenstoreds_error_and_the_connection_stays(int errno, string name)
    {
        await using var client = KernelDeviceWrites.Connect(_bridge!.DevicePath, KernelDeviceWrites.RefusingWatches(errno));

        var error = await Assert.ThrowsAsync<XenStoreErrorException>(() => client.WatchAsync("data/host", "t"));

        Assert.Equal(name, error.ErrorName);
        Assert.Equal(XenStoreMessageType.Watch, error.RequestType);
        Assert.Equal("data/host", error.Path);
        Assert.True(client.IsConnected);
        Assert.Equal("7", await client.ReadStringAsync("domid"));

        // Nothing waits for a reply that will never come (the quiet check would take it for a wedged xenstored).
        Assert.False(client.Activity.Waiting);

        // The refused watch left nothing behind: the token is free, and asked again xenstored refuses again.
        Assert.Equal(name, (await Assert.ThrowsAsync<XenStoreErrorException>(() => client.WatchAsync("data/host", "t"))).ErrorName);
        Assert.Equal("7", await client.ReadStringAsync("domid"));
    }

    [Fact]
    public async Task A_watch_write_failing_with_EIO_is_a_lost_connection()
    {
        // EIO is a xenstored error name too, but it is also what a device (or a pty) whose other side
        // is gone reports: the connection is given up, as for any failed write.
        await using var client = KernelDeviceWrites.Connect(_bridge!.DevicePath, KernelDeviceWrites.RefusingWatches(5));

        await Assert.ThrowsAsync<XenStoreConnectionException>(() => client.WatchAsync("data/host", "t"));

        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Another_request_whose_write_fails_is_a_lost_connection()
    {
        // The kernel answers only WATCH (and UNWATCH, always OK) itself; a READ goes on to xenstored,
        // whose refusal comes back as an ERROR reply. A failed write of one is the device failing.
        await using var client = KernelDeviceWrites.Connect(_bridge!.DevicePath, KernelDeviceWrites.Failing(XenStoreMessageType.Read, 13));

        await Assert.ThrowsAsync<XenStoreConnectionException>(() => client.ReadStringAsync("domid"));

        Assert.False(client.IsConnected);
    }
}
