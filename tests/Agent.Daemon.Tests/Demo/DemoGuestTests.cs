using System.Text;
using System.Text.Json;
using GuestAgent.Daemon.Demo;
using GuestAgent.Testing;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Tests.Demo;

/// <summary>
/// demo's pretend guest, read back through a real XenStore connection: the vm-data Nova writes
/// before first boot (one VIF under networking/, named by its MAC without colons as Nova's
/// <c>_vif_xenstore_data</c> names it, and the hostname), and a root whose network interface is
/// the one that VIF describes.
/// </summary>
public sealed class DemoGuestTests
{
    [Fact]
    public async Task The_vm_data_is_where_and_as_nova_writes_it()
    {
        using var directory = new TemporaryDirectory("gademo-");
        await using var server = new XenStoreServer();
        var socket = directory.Combine("xs.sock");
        server.Listen(socket);

        var home = DemoGuest.CreateDomain(server);

        await using var client = await XenStoreClient.ConnectAsync(socket, TestContext.Current.CancellationToken);
        Assert.Equal($"/local/domain/{DemoGuest.DomainId}", home);
        var vifs = await client.DirectoryAsync($"{home}/vm-data/networking", TestContext.Current.CancellationToken);
        var vif = Assert.Single(vifs);
        var networking = await client.ReadAsync($"{home}/vm-data/networking/{vif}", TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(networking);
        var mac = json.RootElement.GetProperty("mac").GetString()!;
        Assert.Equal(mac.Replace(":", "", StringComparison.Ordinal), vif);
        Assert.Equal(DemoGuest.Hostname, Encoding.UTF8.GetString(await client.ReadAsync($"{home}/vm-data/hostname", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public void The_roots_ethernet_interface_is_the_one_the_vif_describes()
    {
        using var root = new TemporaryDirectory("gademo-root-");

        DemoGuest.CreateRoot(root.Path);

        using var json = JsonDocument.Parse(DemoGuest.NetworkingJson);
        var net = Path.Combine(root.Path, "sys/class/net", DemoGuest.Interface);
        Assert.Equal(json.RootElement.GetProperty("mac").GetString() + "\n", File.ReadAllText(Path.Combine(net, "address")));
        // ARPHRD_ETHER (if_arp.h): an interface the agent configures, unlike the loopback's 772.
        Assert.Equal("1\n", File.ReadAllText(Path.Combine(net, "type")));
    }
}
