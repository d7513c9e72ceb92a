using System.Runtime.InteropServices;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Tests.Infrastructure;
using GuestAgent.XenStore.Transports;
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

        Assert.Equal("device " + bridge.DevicePath, client.Description);
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
    public async Task A_write_cancelled_before_it_starts_sends_nothing()
    {
        using var bridge = await PtyBridge.StartAsync(_store.GuestSocket);
        await using var transport = DeviceTransport.Open(bridge.DevicePath);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transport.WriteAsync(Request(1), cancelled.Token).AsTask());
        await transport.WriteAsync(Request(2), CancellationToken.None);

        // The first reply is the second request's: the first never reached the server.
        Assert.Equal(2u, XenStoreHeader.Read(await ReadReplyAsync(transport)).RequestId);
    }

    [Fact]
    public async Task The_device_hanging_up_reads_as_the_end_of_the_stream()
    {
        var bridge = await PtyBridge.StartAsync(_store.GuestSocket);
        await using var transport = DeviceTransport.Open(bridge.DevicePath);
        await transport.WriteAsync(Request(1), CancellationToken.None);
        await ReadReplyAsync(transport);

        // The bridge's end of the pty closes under a waiting read: the kernel fails it with EIO (a read
        // started after the hang-up would get 0), which is the end of the stream here.
        var reading = transport.ReadAsync(new byte[16], CancellationToken.None).AsTask();
        await WaitUntilBlockedReadingAsync(bridge.DevicePath);
        bridge.Dispose();

        Assert.Equal(0, await reading);
    }

    // Until a thread of this process waits in read() on the pty, from /proc/self/task/*/syscall:
    // the syscall's number, then its first argument, the descriptor.
    private static async Task WaitUntilBlockedReadingAsync(string devicePath)
    {
        var read = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "63" : "0";
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!Directory.EnumerateDirectories("/proc/self/task").Any(task => IsReading(task, read, devicePath)))
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private static bool IsReading(string task, string read, string devicePath)
    {
        try
        {
            var fields = File.ReadAllText(Path.Combine(task, "syscall")).Split(' ');
            return fields.Length > 1 && fields[0] == read
                && new FileInfo($"/proc/self/fd/{Convert.ToInt32(fields[1], 16)}").LinkTarget == devicePath;
        }
        catch (IOException)
        {
            return false; // the thread or the descriptor is gone
        }
    }

    private static byte[] Request(uint id) => XenStoreMessage.Encode(XenStoreMessageType.Read, id, 0, "domid\0"u8);

    // One whole reply, header and payload, however the pty splits it.
    private static async Task<byte[]> ReadReplyAsync(DeviceTransport transport)
    {
        var message = new List<byte>();
        var buffer = new byte[4096];
        while (message.Count < XenStoreLimits.HeaderSize || message.Count < XenStoreLimits.HeaderSize + XenStoreHeader.Read([.. message]).Length)
        {
            var read = await transport.ReadAsync(buffer, CancellationToken.None);
            Assert.NotEqual(0, read);
            message.AddRange(buffer.AsSpan(0, read));
        }

        return [.. message];
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
