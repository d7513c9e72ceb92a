using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

public sealed class NetplanConflictTests
{
    [Theory]
    [InlineData("network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n", true)]
    [InlineData("network:\n  ethernets:\n    id0:\n      match:\n        macaddress: \"BC:76:4E:20:6C:5B\"\n      dhcp4: true\n", true)]
    [InlineData("network:\n  ethernets:\n    eth7:\n      dhcp4: true\n", false)]
    [InlineData("network:\n  bridges:\n    br0:\n      interfaces: [eth7]\n", false)]
    public void Other_netplan_files_are_moved_aside_only_when_they_define_one_of_our_interfaces(string yaml, bool conflicting)
    {
        var current = new InMemoryFileView(new Dictionary<string, string> { ["/etc/netplan/50-cloud-init.yaml"] = yaml });

        var result = new NetplanRenderer().Render(NetworkFixture.Load("rackspace").Build(), current);

        Assert.Equal(conflicting, result.Removals.Contains("/etc/netplan/50-cloud-init.yaml"));
    }
}
