using static GuestAgent.Commands.Tests.Network.NetplanTwoNicMachine;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// On netplan, a reconciled file keeps its network-wide settings (<c>renderer</c>), so the renderer
/// the real <c>netplan generate</c> picks for our interface is the one it picked before; and
/// symbolic links in netplan's directories are read as netplan reads them and never written
/// through or replaced.
/// </summary>
public sealed class NetplanSettingsEndToEndTests
{
    private const string OurAddress = "162.209.76.19/24";

    private const string CloudInitWithRenderer =
        "network:\n  version: 2\n  renderer: NetworkManager\n  ethernets:\n    eth0:\n      dhcp4: true\n      addresses: [10.0.0.5/24]\n";

    private const string OnlyEth0 = "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [10.1.0.5/24]\n";

    /// <summary>The machine with eth0 alone and the given netplan files (0600).</summary>
    internal static FakeRoot Machine(params (string Path, string Yaml)[] files) =>
        WithFiles(eth1: false, [.. files.Select(f => (f.Path, f.Yaml, Private))]);

    /// <summary>Which renderer netplan hands eth0 to, and the file it writes for it.</summary>
    internal static async Task<(string Renderer, string File)> Eth0Async(FakeRoot root)
    {
        var generate = await GenerateAsync(root);
        Assert.True(generate.ExitCode == 0, $"netplan generate failed ({generate.ExitCode}): {generate.StandardError}");
        var networkd = root.Read("/run/systemd/network/10-netplan-eth0.network");
        var networkManager = root.Read("/run/NetworkManager/system-connections/netplan-eth0.nmconnection");
        Assert.True(
            (networkd is null) != (networkManager is null),
            "eth0 is rendered by exactly one of networkd and NetworkManager: " + string.Join(", ", Directory.GetFiles(root.Host("/run"), "*", SearchOption.AllDirectories)));
        return networkd is not null ? ("networkd", networkd) : ("NetworkManager", networkManager!);
    }

    [Fact]
    public async Task A_file_of_only_our_interface_keeps_its_renderer_and_netplan_keeps_handing_eth0_to_it()
    {
        // The premise: netplan takes the last renderer by file name, so moving 50-cloud-init.yaml aside would hand eth0 to networkd.
        using var root = Machine(("/etc/netplan/10-base.yaml", "network:\n  version: 2\n  renderer: networkd\n"), ("/etc/netplan/50-cloud-init.yaml", CloudInitWithRenderer));
        Assert.Equal("NetworkManager", (await Eth0Async(root)).Renderer);
        File.Move(root.Host("/etc/netplan/50-cloud-init.yaml"), root.Host("/tmp-aside.yaml"));
        root.Write("/etc/netplan/90-guest-agent.yaml", OnlyEth0);
        File.SetUnixFileMode(root.Host("/etc/netplan/90-guest-agent.yaml"), Private);
        Assert.Equal("networkd", (await Eth0Async(root)).Renderer);
        File.Delete(root.Host("/etc/netplan/90-guest-agent.yaml"));
        File.Move(root.Host("/tmp-aside.yaml"), root.Host("/etc/netplan/50-cloud-init.yaml"));

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Contains("  renderer: NetworkManager\n", root.Read("/etc/netplan/50-cloud-init.yaml"), StringComparison.Ordinal);
        Assert.Equal(CloudInitWithRenderer, root.Read("/etc/netplan/50-cloud-init.yaml.bak"));
        Assert.Equal(Private, root.Mode("/etc/netplan/50-cloud-init.yaml"));
        var (renderer, file) = await Eth0Async(root);
        Assert.Equal("NetworkManager", renderer);
        Assert.Contains(OurAddress, file, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.5", file, StringComparison.Ordinal);

        // Done once: a second identical reset changes no file.
        var first = root.Hash("/var", "/run");
        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));
        Assert.Equal(first, root.Hash("/var", "/run"));
    }

    [Fact]
    public async Task A_failed_apply_puts_the_file_with_the_renderer_back_exactly()
    {
        using var root = Machine(("/etc/netplan/50-cloud-init.yaml", CloudInitWithRenderer));
        var before = root.Hash("/var");

        var result = await ResetAsync(root, VmData(), "netplan");

        Assert.Equal("500", result.ReturnCode);
        Assert.Equal(before, root.Hash("/var"));
    }

    [Fact]
    public async Task A_package_files_renderer_stays_in_its_shadow()
    {
        using var root = Machine(("/lib/netplan/50-vendor.yaml", CloudInitWithRenderer));

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Equal(CloudInitWithRenderer, root.Read("/lib/netplan/50-vendor.yaml"));
        var (renderer, file) = await Eth0Async(root);
        Assert.Equal("NetworkManager", renderer);
        Assert.Contains(OurAddress, file, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.5", file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_to_a_file_defining_our_interface_is_read_by_netplan_so_the_reset_is_refused_and_nothing_changes()
    {
        using var root = Machine(("/srv/cloud.yaml", OnlyEth0));
        root.Link("/etc/netplan/50-cloud-init.yaml", "../../srv/cloud.yaml");
        Assert.Contains("Address=10.1.0.5/24", (await Eth0Async(root)).File, StringComparison.Ordinal);
        var before = root.Hash("/var", "/run");

        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.Contains("/etc/netplan/50-cloud-init.yaml is a symbolic link to /srv/cloud.yaml", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, root.Hash("/var", "/run"));
    }

    [Fact]
    public async Task A_link_to_dev_null_masks_a_package_file_for_netplan_and_is_kept()
    {
        using var root = Machine(("/lib/netplan/50-vendor.yaml", OnlyEth0));
        root.Link("/etc/netplan/50-vendor.yaml", "/dev/null");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Equal("/dev/null", root.LinkTarget("/etc/netplan/50-vendor.yaml"));
        var (_, file) = await Eth0Async(root);
        Assert.Contains(OurAddress, file, StringComparison.Ordinal);
        Assert.DoesNotContain("10.1.0.5", file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Our_own_file_as_a_link_is_not_written_through()
    {
        using var root = Machine(("/srv/ours.yaml", OnlyEth0));
        root.Link("/etc/netplan/90-guest-agent.yaml", "../../srv/ours.yaml");
        var before = root.Hash("/var", "/run");

        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.Contains("symbolic link", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, root.Hash("/var", "/run"));
        Assert.Equal(OnlyEth0, root.Read("/srv/ours.yaml"));
    }

    [Fact]
    public async Task A_dangling_link_that_netplan_fails_on_is_refused_before_anything_changes()
    {
        using var root = Machine();
        root.Link("/etc/netplan/50-cloud-init.yaml", "../../srv/gone.yaml");
        Assert.NotEqual(0, (await GenerateAsync(root)).ExitCode);
        var before = root.Hash("/var", "/run");

        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.Contains("/etc/netplan/50-cloud-init.yaml is a symbolic link to /srv/gone.yaml, which is not a file, so netplan fails on it", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, root.Hash("/var", "/run"));
    }
}
