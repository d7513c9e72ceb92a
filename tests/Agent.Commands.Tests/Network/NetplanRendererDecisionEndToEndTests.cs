using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Whether resetnetwork's DNS servers go to NetworkManager or to systemd-resolved depends on the
/// renderer netplan gives eth0 once the reset is done. Each case: what the agent decides before
/// the reset, then the reset, then which backend the real <c>netplan generate</c> writes eth0 for;
/// the two must agree, and agree with the case's expectation.
/// </summary>
public sealed class NetplanRendererDecisionEndToEndTests
{
    private const string Wide = "network:\n  version: 2\n  renderer: {0}\n";

    public static TheoryData<string, string, string, string, string> Trees => new()
    {
        // name, first file, its text, second file (or ""), its text; expected renderer below per case
        { "a NetworkManager 01 file, then a networkd 50 file", "/etc/netplan/01-nm.yaml", string.Format(Wide, "NetworkManager"), "/etc/netplan/50-nd.yaml", string.Format(Wide, "networkd") },
        { "only a NetworkManager-wide file", "/etc/netplan/01-network-manager-all.yaml", string.Format(Wide, "NetworkManager"), "", "" },
        { "a commented-out renderer", "/etc/netplan/01-nm.yaml", "network:\n  version: 2\n  # renderer: NetworkManager\n", "", "" },
        { "a NetworkManager file after ours", "/etc/netplan/95-nm.yaml", string.Format(Wide, "NetworkManager"), "", "" },
        { "a /lib NetworkManager file hidden by a networkd one in /etc", "/lib/netplan/01-nm.yaml", string.Format(Wide, "NetworkManager"), "/etc/netplan/01-nm.yaml", string.Format(Wide, "networkd") },
        { "a section renderer for another device only", "/etc/netplan/10-nm.yaml", "network:\n  version: 2\n  ethernets:\n    renderer: NetworkManager\n    eth1: {}\n", "", "" },
        { "a section renderer over eth0, kept as eth0: {}", "/etc/netplan/50-cloud-init.yaml", "network:\n  version: 2\n  ethernets:\n    renderer: NetworkManager\n    eth0:\n      dhcp4: true\n", "/etc/netplan/60-nd.yaml", string.Format(Wide, "networkd") },
        { "a section renderer after a networkd one for eth0", "/etc/netplan/10-nd.yaml", "network:\n  version: 2\n  ethernets:\n    renderer: networkd\n    eth0: {}\n    eth1: {}\n", "/etc/netplan/20-nm.yaml", "network:\n  version: 2\n  renderer: NetworkManager\n  ethernets:\n    renderer: NetworkManager\n    eth0: {}\n" },
        { "eth0's own renderer, which goes with its definition", "/etc/netplan/50-cloud-init.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      renderer: NetworkManager\n      dhcp4: true\n    eth1: {}\n", "", "" },
        { "a section renderer over eth0 after ours", "/etc/netplan/95-nm.yaml", "network:\n  version: 2\n  ethernets:\n    renderer: NetworkManager\n    eth0: {}\n", "", "" },
        { "a section renderer over eth0 behind a file moved aside", "/etc/netplan/10-only-eth0.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n", "/etc/netplan/20-nm.yaml", "network:\n  version: 2\n  ethernets:\n    renderer: NetworkManager\n    eth0: {}\n" },
        { "another device's own renderer", "/etc/netplan/50-cloud-init.yaml", "network:\n  version: 2\n  ethernets:\n    eth1:\n      renderer: NetworkManager\n", "", "" },
        { "a NetworkManager-wide file in flow style", "/etc/netplan/01-nm.yaml", "network: {version: 2, renderer: NetworkManager}\n", "", "" },
        { "a flow-style networkd file after a NetworkManager one", "/etc/netplan/01-nm.yaml", string.Format(Wide, "NetworkManager"), "/etc/netplan/50-nd.yaml", "network: {version: 2,\n  renderer: 'networkd'} # over two lines\n" },
        { "a block network: with a flow-style section", "/etc/netplan/01-nd.yaml", string.Format(Wide, "networkd"), "/etc/netplan/50-nm.yaml", "network:\n  version: 2\n  renderer: NetworkManager\n  ethernets: {eth1: {dhcp4: true}}\n" },
        // netplan globs *.yaml, whose star takes no leading dot: a hidden file is never read.
        { "a hidden NetworkManager-wide file", "/etc/netplan/.01-nm.yaml", string.Format(Wide, "NetworkManager"), "", "" },
        { "a hidden file with a section renderer over eth0", "/etc/netplan/.50-cloud-init.yaml", "network:\n  version: 2\n  ethernets:\n    renderer: NetworkManager\n    eth0:\n      dhcp4: true\n", "", "" },
    };

    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["a NetworkManager 01 file, then a networkd 50 file"] = "networkd",
        ["only a NetworkManager-wide file"] = "NetworkManager",
        ["a commented-out renderer"] = "networkd",
        ["a NetworkManager file after ours"] = "NetworkManager",
        ["a /lib NetworkManager file hidden by a networkd one in /etc"] = "networkd",
        ["a section renderer for another device only"] = "networkd",
        ["a section renderer over eth0, kept as eth0: {}"] = "NetworkManager",
        ["a section renderer after a networkd one for eth0"] = "networkd",
        ["eth0's own renderer, which goes with its definition"] = "networkd",
        ["a section renderer over eth0 after ours"] = "networkd",
        ["a section renderer over eth0 behind a file moved aside"] = "NetworkManager",
        ["another device's own renderer"] = "networkd",
        ["a NetworkManager-wide file in flow style"] = "NetworkManager",
        ["a flow-style networkd file after a NetworkManager one"] = "networkd",
        ["a block network: with a flow-style section"] = "NetworkManager",
        ["a hidden NetworkManager-wide file"] = "networkd",
        ["a hidden file with a section renderer over eth0"] = "networkd",
    };

    [Theory]
    [MemberData(nameof(Trees))]
    public async Task The_agent_decides_the_renderer_the_real_netplan_gives_eth0_after_the_reset(string name, string first, string firstText, string second, string secondText)
    {
        var files = second.Length == 0 ? new[] { (first, firstText) } : [(first, firstText), (second, secondText)];
        using var root = NetplanSettingsEndToEndTests.Machine(files);
        var decided = Decided(root);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, NetplanTwoNicMachine.VmData()));

        var (generated, file) = await NetplanSettingsEndToEndTests.Eth0Async(root);
        Assert.Contains("162.209.76.19", file, StringComparison.Ordinal);
        Assert.Equal(Expected[name], generated);
        Assert.Equal(generated, decided);
    }

    /// <summary>What resetnetwork decides for eth0's DNS on this tree, by the route's reason.</summary>
    private static string Decided(FakeRoot root)
    {
        var view = new FileSystemView(root.CreateSystem().FileSystem);
        var fixture = NetworkFixture.Load("rackspace");
        var configuration = NetworkConfigurationBuilder.Build(
            fixture.Networking.Where(e => e.Key == "BC764E206C5A"), "test-server", null, fixture.Interfaces.Where(i => i.Name == "eth0").ToArray(), new List<string>());
        var reason = NetworkFilesRenderer.RouteDns(configuration, NetworkBackend.Netplan, SystemProbe.Probe(view), new NetworkOptions(), view).Reason;
        return reason.StartsWith("netplan (NetworkManager renderer)", StringComparison.Ordinal) ? "NetworkManager"
            : reason.StartsWith("netplan (networkd renderer)", StringComparison.Ordinal) ? "networkd"
            : throw new InvalidOperationException(reason);
    }
}
