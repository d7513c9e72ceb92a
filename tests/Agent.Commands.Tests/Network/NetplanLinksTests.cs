using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Symbolic links named <c>*.yaml</c> in netplan's directories: read through, as netplan reads them
/// (<see cref="NetplanSettingsEndToEndTests"/> checks that on the real netplan), and never written
/// through, replaced or moved: one that would have to change is refused, nothing changed.
/// </summary>
public sealed class NetplanLinksTests
{
    private const string OnlyEth0 = "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [10.1.0.5/24]\n";

    private const string Eth0AndEth2 = "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n    eth2:\n      addresses: [10.20.0.5/24]\n";

    private const string OnlyEth2 = "network:\n  version: 2\n  ethernets:\n    eth2:\n      dhcp4: true\n";

    private static RenderResult Render(Dictionary<string, string> links, params (string Path, string Yaml)[] files) =>
        new NetplanRenderer().Render(NetworkFixture.Load("rackspace").Build(), new InMemoryFileView(files.ToDictionary(f => f.Path, f => f.Yaml), linkTargets: links));

    private static Dictionary<string, string> Others(RenderResult result) =>
        result.Files.Where(f => f.Path != NetplanRenderer.FilePath).ToDictionary(f => f.Path, f => f.Contents);

    [Theory]
    [InlineData("/srv/netplan/cloud.yaml", "/srv/netplan/cloud.yaml", OnlyEth0)]
    [InlineData("../../srv/netplan/cloud.yaml", "/srv/netplan/cloud.yaml", Eth0AndEth2)]
    [InlineData("cloud.yaml", "/etc/netplan/cloud.yaml", OnlyEth0)]
    public void A_link_to_a_file_defining_our_interface_is_refused(string target, string resolved, string yaml)
    {
        // A target in /etc/netplan is configuration by its own name as well, but the link comes first by name and is refused.
        var links = new Dictionary<string, string> { ["/etc/netplan/50-cloud-init.yaml"] = target };

        var error = Assert.Throws<InvalidNetworkDataException>(() => Render(links, (resolved, yaml)));

        Assert.StartsWith(
            $"/etc/netplan/50-cloud-init.yaml is a symbolic link to {resolved}, which netplan reads and which defines an interface resetnetwork configures; ",
            error.Message,
            StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_runtime_link_named_like_our_file_is_refused_not_moved()
    {
        // netplan reads it instead of ours, so it would have to go whole; moving a link would lose it for whoever made it.
        var links = new Dictionary<string, string> { ["/run/netplan/90-guest-agent.yaml"] = "/srv/ours.yaml" };

        var error = Assert.Throws<InvalidNetworkDataException>(() => Render(links, ("/srv/ours.yaml", OnlyEth0)));

        Assert.StartsWith(
            "/run/netplan/90-guest-agent.yaml is a symbolic link to /srv/ours.yaml, which netplan reads instead of /etc/netplan/90-guest-agent.yaml; ",
            error.Message,
            StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_to_a_file_without_our_interfaces_is_left_alone_but_still_read()
    {
        var links = new Dictionary<string, string> { ["/etc/netplan/60-bond.yaml"] = "/srv/bond.yaml" };

        var unrelated = Render(links, ("/srv/bond.yaml", OnlyEth2));
        Assert.Empty(unrelated.Removals);
        Assert.Empty(Others(unrelated));

        // Read: a bond there that enslaves eth0 is refused as in a regular file.
        var error = Assert.Throws<InvalidNetworkDataException>(() => Render(links, ("/srv/bond.yaml", "network:\n  version: 2\n  bonds:\n    bond0:\n      interfaces: [eth0]\n")));
        Assert.StartsWith("/etc/netplan/60-bond.yaml makes eth0 a member of bond0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_to_dev_null_masks_a_package_file_and_needs_no_shadow()
    {
        var links = new Dictionary<string, string> { ["/etc/netplan/50-vendor.yaml"] = "/dev/null" };

        var result = Render(links, ("/lib/netplan/50-vendor.yaml", OnlyEth0));

        Assert.Empty(result.Removals);
        Assert.Empty(Others(result));
    }

    [Theory]
    [InlineData("/srv/missing.yaml", "/srv/missing.yaml")]
    [InlineData("loop.yaml", "/etc/netplan/loop.yaml")]
    public void A_dangling_or_looping_link_which_netplan_fails_on_is_refused(string target, string resolved)
    {
        var links = new Dictionary<string, string> { ["/etc/netplan/50-cloud-init.yaml"] = target, ["/etc/netplan/loop.yaml"] = "loop.yaml" };

        var error = Assert.Throws<InvalidNetworkDataException>(() => Render(links));

        Assert.Equal(
            $"/etc/netplan/50-cloud-init.yaml is a symbolic link to {resolved}, which is not a file, so netplan fails on it; fix or remove the link; nothing was changed",
            error.Message);
    }

    [Fact]
    public void A_package_file_that_is_a_link_gets_a_regular_shadow_and_the_link_is_left_alone()
    {
        var links = new Dictionary<string, string> { ["/lib/netplan/50-vendor.yaml"] = "../../usr/share/vendor/net.yaml" };

        var result = Render(links, ("/usr/share/vendor/net.yaml", Eth0AndEth2));

        Assert.Empty(result.Removals);
        var shadow = Assert.Single(Others(result));
        Assert.Equal("/etc/netplan/50-vendor.yaml", shadow.Key);
        Assert.Contains("    eth2:\n      addresses: [10.20.0.5/24]\n", shadow.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/etc/netplan/a.yaml", "b.yaml", "/etc/netplan/b.yaml")]
    [InlineData("/etc/netplan/a.yaml", "../../srv/./x/../b.yaml", "/srv/b.yaml")]
    [InlineData("/etc/netplan/a.yaml", "/dev/null", "/dev/null")]
    [InlineData("/etc/netplan/a.yaml", "../../../../b.yaml", "/b.yaml")]
    [InlineData("/etc/netplan/a.yaml", "sub/../../y.yaml", "/opt/y.yaml")]
    [InlineData("/etc/netplan/a.yaml", "/etc/netplan/sub/../b.yaml", "/opt/b/b.yaml")]
    [InlineData("/etc/netplan/a.yaml", "abs/../y.yaml", "/opt/b/y.yaml")]
    [InlineData("/etc/netplan/a.yaml", "chain.yaml", "/srv/b.yaml")]
    public void A_link_target_is_resolved_from_the_links_directory_as_the_kernel_does(string link, string target, string resolved)
    {
        // sub (and abs, by an absolute target) leads to /opt/b/c: the kernel takes sub/.. as /opt/b, where folding the text would give /etc/netplan.
        var view = new InMemoryFileView(linkTargets: new Dictionary<string, string> { [link] = target, ["/etc/netplan/sub"] = "../../opt/b/c", ["/etc/netplan/abs"] = "/opt/b/c", ["/etc/netplan/chain.yaml"] = "/srv/b.yaml" });

        Assert.Equal((resolved, true), NetplanFileReader.RealPath(view, link));
    }

    [Fact]
    public void A_link_loop_stops_at_the_kernels_limit()
    {
        var view = new InMemoryFileView(linkTargets: new Dictionary<string, string> { ["/etc/netplan/a.yaml"] = "b.yaml", ["/etc/netplan/b.yaml"] = "a.yaml" });

        Assert.False(NetplanFileReader.RealPath(view, "/etc/netplan/a.yaml").Complete);
        Assert.Equal(new NetplanFileText(null, "/etc/netplan/a.yaml"), NetplanFileReader.Read(view, "/etc/netplan/a.yaml"));
    }

    [Fact]
    public void A_dangling_package_link_hidden_by_our_shadow_keeps_the_shadow_emptied()
    {
        // netplan reads the shadow, not the link (NetplanTreeChecksEndToEndTests): removing the shadow would make it fail.
        var links = new Dictionary<string, string> { ["/lib/netplan/50-vendor.yaml"] = "/usr/share/vendor/gone.yaml" };
        var shadow = NetplanShadow.Header("/lib/netplan/50-vendor.yaml") + Eth0AndEth2;

        var result = Render(links, ("/etc/netplan/50-vendor.yaml", shadow));

        Assert.Empty(result.Removals);
        Assert.Equal(
            NetplanShadow.Header("/lib/netplan/50-vendor.yaml") +
            "# /lib/netplan/50-vendor.yaml is a symbolic link to /usr/share/vendor/gone.yaml, which is not a file: netplan would fail on it, and reads this file instead; kept by the guest agent (/etc/netplan/90-guest-agent.yaml)\n" +
            "network:\n  version: 2\n",
            Assert.Single(Others(result)).Value);

        // Without a shadow of ours, netplan fails on the link now, and the reset says so.
        var error = Assert.Throws<InvalidNetworkDataException>(() => Render(links));
        Assert.StartsWith("/lib/netplan/50-vendor.yaml is a symbolic link to /usr/share/vendor/gone.yaml, which is not a file, so netplan fails on it;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dangling_link_hidden_by_a_run_file_is_refused_for_the_next_boot()
    {
        var links = new Dictionary<string, string> { ["/etc/netplan/50-cloud-init.yaml"] = "/srv/gone.yaml" };

        var error = Assert.Throws<InvalidNetworkDataException>(() => Render(links, ("/run/netplan/50-cloud-init.yaml", OnlyEth2)));

        Assert.Equal(
            "/etc/netplan/50-cloud-init.yaml is a symbolic link to /srv/gone.yaml, which is not a file, so netplan, which reads /run/netplan/50-cloud-init.yaml in its place until the next boot, fails on it after that; fix or remove the link; nothing was changed",
            error.Message);
    }

    [Fact]
    public void The_reader_follows_a_chain_and_reads_dev_null_as_empty()
    {
        var view = new InMemoryFileView(
            new Dictionary<string, string> { ["/srv/b.yaml"] = OnlyEth2 },
            linkTargets: new Dictionary<string, string> { ["/etc/netplan/a.yaml"] = "/srv/a.yaml", ["/srv/a.yaml"] = "b.yaml", ["/etc/netplan/m.yaml"] = "/dev/null" });

        Assert.Equal(new NetplanFileText(OnlyEth2, "/srv/b.yaml"), NetplanFileReader.Read(view, "/etc/netplan/a.yaml"));
        Assert.Equal(new NetplanFileText("", "/dev/null"), NetplanFileReader.Read(view, "/etc/netplan/m.yaml"));
        Assert.Equal(new NetplanFileText(OnlyEth2, null), NetplanFileReader.Read(view, "/srv/b.yaml"));
        Assert.False(NetplanFileReader.Read(view, "/srv/b.yaml").IsLink);
    }

    [Fact]
    public void A_relative_target_starts_from_the_real_directory_of_the_link()
    {
        // On a merged-/usr system /lib/netplan is /usr/lib/netplan: ../../share/x.yaml from there is /usr/share/x.yaml, not /share/x.yaml.
        var view = new InMemoryFileView(
            new Dictionary<string, string> { ["/usr/share/x.yaml"] = OnlyEth2, ["/share/x.yaml"] = OnlyEth0 },
            linkTargets: new Dictionary<string, string> { ["/lib"] = "usr/lib", ["/lib/netplan/50-vendor.yaml"] = "../../share/x.yaml" });

        Assert.Equal(new NetplanFileText(OnlyEth2, "/usr/share/x.yaml"), NetplanFileReader.Read(view, "/lib/netplan/50-vendor.yaml"));
    }
}
