using System.Net.Sockets;
using System.Text;
using GuestAgent.Commands.Network.Sources;
using GuestAgent.Testing;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>vm-data read from the embedded XenStore server, as a guest (relative paths) and as dom0.</summary>
public sealed class XenStoreVmDataSourceTests : IAsyncDisposable
{
    private const uint Domain = 7;
    private readonly TemporaryDirectory _directory = new("ganet-xs-");
    private readonly XenStoreServer _server = new();
    private readonly string _guestSocket;
    private readonly string _dom0Socket;
    private readonly string _home;

    public XenStoreVmDataSourceTests()
    {
        _guestSocket = _directory.Combine("guest.sock");
        _dom0Socket = _directory.Combine("dom0.sock");
        _server.Listen(_guestSocket, XenStoreIdentity.Guest(Domain));
        _server.Listen(_dom0Socket);
        _home = _server.CreateGuestDomain(Domain);
    }

    private void WriteVmData(string fixture, string? hostname)
    {
        foreach (var (key, value) in NetworkFixture.Load(fixture).Networking)
        {
            _server.Write($"{_home}/vm-data/networking/{key}", value);
        }

        if (hostname is not null)
        {
            _server.Write($"{_home}/vm-data/hostname", Encoding.UTF8.GetBytes(hostname));
        }
    }

    private XenStoreVmDataSource AsGuest() => new(ct => XenStoreClient.ConnectAsync(_guestSocket, ct));

    [Fact]
    public async Task A_guest_reads_every_networking_entry_and_the_hostname_through_relative_paths()
    {
        WriteVmData("rackspace", "test-server");
        var source = AsGuest();

        var entries = await source.ReadNetworkingAsync(TestContext.Current.CancellationToken);
        var hostname = await source.ReadHostnameAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["BC764E206C5A", "BC764E206C5B"], entries.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(
            NetworkFixture.Load("rackspace").Networking.Select(e => Encoding.UTF8.GetString(e.Value)).Order(StringComparer.Ordinal),
            entries.Select(e => Encoding.UTF8.GetString(e.Value)).Order(StringComparer.Ordinal));
        Assert.Equal("test-server", hostname);
    }

    [Fact]
    public async Task Missing_nodes_read_as_no_entries_and_no_hostname()
    {
        var source = AsGuest();

        Assert.Empty(await source.ReadNetworkingAsync(TestContext.Current.CancellationToken));
        Assert.Null(await source.ReadHostnameAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_refused_read_is_a_clear_error_naming_the_node()
    {
        WriteVmData("ipv4-only", "web-1");
        _server.SetPermissions($"{_home}/vm-data/networking", GuestAgent.XenStore.Wire.XenStorePermission.Parse("n0"));

        var error = await Assert.ThrowsAsync<CommandException>(() => AsGuest().ReadNetworkingAsync(TestContext.Current.CancellationToken));

        Assert.Equal("Couldn't read vm-data/networking from XenStore (EACCES); nothing was changed", error.Message);
    }

    [Fact]
    public async Task An_unreachable_xenstore_is_a_clear_error_naming_the_node()
    {
        var source = new XenStoreVmDataSource(ct => XenStoreClient.ConnectAsync(_directory.Combine("no-such.sock"), ct));

        var error = await Assert.ThrowsAsync<CommandException>(() => source.ReadHostnameAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("Couldn't read vm-data/hostname from XenStore (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connector_whose_socket_refuses_is_a_clear_error_naming_the_node()
    {
        // The connection is the caller's (a public constructor): a connector of its own may fail with the socket's error.
        var source = new XenStoreVmDataSource(_ => throw new SocketException((int)SocketError.ConnectionRefused));

        var error = await Assert.ThrowsAsync<CommandException>(() => source.ReadNetworkingAsync(TestContext.Current.CancellationToken));

        Assert.Equal("Couldn't read vm-data/networking from XenStore (SocketException); nothing was changed", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task Dom0_reads_the_same_data_under_the_domain_path(string trailing)
    {
        WriteVmData("ipv4-only", "web-1");
        var source = new XenStoreVmDataSource(ct => XenStoreClient.ConnectAsync(_dom0Socket, ct), _home + trailing);

        Assert.Equal("00163e000001", Assert.Single(await source.ReadNetworkingAsync(TestContext.Current.CancellationToken)).Key);
        Assert.Equal("web-1", await source.ReadHostnameAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Resetnetwork_configures_a_debian_root_from_vm_data_in_xenstore()
    {
        WriteVmData("rackspace", "test-server");
        using var root = RackspaceMachine("debian");

        var result = await ResetAsync(root, AsGuest());

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Contains("    address 162.209.76.19\n", root.Read("/etc/network/interfaces"), StringComparison.Ordinal);
        Assert.Equal("test-server\n", root.Read("/etc/hostname"));
        Assert.Contains("ifup -f eth1", root.Actions());
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }
}
