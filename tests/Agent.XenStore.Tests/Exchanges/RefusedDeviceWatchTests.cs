using System.Collections.Concurrent;
using GuestAgent.XenStore.Server;
using GuestAgent.XenStore.Tests.Infrastructure;
using static GuestAgent.XenStore.Tests.Exchanges.ExchangeHarness;

namespace GuestAgent.XenStore.Tests.Exchanges;

/// <summary>
/// The exchange on a guest's device whose WATCH xenstored refuses (the guest's watch quota used up):
/// the kernel fails the WATCH's write with the errno (xenstore-protocol.md §10 point 4), and the
/// exchange takes its path for a watch that cannot be set, polling on the same connection, as it
/// does for a socket's ERROR reply, instead of reconnecting to be refused again.
/// </summary>
public sealed class RefusedDeviceWatchTests
{
    [Fact]
    public async Task A_watch_the_device_refuses_falls_back_to_polling_on_the_same_connection()
    {
        await using var harness = new ExchangeHarness();
        var device = Path.Combine(harness.Store.Directory, "device.sock");
        harness.Store.Server.Listen(device, XenStoreIdentity.Guest(EmbeddedXenStore.GuestDomain), emulateDevice: true);
        var bridges = new ConcurrentBag<PtyBridge>();
        try
        {
            await harness.StartAgentAsync(connect: async token =>
            {
                var bridge = await PtyBridge.StartAsync(device);
                bridges.Add(bridge);
                return KernelDeviceWrites.Connect(bridge.DevicePath, KernelDeviceWrites.RefusingWatches(28));
            });
            harness.Store.Server.Write($"{Requests}/polled", """{"name":"echo","value":"p"}"""u8);

            var responses = await harness.WaitForResponsesAsync(["polled"]);

            Assert.Equal("""{"returncode":"0","message":"p"}""", responses["polled"]);
            Assert.True(harness.Exchange!.IsPolling);
            Assert.Equal(1, harness.Exchange.Connections);
        }
        finally
        {
            await harness.StopAgentAsync();
            foreach (var bridge in bridges)
            {
                bridge.Dispose();
            }
        }
    }
}
