using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>networkd, NetworkManager and netctl remove their own files for interfaces no longer configured, and nothing else.</summary>
public sealed class OwnedFilesTests
{
    [Fact]
    public void Networkd_removes_only_its_own_files_for_interfaces_it_no_longer_writes()
    {
        var configuration = NetworkFixture.Load("ipv4-only").Build();
        var current = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/etc/systemd/network/05-guest-agent-eth0.network"] = "old\n",
            ["/etc/systemd/network/05-guest-agent-eth7.network"] = "stale\n",
            ["/etc/systemd/network/05-guest-agent-eth7.network.bak"] = "backup\n",
            ["/etc/systemd/network/10-netplan-eth7.network"] = "not ours\n",
        });

        var result = new NetworkdRenderer().Render(configuration, current);

        Assert.Contains(result.Files, f => f.Path == "/etc/systemd/network/05-guest-agent-eth0.network");
        Assert.Equal(["/etc/systemd/network/05-guest-agent-eth7.network"], result.Removals);
    }

    [Fact]
    public void NetworkManager_removes_only_its_own_keyfiles_for_interfaces_it_no_longer_writes()
    {
        var configuration = NetworkFixture.Load("ipv4-only").Build();
        const string Directory = "/etc/NetworkManager/system-connections";
        var current = new InMemoryFileView(new Dictionary<string, string>
        {
            [$"{Directory}/guest-agent-eth0.nmconnection"] = "old\n",
            [$"{Directory}/guest-agent-eth7.nmconnection"] = "stale\n",
            [$"{Directory}/guest-agent-eth7.nmconnection.bak"] = "an earlier agent's backup, which NetworkManager reads\n",
            [$"{Directory}/guest-agent-eth0.nmconnection.bak~"] = "backup\n",
            [$"{Directory}/Wired connection 1.nmconnection"] = "not ours\n",
            [$"{Directory}/Wired connection 1.nmconnection.bak"] = "not ours\n",
        });

        var result = new NetworkManagerRenderer().Render(configuration, current);

        Assert.Contains(result.Files, f => f.Path == $"{Directory}/guest-agent-eth0.nmconnection");
        Assert.Equal([$"{Directory}/guest-agent-eth7.nmconnection", $"{Directory}/guest-agent-eth7.nmconnection.bak"], result.Removals);
    }

    [Fact]
    public void Netctl_removes_only_its_own_profiles_for_interfaces_it_no_longer_writes()
    {
        var configuration = NetworkFixture.Load("ipv4-only").Build();
        const string Marker = "# Written by guest-agent resetnetwork\n";
        var current = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/etc/netctl/eth0"] = Marker + "old\n",
            ["/etc/netctl/eth7"] = Marker + "stale\n",
            ["/etc/netctl/eth7.bak"] = Marker + "backup\n",
            ["/etc/netctl/wlan0-home"] = "Interface=wlan0\nConnection=wireless\n",
        });

        var result = new NetctlRenderer().Render(configuration, current);

        Assert.Contains(result.Files, f => f.Path == "/etc/netctl/eth0");
        Assert.Equal(["/etc/netctl/eth7"], result.Removals);
    }
}
