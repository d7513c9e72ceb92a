using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The renderer netplan gives a device, from the parsed files, by the rules the real netplan 0.106
/// follows (each checked with <c>netplan generate</c>; <see cref="NetplanRendererDecisionEndToEndTests"/>
/// runs it for the trees a reset leaves).
/// </summary>
public sealed class NetplanEffectiveRendererTests
{
    private static string Of(string device, params (string Path, string Yaml)[] files) =>
        NetplanEffectiveRenderer.Of(new InMemoryFileView(files.ToDictionary(f => f.Path, f => f.Yaml)), device);

    [Theory]
    [InlineData("renderer: NetworkManager")]
    [InlineData("renderer: \"NetworkManager\"")]
    [InlineData("renderer: 'NetworkManager'")]
    [InlineData("renderer: NetworkManager # not networkd")]
    public void A_network_wide_renderer_is_read_quoted_or_followed_by_a_comment(string line)
    {
        Assert.Equal("NetworkManager", Of("eth0", ("/etc/netplan/01.yaml", $"network:\n  version: 2\n  {line}\n")));
    }

    [Theory]
    [InlineData("network: {version: 2, renderer: NetworkManager}", "NetworkManager")]
    [InlineData("network: {renderer: \"NetworkManager\", ethernets: {eth1: {addresses: [10.0.0.1/24, '10.0.0.2/24']}}}", "NetworkManager")]
    [InlineData("# comment\nnetwork: {version: 2, # a comment\n   renderer: NetworkManager}", "NetworkManager")]
    [InlineData("network:\n  renderer: NetworkManager\n  ethernets: {eth1: {}}", "NetworkManager")]
    [InlineData("network: {version: 2, renderer: networkd, renderer: NetworkManager}", "NetworkManager")]
    [InlineData("network: {version: 2, ethernets: {eth1: {renderer: NetworkManager}}}", "networkd")]
    [InlineData("network: {version: 2, renderer: NetworkManager", "networkd")]
    [InlineData("network:\n  {version: 2, renderer: NetworkManager", "networkd")]
    [InlineData("network: {version: 2, renderer: NetworkManager} x", "networkd")]
    public void A_network_wide_renderer_in_a_file_without_a_block_layout_is_read(string yaml, string expected)
    {
        Assert.Null(NetplanFileLayout.TryRead(yaml));
        Assert.Equal(expected, Of("eth0", ("/etc/netplan/01.yaml", "network:\n  version: 2\n  renderer: networkd\n"), ("/etc/netplan/50.yaml", yaml)));
    }

    [Fact]
    public void A_device_defined_nowhere_gets_networkd_without_a_renderer()
    {
        Assert.Equal("networkd", Of("eth0", ("/etc/netplan/01.yaml", "network:\n  version: 2\n  # renderer: NetworkManager\n")));
    }

    [Fact]
    public void A_devices_own_renderer_read_last_wins()
    {
        const string Nm = "network:\n  version: 2\n  ethernets:\n    eth0:\n      renderer: NetworkManager\n";
        const string Networkd = "network:\n  version: 2\n  ethernets:\n    eth0:\n      renderer: networkd\n";

        Assert.Equal("networkd", Of("eth0", ("/etc/netplan/10.yaml", Nm), ("/etc/netplan/20.yaml", Networkd)));
        Assert.Equal("NetworkManager", Of("eth0", ("/etc/netplan/10.yaml", Networkd), ("/etc/netplan/20.yaml", Nm)));
    }

    [Fact]
    public void A_devices_own_renderer_beats_the_section_renderer_that_created_it_and_the_network_wide_one()
    {
        Assert.Equal("networkd", Of(
            "eth0",
            ("/etc/netplan/10.yaml", "network:\n  version: 2\n  renderer: NetworkManager\n  ethernets:\n    renderer: NetworkManager\n    eth0: {}\n"),
            ("/etc/netplan/20.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      renderer: networkd\n")));
    }

    [Fact]
    public void A_section_renderer_applies_to_the_definitions_after_it()
    {
        (string, string) file = ("/etc/netplan/10.yaml", "network:\n  version: 2\n  ethernets:\n    eth1: {}\n    renderer: NetworkManager\n    eth0: {}\n");

        Assert.Equal("NetworkManager", Of("eth0", file));
        Assert.Equal("networkd", Of("eth1", file));
    }

    [Fact]
    public void A_runtime_file_hides_the_same_named_system_file_for_the_renderer_too()
    {
        Assert.Equal("networkd", Of(
            "eth0",
            ("/etc/netplan/01.yaml", "network:\n  version: 2\n  renderer: NetworkManager\n"),
            ("/run/netplan/01.yaml", "network:\n  version: 2\n")));
    }

    [Fact]
    public void Files_are_read_by_name_whatever_their_directory()
    {
        // 01 (in /run) then 99 (in /etc): the last network-wide renderer is 99's.
        Assert.Equal("NetworkManager", Of(
            "eth0",
            ("/etc/netplan/99-nm.yaml", "network:\n  version: 2\n  renderer: NetworkManager\n"),
            ("/run/netplan/01-nd.yaml", "network:\n  version: 2\n  renderer: networkd\n")));
    }

    [Theory]
    [InlineData("renderer: NetworkManager\n    eth1: {}\n    eth0: {}\n", true)]
    [InlineData("renderer: NetworkManager\n    eth1: {}\n", false)]
    public void Dns_goes_to_NetworkManager_only_when_it_gets_every_interface_resetnetwork_configures(string section, bool networkManager)
    {
        var view = new InMemoryFileView(new Dictionary<string, string> { ["/etc/netplan/10-nm.yaml"] = $"network:\n  version: 2\n  ethernets:\n    {section}" });
        var configuration = NetworkFixture.Load("rackspace").Build();
        Assert.Equal(["eth0", "eth1"], configuration.Interfaces.Select(nic => nic.Name).Order());

        Assert.Equal(networkManager, NetplanDns.RendersNetworkManager(configuration, view, new NetplanRenderer().Render(configuration, view)));
    }
}
