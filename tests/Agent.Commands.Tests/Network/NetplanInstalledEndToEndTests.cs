using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Sources;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// <c>resetnetwork</c> on Debian cloud images that have netplan installed: Debian 12's runs ifupdown
/// and netplan has no file, so ifupdown's files are written and netplan is left alone; Debian 13's
/// runs netplan (cloud-init's file), so our netplan file is written and applied.
/// </summary>
public sealed class NetplanInstalledEndToEndTests
{
    private const string Wants = "/etc/systemd/system/multi-user.target.wants";

    /// <summary>Runs resetnetwork as the daemon does, with a logger, and returns the answer and what was logged.</summary>
    private static async Task<(CommandResult Result, string[] Log)> ResetAsync(FakeRoot root, IVmDataSource vmData)
    {
        var logs = new CapturingLoggerFactory();
        var command = new NetworkCommands(root.CreateSystem(), vmData, logger: logs.CreateLogger<NetworkCommands>());
        try
        {
            return (await command.ResetNetworkAsync(ResetNetworkRequest.Context()), [.. logs.Messages]);
        }
        catch (CommandException error)
        {
            return (error.ToResult(), [.. logs.Messages]);
        }
    }

    [Fact]
    public async Task Debian_12_running_ifupdown_with_netplan_installed_gets_ifupdown_files_and_no_netplan_file()
    {
        using var root = ResetNetworkEndToEndTests.RackspaceMachine("debian");
        root.Write("/etc/network/interfaces", "source /etc/network/interfaces.d/*\n\nauto lo\niface lo inet loopback\n");
        root.Link($"{Wants}/networking.service", "/lib/systemd/system/networking.service");
        root.Write("/run/network/ifstate", "lo=lo\neth0=eth0\n");
        root.Write("/usr/sbin/netplan", "");
        root.Link("/lib/netplan/generate", "/usr/libexec/netplan/generate");
        FixtureDirectories.Create(root.Host("/etc/netplan"));

        var (result, log) = await ResetAsync(root, ResetNetworkEndToEndTests.VmData());

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Contains($"Information: Request {ResetNetworkRequest.Id}: resetnetwork: system 'debian' 12, network services in use: ifupdown, netplan installed without a file; writing for ifupdown", log);
        Assert.Contains("iface eth0 inet static", root.Read("/etc/network/interfaces"), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root.Host("/etc/netplan")));
        Assert.Equal(
            ["ifdown -f eth0", "ifdown -f eth1", "hostname test-server", "ip addr flush dev eth0 scope global", "ip addr flush dev eth1 scope global", "ifup -f eth0", "ifup -f eth1"],
            root.Actions());
    }

    [Fact]
    public async Task Debian_13_with_cloud_inits_netplan_file_gets_our_netplan_file_applied()
    {
        using var root = ResetNetworkEndToEndTests.RackspaceMachine("ubuntu");
        root.Write("/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nID=debian\nVERSION_ID=\"13\"\n");
        root.Link($"{Wants}/systemd-networkd.service", "/usr/lib/systemd/system/systemd-networkd.service");
        root.Write("/etc/netplan/50-cloud-init.yaml", "network:\n  version: 2\n  ethernets:\n    enX0:\n      dhcp4: true\n");

        var (result, log) = await ResetAsync(root, ResetNetworkEndToEndTests.VmData());

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Contains($"Information: Request {ResetNetworkRequest.Id}: resetnetwork: system 'debian' 13, network services in use: networkd, netplan configured; writing for netplan", log);
        Assert.Contains("162.209.76.19", root.Read("/etc/netplan/90-guest-agent.yaml"), StringComparison.Ordinal);
        Assert.Null(root.Read("/etc/network/interfaces"));
        Assert.Contains("netplan apply", root.Actions());
    }
}
