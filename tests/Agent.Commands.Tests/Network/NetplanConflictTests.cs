using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Other netplan files that define an interface we configure (the rackspace example: eth0
/// bc:76:4e:20:6c:5a and eth1 bc:76:4e:20:6c:5b): moved aside whole when that is all they define,
/// otherwise edited so that only those definitions go.
/// </summary>
public sealed class NetplanConflictTests
{
    private const string CloudInit = "/etc/netplan/50-cloud-init.yaml";

    private static RenderResult Render(string yaml) =>
        new NetplanRenderer().Render(NetworkFixture.Load("rackspace").Build(), new InMemoryFileView(new Dictionary<string, string> { [CloudInit] = yaml }));

    [Theory]
    [InlineData("network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n", true)]
    [InlineData("network:\n  ethernets:\n    id0:\n      match:\n        macaddress: \"BC:76:4E:20:6C:5B\"\n      dhcp4: true\n", true)]
    [InlineData("---\n# written by cloud-init\nnetwork:\n    ethernets:\n        \"eth1\": {dhcp4: true}\n        nic0:\n            match: {name: eth0}\n    version: 2\n", true)]
    [InlineData("network:  # managed\n  version: 2\n  wifis: {}  # none yet\n  ethernets:\n    eth0:\n      dhcp4: true\n", true)]
    [InlineData("network:\n  ethernets:\n    eth7:\n      dhcp4: true\n", false)]
    [InlineData("network:\n  bridges:\n    br0:\n      interfaces: [eth7]\n", false)]
    [InlineData("network:\n  bonds:\n    bond0:\n      macaddress: bc:76:4e:20:6c:5a\n      interfaces: [eth7]\n", false)]
    [InlineData("network: {version: 2}\n", false)]
    public void A_file_defining_only_our_interfaces_is_moved_aside_and_one_defining_none_is_left_alone(string yaml, bool movedAside)
    {
        var result = Render(yaml);

        Assert.Equal(movedAside, result.Removals.Contains(CloudInit));
        Assert.DoesNotContain(result.Files, f => f.Path == CloudInit);
    }

    [Fact]
    public void A_file_that_also_defines_other_interfaces_keeps_them_and_loses_only_ours()
    {
        const string yaml =
            "# This file is generated from information provided by the datasource.\n" +
            "network:\n" +
            "  version: 2\n" +
            "  ethernets:\n" +
            "    eth0:\n" +
            "      dhcp4: true\n" +
            "      addresses:\n" +
            "        - 10.0.0.5/24\n" +
            "    # the storage network\n" +
            "    eth2:\n" +
            "      addresses: [10.20.0.5/24]\n" +
            "    nic1:\n" +
            "      match:\n" +
            "        macaddress: bc:76:4e:20:6c:5b\n" +
            "      set-name: eth1\n" +
            "  bridges:\n" +
            "    br0:\n" +
            "      interfaces: [eth3]\n";

        var result = Render(yaml);

        Assert.DoesNotContain(CloudInit, result.Removals);
        Assert.Equal(
            "# This file is generated from information provided by the datasource.\n" +
            "network:\n" +
            "  version: 2\n" +
            "  ethernets:\n" +
            "    # eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n" +
            "    # the storage network\n" +
            "    eth2:\n" +
            "      addresses: [10.20.0.5/24]\n" +
            "    # nic1: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n" +
            "  bridges:\n" +
            "    br0:\n" +
            "      interfaces: [eth3]\n",
            result.Files.Single(f => f.Path == CloudInit).Contents);
    }

    [Fact]
    public void A_section_left_empty_loses_its_header()
    {
        var result = Render("network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n  vlans:\n    vlan7:\n      id: 7\n      link: eth0\n");

        Assert.Equal(
            "network:\n  version: 2\n    # eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n  vlans:\n    vlan7:\n      id: 7\n      link: eth0\n",
            result.Files.Single(f => f.Path == CloudInit).Contents);
    }

    [Theory]
    [InlineData("network: {version: 2, ethernets: {eth0: {dhcp4: true}, eth2: {dhcp4: true}}}\n", "flow style")]
    [InlineData("network:\n\tethernets:\n\t\teth0: {dhcp4: true}\n", "flow style")]
    [InlineData("network:\n  ethernets:\n    id0:\n      match: {macaddress: bc:76:4e:20:6c:5a}\n  vlans:\n    vlan7: {id: 7, link: id0}\n", "refer to")]
    [InlineData("network:\n  ethernets:\n    eth0: &common\n      mtu: 9000\n    eth2:\n      <<: *common\n", "YAML anchor")]
    public void A_definition_that_cannot_be_taken_out_safely_is_refused(string yaml, string reason)
    {
        var error = Assert.Throws<InvalidNetworkDataException>(() => Render(yaml));

        Assert.StartsWith($"{CloudInit} defines", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed", error.Message, StringComparison.Ordinal);
    }
}
