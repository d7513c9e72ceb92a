using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;
using static GuestAgent.Commands.Tests.Network.RackspaceNetplan;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Whether another file's bond makes a configured interface (rackspace's eth0) a member, its <c>interfaces</c> read as netplan
/// reads them and held against the real <c>netplan generate</c> (0.106): before session 31 a search of the list's text for the
/// word <c>eth0</c> missed a quoted member continued with a backslash (<c>"eth\</c> then <c>0"</c>, eth0 to netplan), so the
/// reset enslaved eth0 to the bond without an error, and took <c>eth0</c> in a comment after the list for a member.
/// </summary>
public sealed class NetplanMembersTests
{
    private const string Head = "network:\n  version: 2\n  ethernets:\n    eth0: {dhcp4: true}\n    eth2: {}\n  bonds:\n    bond0:\n";

    public static TheoryData<string, string, bool> Bonds => new()
    {
        { "a flow list with a quoted member continued with a backslash", "      interfaces: [\"eth\\\n        0\", eth2]\n", true },
        { "a block list at its key's indent with that member", "      interfaces:\n      - \"eth\\\n        0\"\n      - eth2\n", true },
        { "a deeper block list with that member", "      interfaces:\n        - eth2\n        - \"eth\\\n          0\"\n", true },
        { "eth0 in a comment after the list", "      interfaces: [eth2]  # was eth0\n", false },
        { "eth0 in a trailing comment of a block item", "      interfaces:\n      - eth2  # not eth0\n", false },
        { "a tagged member", "      interfaces:\n        - !!str eth0 # tagged\n        - eth2\n", true },
        // netplan adds up a repeated interfaces: (both eth0 and eth2 get Bond=bond0); the reader kept only the last list.
        { "interfaces repeated, eth0 in the first", "      interfaces: [eth0]\n      interfaces: [eth2]\n", true },
        { "interfaces repeated, eth0 in a block list after a flow one", "      interfaces: [eth2]\n      interfaces:\n      - eth0\n", true },
    };

    [Theory]
    [MemberData(nameof(Bonds))]
    public async Task A_reset_is_refused_exactly_when_netplan_makes_eth0_a_member(string name, string bond, bool member)
    {
        var yaml = Head + bond;
        using (var root = await NetplanAlone.GeneratedAsync(yaml, "50-cloud-init.yaml"))
        {
            var eth0 = File.ReadAllLines(root.Combine("run", "systemd", "network", "10-netplan-eth0.network"));
            Assert.True(member == eth0.Contains("Bond=bond0"), $"{name}: netplan wrote {string.Join(" | ", eth0)}");
        }

        var render = () => Render(yaml);

        if (member)
        {
            Assert.StartsWith($"{CloudInit} makes eth0 a member of bond0 (bonds);", Assert.Throws<InvalidNetworkDataException>(render).Message, StringComparison.Ordinal);
        }
        else
        {
            var edited = render().Files.Single(f => f.Path == CloudInit).Contents;
            Assert.Equal(yaml.Replace("    eth0: {dhcp4: true}\n", "    # eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n    eth0: {}\n", StringComparison.Ordinal), edited);
        }
    }
}
