using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;
using static GuestAgent.Commands.Tests.Network.NetplanSettingsEndToEndTests;
using static GuestAgent.Commands.Tests.Network.NetplanTwoNicMachine;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// What resetnetwork makes of netplan trees that are odd but real, each checked against the real
/// <c>netplan generate --root-dir</c>: a broken package link that the agent's own shadow hides, a
/// link whose target has <c>..</c> after a directory link, a file that netplan rejects outright,
/// and a flow-style file.
/// </summary>
public sealed class NetplanTreeChecksEndToEndTests
{
    private const string OnlyEth0 = "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [10.1.0.5/24]\n";

    private const string OnlyEth1 = "network:\n  version: 2\n  ethernets:\n    eth1:\n      dhcp4: true\n";

    [Fact]
    public async Task A_dangling_package_link_hidden_by_our_shadow_keeps_the_shadow_and_the_reset_goes_ahead()
    {
        using var root = Machine(("/etc/netplan/50-vendor.yaml", NetplanShadow.Header("/lib/netplan/50-vendor.yaml") + "network:\n  version: 2\n  ethernets:\n    eth2: {}\n"));
        File.SetUnixFileMode(root.Host("/etc/netplan/50-vendor.yaml"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        root.Link("/lib/netplan/50-vendor.yaml", "../../usr/share/vendor/gone.yaml");

        // The premise: the shadow hides the broken link from netplan.
        Assert.Equal(0, (await GenerateAsync(root)).ExitCode);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        var shadow = root.Read("/etc/netplan/50-vendor.yaml")!;
        Assert.StartsWith(NetplanShadow.Header("/lib/netplan/50-vendor.yaml"), shadow, StringComparison.Ordinal);
        Assert.EndsWith("network:\n  version: 2\n", shadow, StringComparison.Ordinal);
        var (_, eth0) = await Eth0Async(root);
        Assert.Contains("162.209.76.19/24", eth0, StringComparison.Ordinal);

        // Done once: a second reset changes nothing; and without the shadow netplan would fail on the link.
        var after = root.Hash("/var", "/run");
        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));
        Assert.Equal(after, root.Hash("/var", "/run"));
        File.Delete(root.Host("/etc/netplan/50-vendor.yaml"));
        Assert.NotEqual(0, (await GenerateAsync(root)).ExitCode);
    }

    [Fact]
    public async Task A_link_target_with_dot_dot_after_a_directory_link_is_read_where_the_kernel_leads()
    {
        // sub/../../y.yaml: by text /etc/y.yaml (only eth1); the kernel follows sub to /opt/b/c first, so /opt/y.yaml (eth0).
        using var root = Machine(("/etc/y.yaml", OnlyEth1), ("/opt/y.yaml", OnlyEth0));
        FixtureDirectories.Create(root.Host("/opt/b/c"));
        root.Link("/etc/netplan/sub", "../../opt/b/c");
        root.Link("/etc/netplan/50-cloud-init.yaml", "sub/../../y.yaml");
        Assert.Contains("10.1.0.5/24", (await Eth0Async(root)).File, StringComparison.Ordinal);
        var before = root.Hash("/var", "/run");

        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.StartsWith(
            "/etc/netplan/50-cloud-init.yaml is a symbolic link to /opt/y.yaml, which netplan reads and which defines an interface resetnetwork configures",
            result.Message,
            StringComparison.Ordinal);
        Assert.Equal(before, root.Hash("/var", "/run"));
    }

    [Fact]
    public async Task A_file_with_a_top_level_key_netplan_rejects_is_refused_before_anything_changes()
    {
        using var root = Machine(("/etc/netplan/50-cloud-init.yaml", OnlyEth0 + "extra: 1\n"));
        var generate = await GenerateAsync(root);
        Assert.NotEqual(0, generate.ExitCode);
        Assert.Contains("unknown key 'extra'", generate.StandardError, StringComparison.Ordinal);
        var before = root.Hash("/var", "/run");

        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.Equal(
            "/etc/netplan/50-cloud-init.yaml has the top-level key 'extra' beside network:, which netplan rejects (unknown key), so netplan fails on it already; remove the key; nothing was changed",
            result.Message);
        Assert.Equal(before, root.Hash("/var", "/run"));
    }

    [Fact]
    public async Task A_flow_style_file_defining_our_interface_is_refused_and_netplan_would_have_merged_it()
    {
        using var root = Machine(("/etc/netplan/50-cloud-init.yaml", "network: {version: 2, ethernets: {eth0: {addresses: [10.1.0.5/24]}}}\n"));
        var before = root.Hash("/var", "/run");

        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.Equal(
            "/etc/netplan/50-cloud-init.yaml defines eth0 in a form resetnetwork cannot edit (flow style, tabs, several documents or a repeated network: key); nothing was changed",
            result.Message);
        Assert.Equal(before, root.Hash("/var", "/run"));

        // Why: beside our file, netplan merges the flow-style definition into eth0 (the old address stays).
        root.Write("/etc/netplan/90-guest-agent.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [162.209.76.19/24]\n");
        File.SetUnixFileMode(root.Host("/etc/netplan/90-guest-agent.yaml"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var (_, eth0) = await Eth0Async(root);
        Assert.Contains("10.1.0.5/24", eth0, StringComparison.Ordinal);
        Assert.Contains("162.209.76.19/24", eth0, StringComparison.Ordinal);
    }
}
