using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Per-interface files (ifcfg, route) are moved aside only for interfaces the system no longer
/// has: an interface that is not Ethernet (WireGuard, InfiniBand) is not configured by
/// <c>resetnetwork</c>, but it still exists and keeps its files.
/// </summary>
public sealed class StaleInterfaceFilesTests
{
    public static TheoryData<string, string> SysconfigDirectories() => new()
    {
        { "centos", "/etc/sysconfig/network-scripts" },
        { "opensuse", "/etc/sysconfig/network" },
    };

    [Theory]
    [MemberData(nameof(SysconfigDirectories))]
    public async Task Files_of_existing_non_ethernet_interfaces_are_kept_and_those_of_vanished_ones_moved_aside(string distribution, string directory)
    {
        using var root = RackspaceMachine(distribution);
        // WireGuard (type 65534, no hardware address) and IPoIB (type 32, a 20-byte address).
        root.Write("/sys/class/net/wg0/type", "65534\n");
        root.Write("/sys/class/net/wg0/address", "\n");
        root.Write("/sys/class/net/ib0/type", "32\n");
        root.Write("/sys/class/net/ib0/address", "80:00:02:08:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0b:5f:f1\n");
        const string wireGuard = "DEVICE=wg0\nONBOOT=yes\n";
        const string infiniBand = "DEVICE=ib0\nTYPE=InfiniBand\nIPADDR=10.9.0.5\nPREFIX=24\n";
        const string vanished = "DEVICE=eth9\nIPADDR=10.0.0.9\n";
        root.Write($"{directory}/ifcfg-wg0", wireGuard);
        root.Write($"{directory}/ifcfg-ib0", infiniBand);
        root.Write($"{directory}/ifcfg-eth9", vanished);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Equal(wireGuard, root.Read($"{directory}/ifcfg-wg0"));
        Assert.Equal(infiniBand, root.Read($"{directory}/ifcfg-ib0"));
        Assert.Null(root.Read($"{directory}/ifcfg-wg0.bak"));
        Assert.Null(root.Read($"{directory}/ifcfg-ib0.bak"));
        Assert.Null(root.Read($"{directory}/ifcfg-eth9"));
        Assert.Equal(vanished, root.Read($"{directory}/ifcfg-eth9.bak"));
    }

    [Fact]
    public void Every_interface_counts_as_present_but_only_ethernet_ones_are_listed_for_configuration()
    {
        var files = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/sys/class/net/eth0/address"] = "bc:76:4e:20:6c:5a\n",
            ["/sys/class/net/eth0/type"] = "1\n",
            ["/sys/class/net/wg0/type"] = "65534\n",
            ["/sys/class/net/ib0/type"] = "32\n",
        });

        Assert.Equal(["eth0"], SysfsInterfaceReader.Read(files).Select(i => i.Name));
        Assert.Equal(["eth0", "ib0", "wg0"], SysfsInterfaceReader.ReadNames(files));
    }
}
