using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// A netplan file whose only devices are ones <c>resetnetwork</c> configures (eth0 of the rackspace
/// example), but which also sets something network-wide (<c>renderer</c>, <c>openvswitch</c>) or a
/// section's <c>renderer</c>, keeps that setting: it is edited like a file with other devices, not
/// moved aside or emptied. <see cref="NetplanSettingsEndToEndTests"/> shows the real netplan agreeing.
/// </summary>
public sealed class NetplanSettingsTests
{
    private const string Comment = "# eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml";

    private const string WithRenderer =
        "# Written by cloud-init\nnetwork:\n  version: 2\n  renderer: NetworkManager\n  ethernets:\n    eth0:\n      dhcp4: true\n";

    private const string Edited =
        $"# Written by cloud-init\nnetwork:\n  version: 2\n  renderer: NetworkManager\n  ethernets:\n    {Comment}\n    eth0: {{}}\n";

    private static RenderResult Render(params (string Path, string Yaml)[] files) =>
        new NetplanRenderer().Render(NetworkFixture.Load("rackspace").Build(), new InMemoryFileView(files.ToDictionary(f => f.Path, f => f.Yaml)));

    private static Dictionary<string, string> Others(RenderResult result) =>
        result.Files.Where(f => f.Path != NetplanRenderer.FilePath).ToDictionary(f => f.Path, f => f.Contents);

    [Fact]
    public void An_etc_file_of_only_our_interfaces_that_sets_the_renderer_is_edited_not_moved_aside()
    {
        var result = Render(("/etc/netplan/50-cloud-init.yaml", WithRenderer));

        Assert.Empty(result.Removals);
        Assert.Equal(new Dictionary<string, string> { ["/etc/netplan/50-cloud-init.yaml"] = Edited }, Others(result));

        // Done once: the edited file holds nothing of ours, and the next run leaves it alone.
        var again = Render(("/etc/netplan/50-cloud-init.yaml", Edited));
        Assert.Empty(again.Removals);
        Assert.Empty(Others(again));
    }

    [Fact]
    public void Without_a_setting_such_a_file_is_still_moved_aside()
    {
        var result = Render(("/etc/netplan/50-cloud-init.yaml", WithRenderer.Replace("  renderer: NetworkManager\n", "", StringComparison.Ordinal)));

        Assert.Equal(["/etc/netplan/50-cloud-init.yaml"], result.Removals);
        Assert.Empty(Others(result));
    }

    [Fact]
    public void A_file_hiding_another_keeps_its_renderer_instead_of_being_emptied()
    {
        var result = Render(("/etc/netplan/50-vendor.yaml", WithRenderer), ("/lib/netplan/50-vendor.yaml", "network:\n  version: 2\n"));

        Assert.Empty(result.Removals);
        Assert.Equal(Edited, Others(result)["/etc/netplan/50-vendor.yaml"]);
    }

    [Fact]
    public void A_package_file_keeps_its_renderer_in_its_shadow()
    {
        var result = Render(("/lib/netplan/50-vendor.yaml", WithRenderer));

        Assert.Empty(result.Removals);
        var shadow = Others(result)["/etc/netplan/50-vendor.yaml"];
        Assert.StartsWith("# Replaces /lib/netplan/50-vendor.yaml (left as the package installed it)", shadow, StringComparison.Ordinal);
        Assert.EndsWith("\n" + Edited, shadow, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sections_renderer_is_no_device_and_keeps_its_section()
    {
        // id0 matches eth0's MAC: taken out whole (nothing refers to it), but the section keeps its renderer.
        const string yaml =
            "network:\n  version: 2\n  ethernets:\n    renderer: NetworkManager\n    id0:\n      match:\n        macaddress: bc:76:4e:20:6c:5a\n      dhcp4: true\n";

        var result = Render(("/etc/netplan/50-cloud-init.yaml", yaml));

        Assert.Empty(result.Removals);
        Assert.Equal(
            "network:\n  version: 2\n  ethernets:\n    renderer: NetworkManager\n    # id0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n",
            Others(result)["/etc/netplan/50-cloud-init.yaml"]);
    }

    [Fact]
    public void Any_other_network_wide_key_counts_as_a_setting()
    {
        const string yaml = "network:\n  version: 2\n  openvswitch:\n    protocols: [OpenFlow13]\n  ethernets:\n    eth0:\n      dhcp4: true\n";

        var result = Render(("/etc/netplan/50-cloud-init.yaml", yaml));

        Assert.Empty(result.Removals);
        Assert.Contains("  openvswitch:\n    protocols: [OpenFlow13]\n", Others(result)["/etc/netplan/50-cloud-init.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public void An_anchor_in_a_file_kept_only_for_its_renderer_is_no_reason_to_refuse()
    {
        // Moved aside before it was kept for its renderer; nothing is left that could use the anchor.
        var result = Render(("/etc/netplan/50-cloud-init.yaml", WithRenderer.Replace("    eth0:\n", "    eth0: &common\n", StringComparison.Ordinal)));

        Assert.Empty(result.Removals);
        Assert.Equal(Edited, Others(result)["/etc/netplan/50-cloud-init.yaml"]);
    }

    [Fact]
    public void A_run_file_named_like_ours_that_sets_the_renderer_is_refused_rather_than_losing_it()
    {
        var error = Assert.Throws<InvalidNetworkDataException>(() => Render(("/run/netplan/90-guest-agent.yaml", WithRenderer)));

        Assert.Equal(
            "/run/netplan/90-guest-agent.yaml has the name of /etc/netplan/90-guest-agent.yaml, so netplan reads it instead, and it also sets renderer, " +
            "which moving it aside would lose; move it away or let another network system configure this guest; nothing was changed",
            error.Message);
    }

    [Fact]
    public void The_layout_lists_the_settings_and_not_a_sections_renderer_as_a_device()
    {
        var layout = NetplanFileLayout.TryRead("network:\n  version: 2\n  renderer: networkd\n  ethernets:\n    renderer: NetworkManager\n    eth0: {}\n")!;

        Assert.Equal(["renderer", "ethernets renderer"], layout.Settings);
        Assert.Equal(["eth0"], layout.Definitions.Select(d => d.Id));
        Assert.Empty(NetplanFileLayout.TryRead("network:\n  version: 2\n  ethernets:\n    eth0: {}\n")!.Settings);
    }

    [Fact]
    public void A_top_level_key_beside_network_is_a_setting_and_the_file_is_refused()
    {
        // netplan 0.106 fails on it ("unknown key"; NetplanTreeChecksEndToEndTests): refused up front, not left to fail the apply.
        const string yaml = "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\nextra: 1\n";
        Assert.Equal(["extra"], NetplanFileLayout.TryRead(yaml)!.Settings);
        Assert.Equal(["extra"], NetplanFileLayout.TryRead(yaml)!.ForeignKeys);
        Assert.Empty(NetplanFileLayout.TryRead(WithRenderer)!.ForeignKeys);

        var error = Assert.Throws<InvalidNetworkDataException>(() => Render(("/etc/netplan/60-other.yaml", "network:\n  version: 2\nextra: 1\n")));
        Assert.Equal(
            "/etc/netplan/60-other.yaml has the top-level key 'extra' beside network:, which netplan rejects (unknown key), so netplan fails on it already; remove the key; nothing was changed",
            error.Message);

        // Hidden by a /run file, netplan fails on it only after the next boot.
        var hidden = Assert.Throws<InvalidNetworkDataException>(() => Render(("/run/netplan/60-other.yaml", "network:\n  version: 2\n"), ("/etc/netplan/60-other.yaml", "extra: 1\n")));
        Assert.Contains("so netplan fails on it after the next boot", hidden.Message, StringComparison.Ordinal);

        // A package's file behind our shadow: netplan reads the shadow now, but the reset would rebuild it with the key, or remove it.
        var shadowed = Assert.Throws<InvalidNetworkDataException>(() => Render(
            ("/lib/netplan/60-other.yaml", "network:\n  version: 2\nextra: 1\n"),
            ("/etc/netplan/60-other.yaml", NetplanShadow.Header("/lib/netplan/60-other.yaml") + "network:\n  version: 2\n")));
        Assert.Contains("so netplan fails on it once the reset rebuilds or removes its shadow /etc/netplan/60-other.yaml;", shadowed.Message, StringComparison.Ordinal);
    }
}
