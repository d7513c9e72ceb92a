using GuestAgent.Daemon.Hosting;
using GuestAgent.Testing;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Tests.Hosting;

/// <summary>
/// At start the daemon looks for a <c>resetnetwork</c> already waiting under data/host (READY=1 then
/// waits for its answer): any other request, or no node at all, is not one.
/// </summary>
public sealed class PendingRequestProbeTests
{
    private const string Requests = "/local/domain/5/data/host";

    [Fact]
    public async Task A_waiting_resetnetwork_is_found_among_other_requests_and_only_it()
    {
        using var directory = new TemporaryDirectory();
        await using var server = new XenStoreServer();
        server.Listen(directory.Combine("xs.sock"));
        server.CreateGuestDomain(5);
        await using var client = await XenStoreClient.ConnectAsync(directory.Combine("xs.sock"), TestContext.Current.CancellationToken);

        Assert.False(await PendingRequestProbe.HasResetNetworkAsync(client, "/local/domain/5/data/none", TestContext.Current.CancellationToken));

        server.Write(Requests + "/a", """{"name": "version", "value": "agent"}"""u8);
        server.Write(Requests + "/b", """{"name": "resetnetworks", "value": ""}"""u8);
        Assert.False(await PendingRequestProbe.HasResetNetworkAsync(client, Requests, TestContext.Current.CancellationToken));

        server.Write(Requests + "/c", """{"name": "resetnetwork", "value": ""}"""u8);
        Assert.True(await PendingRequestProbe.HasResetNetworkAsync(client, Requests, TestContext.Current.CancellationToken));
    }
}
