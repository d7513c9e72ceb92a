using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Sources;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The previous version of a NetworkManager keyfile, and the keyfile of an interface no longer
/// configured, kept under a name NetworkManager's keyfile plugin skips (<c>.bak~</c>): it reads every
/// other name in <c>/etc/NetworkManager/system-connections</c>, <c>.bak</c> included, as a connection
/// (<see cref="NetworkManagerActiveConnectionTests"/> shows the old addresses staying with it).
/// </summary>
public sealed class NetworkManagerBackupNamesTests
{
    private static readonly string Eth0 = NetworkManagerRenderer.PathFor("eth0");
    private static readonly string Eth1 = NetworkManagerRenderer.PathFor("eth1");

    [Theory]
    [InlineData("/etc/NetworkManager/system-connections/guest-agent-eth0.nmconnection", ".bak~")]
    [InlineData("/etc/NetworkManager/system-connections/other", ".bak~")]
    [InlineData("/etc/NetworkManager/system-connections/sub/guest-agent-eth0.nmconnection", ".bak")]
    [InlineData("/etc/NetworkManager/system-connections", ".bak")]
    [InlineData("/etc/NetworkManager/NetworkManager.conf", ".bak")]
    [InlineData("/run/NetworkManager/system-connections/netplan-eth0.nmconnection", ".bak")]
    [InlineData("/etc/netplan/50-cloud-init.yaml", ".bak")]
    [InlineData("/etc/hosts", ".bak")]
    public void Only_files_of_the_keyfile_directory_get_the_inert_suffix(string path, string suffix)
    {
        Assert.Equal(suffix, NetworkBackups.SuffixFor(path));
        Assert.Equal(path + suffix, NetworkBackups.PathOf(path));
    }

    [Fact]
    public async Task A_second_reset_keeps_the_old_keyfile_and_moves_a_stale_one_where_NetworkManager_does_not_read()
    {
        using var root = RackspaceMachine("fedora");
        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));
        var (eth0, eth1) = (root.Read(Eth0), root.Read(Eth1));

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, Eth0Only()));

        Assert.NotEqual(eth0, root.Read(Eth0));
        Assert.Equal(eth0, root.Read(Eth0 + ".bak~"));
        Assert.Null(root.Read(Eth1));
        Assert.Equal(eth1, root.Read(Eth1 + ".bak~"));
        Assert.Null(root.Read(Eth0 + ".bak"));
        Assert.Null(root.Read(Eth1 + ".bak"));
    }

    [Fact]
    public async Task A_failed_up_puts_both_keyfiles_and_their_backups_back()
    {
        using var root = RackspaceMachine("fedora");
        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));
        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, Eth0Only()));
        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));
        var before = root.Hash("/var");

        var result = await ResetAsync(root, Eth0Only(), "nmcli");

        Assert.Equal("500", result.ReturnCode);
        Assert.Equal(before, root.Hash("/var"));
    }

    [Fact]
    public async Task A_backup_an_earlier_agent_left_where_NetworkManager_reads_it_is_moved_aside_and_back_on_rollback()
    {
        using var root = RackspaceMachine("fedora");
        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));
        root.Write(Eth0 + ".bak", "[connection]\nid=guest-agent-eth0\n");
        root.Write(Eth1 + ".bak", "[connection]\nid=guest-agent-eth1\n");
        var before = root.Hash("/var");

        Assert.Equal("500", (await ResetAsync(root, Eth0Only(), "nmcli")).ReturnCode);
        Assert.Equal(before, root.Hash("/var"));
        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, Eth0Only()));

        Assert.Null(root.Read(Eth0 + ".bak"));
        Assert.Null(root.Read(Eth1 + ".bak"));
        Assert.Equal("[connection]\nid=guest-agent-eth0\n", root.Read(Eth0 + ".bak.bak~"));
        Assert.Equal("[connection]\nid=guest-agent-eth1\n", root.Read(Eth1 + ".bak.bak~"));
    }

    /// <summary>The rackspace example's eth0 entry alone, with another second DNS server: eth0's keyfile changes, eth1 is no longer configured.</summary>
    private static InMemoryVmDataSource Eth0Only()
    {
        var data = NetworkFixture.Load("rackspace");
        return new InMemoryVmDataSource(
            data.Networking.Take(1).Select(e => new KeyValuePair<string, string>(e.Key, System.Text.Encoding.UTF8.GetString(e.Value).Replace("69.20.0.196", "69.20.0.197", StringComparison.Ordinal))),
            "other-name");
    }
}
