using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Exchanges;
using GuestAgent.Generated;
using GuestAgent.Hosting;
using GuestAgent.Protocol;
using GuestAgent.Testing;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Server;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The whole pipeline: Nova's request written by "dom0" into the embedded XenStore, the XenStore
/// exchange, the Nova JSON parser, the generated registry, <c>resetnetwork</c> reading vm-data
/// from the same XenStore, files under a temporary root, and the response read back by dom0.
/// </summary>
public sealed class ResetNetworkPipelineTests : IAsyncDisposable
{
    private const uint Domain = 7;
    private readonly TemporaryDirectory _directory = new("ganet-pipe-");
    private readonly XenStoreServer _server = new();
    private readonly string _guestSocket;
    private readonly string _dom0Socket;
    private readonly string _home;

    public ResetNetworkPipelineTests()
    {
        _guestSocket = _directory.Combine("guest.sock");
        _dom0Socket = _directory.Combine("dom0.sock");
        _server.Listen(_guestSocket, XenStoreIdentity.Guest(Domain));
        _server.Listen(_dom0Socket);
        _home = _server.CreateGuestDomain(Domain);
    }

    private async Task<string> CallAsync(FakeRoot root, string request, NetworkOptions? options = null)
    {
        var exchangeOptions = new XenStoreExchangeOptions { Endpoint = _guestSocket, StateDirectory = _directory.Combine("state") };
        var services = new ServiceMap();
        root.CreateSystem().AddTo(services);
        services.AddResetNetwork(exchangeOptions, options);
        var registry = new GuestAgentCommandsCommandRegistry(services);
        var exchange = new XenStoreExchange(exchangeOptions);
        var host = new AgentHost().Register(exchange, new NovaJsonParser(registry, services));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = host.RunAsync(stop.Token);
        try
        {
            await using var dom0 = await XenStoreClient.ConnectAsync(_dom0Socket, TestContext.Current.CancellationToken);
            var id = Guid.NewGuid().ToString();
            await dom0.WriteAsync($"{_home}/data/host/{id}", request, TestContext.Current.CancellationToken);

            // Poll as Nova's dom0 plugin does, bounded (generously) so that a lost answer fails the test instead of hanging it.
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            bound.CancelAfter(TimeSpan.FromMinutes(2));
            while (true)
            {
                if (await dom0.TryReadAsync($"{_home}/data/guest/{id}", bound.Token) is { } response)
                {
                    return Encoding.UTF8.GetString(response);
                }

                await Task.Delay(50, bound.Token);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await running;
            await exchange.DisposeAsync();
        }
    }

    private void WriteVmData(string fixture, string? hostname, string? replaceEntry = null)
    {
        foreach (var (key, value) in NetworkFixture.Load(fixture).Networking)
        {
            _server.Write($"{_home}/vm-data/networking/{key}", replaceEntry is null ? value : Encoding.UTF8.GetBytes(replaceEntry));
        }

        if (hostname is not null)
        {
            _server.Write($"{_home}/vm-data/hostname", Encoding.UTF8.GetBytes(hostname));
        }
    }

    public static TheoryData<string, string[], string[]> Distributions() => ResetNetworkEndToEndTests.Distributions();

    [Theory]
    [MemberData(nameof(Distributions))]
    public async Task Nova_resetnetwork_request_configures_the_guest_and_answers_0(string distribution, string[] files, string[] actions)
    {
        WriteVmData("rackspace", "test-server");
        using var root = RackspaceMachine(distribution);

        var response = await CallAsync(root, """{"name": "resetnetwork", "value": ""}""");

        Assert.Equal("""{"returncode":"0","message":""}""", response);
        Assert.All(files, file => Assert.NotNull(root.Read(file)));
        Assert.Contains("162.209.76.19", root.Read(files[0]), StringComparison.Ordinal);
        Assert.Equal(actions, root.Actions());
        Assert.Contains("162.209.76.19\ttest-server", root.Read("/etc/hosts"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_hosts_file_is_made_with_the_loopback_names_first()
    {
        WriteVmData("rackspace", "test-server");
        using var root = RackspaceMachine("ubuntu");
        File.Delete(System.IO.Path.Combine(root.Path, "etc/hosts"));

        var response = await CallAsync(root, """{"name": "resetnetwork", "value": ""}""");

        Assert.Equal("""{"returncode":"0","message":""}""", response);
        var hosts = root.Read("/etc/hosts")!;
        Assert.StartsWith("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n", hosts, StringComparison.Ordinal);
        Assert.Contains("\n162.209.76.19\ttest-server\n", hosts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_registered_with_resetnetwork_are_the_ones_the_command_gets()
    {
        WriteVmData("rackspace", "test-server");
        using var root = RackspaceMachine("ubuntu");
        root.Write("/etc/hostname", "old-name\n");

        var response = await CallAsync(root, """{"name": "resetnetwork", "value": ""}""", new NetworkOptions { SetHostname = false });

        Assert.Equal("""{"returncode":"0","message":""}""", response);
        Assert.Equal(["netplan apply"], root.Actions());
        Assert.Equal("old-name\n", root.Read("/etc/hostname"));
    }

    [Fact]
    public async Task Invalid_vm_data_answers_500_through_the_wire_and_changes_nothing()
    {
        WriteVmData("ipv4-only", "web-1", """{"mac":"BC:76:4E:20:6C:5A","ips":[{"ip":"192.0.2.42","netmask":"255.0.255.0","enabled":"1"}]}""");
        using var root = RackspaceMachine("ubuntu");
        var before = root.Hash(FakeRoot.StateDirectory);

        var response = await CallAsync(root, """{"name": "resetnetwork", "value": ""}""");

        Assert.StartsWith("""{"returncode":"500","message":"vm-data/networking/00163e000001 (bc:76:4e:20:6c:5a) ips[0]: netmask '255.0.255.0' is not a valid contiguous IPv4 netmask""", response, StringComparison.Ordinal);
        Assert.Equal(before, root.Hash(FakeRoot.StateDirectory));
    }

    [Fact]
    public async Task Without_a_vm_data_source_resetnetwork_answers_500_and_changes_nothing()
    {
        using var root = RackspaceMachine("debian");
        var services = new ServiceMap();
        root.CreateSystem().AddTo(services);
        var parser = new NovaJsonParser(new GuestAgentCommandsCommandRegistry(services), services);
        var before = root.Hash(FakeRoot.StateDirectory);

        var response = await parser.ParseRequestAsync(
            new AgentRequest("1", Encoding.UTF8.GetBytes("""{"name":"resetnetwork","value":""}"""), new GuestAgent.Commands.ExchangeSession()),
            TestContext.Current.CancellationToken);

        Assert.Equal("500", response.ReturnCode);
        Assert.Equal(before, root.Hash(FakeRoot.StateDirectory));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }
}
