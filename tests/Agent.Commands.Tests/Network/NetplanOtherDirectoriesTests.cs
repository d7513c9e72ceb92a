using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Netplan files outside <c>/etc/netplan</c> that define an interface we configure (the rackspace
/// example: eth0 and eth1): a package's file in <c>/lib/netplan</c> is shadowed from
/// <c>/etc/netplan</c>, never changed; a <c>/run/netplan</c> file is reconciled where it is; a file
/// that hides a same-named one is emptied, not moved aside; only the file netplan reads for a name counts.
/// </summary>
public sealed class NetplanOtherDirectoriesTests
{
    private const string OnlyEth0 = "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [10.1.0.5/24]\n";

    private const string Eth0AndEth2 = "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n    eth2:\n      addresses: [10.20.0.5/24]\n";

    private const string OnlyEth2 = "network:\n  version: 2\n  ethernets:\n    eth2:\n      dhcp4: true\n";

    private const string Vendor = "/lib/netplan/50-vendor.yaml";

    private const string VendorShadow = "/etc/netplan/50-vendor.yaml";

    /// <summary>The second line of every shadow: what becomes of an administrator's edit.</summary>
    private const string Rebuilt = "# Rebuilt from it by every resetnetwork (the previous version kept as .bak); to keep your own changes, delete these two lines\n";

    private static RenderResult Render(params (string Path, string Yaml)[] files) => Render(new Dictionary<string, string>(), files);

    /// <summary>Renders with <paramref name="links"/> (path, target as stored) beside the files.</summary>
    private static RenderResult Render(Dictionary<string, string> links, params (string Path, string Yaml)[] files) =>
        new NetplanRenderer().Render(NetworkFixture.Load("rackspace").Build(), new InMemoryFileView(files.ToDictionary(f => f.Path, f => f.Yaml), linkTargets: links));

    /// <summary>Every file written besides our own.</summary>
    private static Dictionary<string, string> Others(RenderResult result) =>
        result.Files.Where(f => f.Path != NetplanRenderer.FilePath).ToDictionary(f => f.Path, f => f.Contents);

    [Theory]
    [InlineData("/lib/netplan/50-vendor.yaml", null)]
    [InlineData("/usr/lib/netplan/50-vendor.yaml", "usr/lib")]
    [InlineData("/usr/lib/netplan/50-vendor.yaml", "/usr/lib")]
    public void A_package_file_defining_only_our_interfaces_gets_an_empty_shadow_in_etc(string path, string? libLink)
    {
        // /usr/lib/netplan is /lib/netplan only on a merged-/usr system, whose /lib links to usr/lib.
        var result = Render(libLink is null ? [] : new Dictionary<string, string> { ["/lib"] = libLink }, (path, OnlyEth0));

        Assert.Empty(result.Removals);
        var shadow = Assert.Single(Others(result));
        Assert.Equal("/etc/netplan/50-vendor.yaml", shadow.Key);
        Assert.Equal(
            $"# Replaces {path} (left as the package installed it) for netplan, without the definitions the guest agent configures\n" +
            Rebuilt +
            "# eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n" +
            "network:\n  version: 2\n",
            shadow.Value);
        Assert.Equal(RenderedFile.Private, result.Files.Single(f => f.Path == shadow.Key).Mode);
    }

    [Theory]
    [InlineData("/lib/netplan/50-vendor.yaml")]
    [InlineData("/usr/lib/netplan/50-vendor.yaml")]
    public void A_shadow_whose_package_file_no_longer_needs_one_goes_whichever_path_its_mark_names(string path)
    {
        // On merged /usr the shadow may have been written through either path; its mark names that one.
        var links = new Dictionary<string, string> { ["/lib"] = "usr/lib" };
        var shadow = NetplanShadow.Header(path) + "network:\n  version: 2\n";

        var result = Render(links, ("/usr/lib/netplan/50-vendor.yaml", OnlyEth2), ("/etc/netplan/50-vendor.yaml", shadow));

        Assert.Equal(["/etc/netplan/50-vendor.yaml"], result.Removals);
        Assert.Empty(Others(result));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/lib/netplan")]
    public void A_file_in_usr_lib_is_not_read_by_netplan_without_a_merged_usr_and_is_ignored(string? libLink)
    {
        // netplan reads {lib,etc,run}/netplan only: without /lib linking to usr/lib, /usr/lib/netplan is inert,
        // and a shadow of it in /etc would switch its other definitions on.
        var result = Render(libLink is null ? [] : new Dictionary<string, string> { ["/lib"] = libLink }, ("/usr/lib/netplan/50-vendor.yaml", Eth0AndEth2));

        Assert.Empty(Others(result));
        Assert.Empty(result.Removals);
    }

    [Fact]
    public void Our_shadow_is_rebuilt_from_the_package_file_as_the_package_changes_it()
    {
        var shadow = Others(Render((Vendor, Eth0AndEth2)))[VendorShadow];
        var updated = Eth0AndEth2.Replace("10.20.0.5/24", "10.30.0.5/24", StringComparison.Ordinal) + "    eth3:\n      dhcp6: true\n";

        var result = Render((Vendor, updated), (VendorShadow, shadow));

        Assert.Empty(result.Removals);
        Assert.Equal(Others(Render((Vendor, updated))), Others(result));
        Assert.Contains("10.30.0.5/24", Others(result)[VendorShadow], StringComparison.Ordinal);

        // Unchanged, it is rebuilt the same, so writing it changes nothing.
        Assert.Equal(shadow, Others(Render((Vendor, Eth0AndEth2), (VendorShadow, shadow)))[VendorShadow]);
    }

    [Fact]
    public void Our_shadow_goes_when_the_package_file_no_longer_defines_our_interfaces_or_is_gone()
    {
        var shadow = Others(Render((Vendor, OnlyEth0)))[VendorShadow];

        var nothingOfOurs = Render((Vendor, OnlyEth2), (VendorShadow, shadow));
        Assert.Equal([VendorShadow], nothingOfOurs.Removals);
        Assert.Empty(Others(nothingOfOurs));

        var gone = Render((VendorShadow, shadow));
        Assert.Equal([VendorShadow], gone.Removals);
        Assert.Empty(Others(gone));

        // The package file now holds eth0 as an empty definition, which adds nothing: no shadow is needed.
        var emptied = Render((Vendor, "network:\n  version: 2\n  ethernets:\n    eth0: {}\n    eth2:\n      dhcp4: true\n"), (VendorShadow, Others(Render((Vendor, Eth0AndEth2)))[VendorShadow]));
        Assert.Equal([VendorShadow], emptied.Removals);
        Assert.Empty(Others(emptied));
    }

    [Fact]
    public void An_administrators_file_over_a_package_file_is_not_taken_for_our_shadow()
    {
        // Our header, but naming another file, or not on the first line: the file is the administrator's.
        var elsewhere = "# Replaces /lib/netplan/60-other.yaml (left as the package installed it) for netplan, without the definitions the guest agent configures\n" + OnlyEth2;
        var notFirst = "# mine\n# Replaces /lib/netplan/50-vendor.yaml (left as the package installed it) for netplan, without the definitions the guest agent configures\n" + OnlyEth2;

        foreach (var yaml in new[] { elsewhere, notFirst })
        {
            var result = Render((Vendor, OnlyEth0), (VendorShadow, yaml));
            Assert.Empty(Others(result));
            Assert.Empty(result.Removals);
        }
    }

    [Fact]
    public void A_package_file_that_also_defines_others_gets_an_edited_shadow_in_etc()
    {
        var result = Render(("/lib/netplan/50-vendor.yaml", Eth0AndEth2));

        Assert.Empty(result.Removals);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["/etc/netplan/50-vendor.yaml"] =
                    "# Replaces /lib/netplan/50-vendor.yaml (left as the package installed it) for netplan, without the definitions the guest agent configures\n" +
                    Rebuilt +
                    "network:\n  version: 2\n  ethernets:\n" +
                    "    # eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n    eth0: {}\n" +
                    "    eth2:\n      addresses: [10.20.0.5/24]\n",
            },
            Others(result));
    }

    [Fact]
    public void A_package_file_hidden_by_a_file_in_etc_is_ignored_and_the_etc_file_is_reconciled_instead()
    {
        // The /etc file defines nothing of ours: nothing changes, although the hidden /lib one does.
        var hidden = Render(("/lib/netplan/50-vendor.yaml", OnlyEth0), ("/etc/netplan/50-vendor.yaml", OnlyEth2));
        Assert.Empty(Others(hidden));
        Assert.Empty(hidden.Removals);

        // The /etc file defines only eth0: emptied in place, since moving it aside would bring the /lib file back.
        var shadowing = Render(("/lib/netplan/50-vendor.yaml", OnlyEth2), ("/etc/netplan/50-vendor.yaml", OnlyEth0));
        Assert.Empty(shadowing.Removals);
        Assert.Equal(
            "# Emptied by the guest agent: it hides /lib/netplan/50-vendor.yaml from netplan\n" +
            "# eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n" +
            "network:\n  version: 2\n",
            Assert.Single(Others(shadowing), f => f.Key == "/etc/netplan/50-vendor.yaml").Value);
    }

    [Fact]
    public void A_package_file_named_like_ours_is_hidden_by_ours_and_ignored()
    {
        var result = Render(("/lib/netplan/90-guest-agent.yaml", OnlyEth0));

        Assert.Empty(Others(result));
        Assert.Empty(result.Removals);
    }

    [Fact]
    public void A_run_file_is_reconciled_where_it_is()
    {
        var alone = Render(("/run/netplan/50-initramfs.yaml", OnlyEth0));
        Assert.Equal(["/run/netplan/50-initramfs.yaml"], alone.Removals);
        Assert.Empty(Others(alone));

        var shared = Render(("/run/netplan/50-initramfs.yaml", Eth0AndEth2));
        Assert.Empty(shared.Removals);
        Assert.Equal(
            "network:\n  version: 2\n  ethernets:\n    # eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n    eth0: {}\n    eth2:\n      addresses: [10.20.0.5/24]\n",
            Assert.Single(Others(shared)).Value);
    }

    [Fact]
    public void A_run_file_hiding_another_is_emptied_and_the_hidden_one_is_reconciled_for_the_next_boot()
    {
        var result = Render(("/run/netplan/50-cloud-init.yaml", OnlyEth0), ("/etc/netplan/50-cloud-init.yaml", OnlyEth0), ("/lib/netplan/60-vendor.yaml", OnlyEth0), ("/run/netplan/60-vendor.yaml", OnlyEth2));

        Assert.Equal(["/etc/netplan/50-cloud-init.yaml"], result.Removals);
        var others = Others(result);
        Assert.Equal(["/etc/netplan/60-vendor.yaml", "/run/netplan/50-cloud-init.yaml"], others.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("# Emptied by the guest agent: it hides /etc/netplan/50-cloud-init.yaml from netplan\n", others["/run/netplan/50-cloud-init.yaml"], StringComparison.Ordinal);
        Assert.EndsWith("\nnetwork:\n  version: 2\n", others["/run/netplan/50-cloud-init.yaml"], StringComparison.Ordinal);

        // /run/netplan/60-vendor.yaml (eth2 only) is left alone; the /lib file it hides now is read after a reboot, so it is shadowed from /etc.
        Assert.StartsWith("# Replaces /lib/netplan/60-vendor.yaml ", others["/etc/netplan/60-vendor.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_file_hiding_only_a_package_file_is_emptied_so_the_package_file_stays_hidden()
    {
        // Moved aside, it would bring back the eth2 definition of the package's file it hides.
        var result = Render(("/run/netplan/60-vendor.yaml", OnlyEth0), ("/lib/netplan/60-vendor.yaml", OnlyEth2));

        Assert.Empty(result.Removals);
        var emptied = Assert.Single(Others(result));
        Assert.Equal("/run/netplan/60-vendor.yaml", emptied.Key);
        Assert.StartsWith("# Emptied by the guest agent: it hides /lib/netplan/60-vendor.yaml from netplan\n", emptied.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_file_named_like_ours_that_defines_only_our_interfaces_is_moved_aside()
    {
        var result = Render(("/run/netplan/90-guest-agent.yaml", OnlyEth0));

        Assert.Equal(["/run/netplan/90-guest-agent.yaml"], result.Removals);
        Assert.Empty(Others(result));
    }

    [Theory]
    [InlineData(Eth0AndEth2, "it also defines eth2, which resetnetwork was not asked to configure")]
    [InlineData("network: {version: 2, ethernets: {eth0: {dhcp4: true}}}\n", "resetnetwork cannot read its definitions (flow style, tabs, several documents or a repeated network: key)")]
    public void A_run_file_named_like_ours_that_cannot_go_whole_is_refused(string yaml, string reason)
    {
        var error = Assert.Throws<InvalidNetworkDataException>(() => Render(("/run/netplan/90-guest-agent.yaml", yaml)));

        Assert.Equal(
            $"/run/netplan/90-guest-agent.yaml has the name of /etc/netplan/90-guest-agent.yaml, so netplan reads it instead, and {reason}; " +
            "move it away or let another network system configure this guest; nothing was changed",
            error.Message);
    }

    [Fact]
    public void A_run_link_named_like_ours_is_refused()
    {
        var view = new InMemoryFileView(linkTargets: new Dictionary<string, string> { ["/run/netplan/90-guest-agent.yaml"] = "/tmp/x.yaml" });

        var error = Assert.Throws<InvalidNetworkDataException>(() => new NetplanRenderer().Render(NetworkFixture.Load("rackspace").Build(), view));

        // Dangling, it would make netplan fail; see NetplanLinksTests for one that leads somewhere.
        Assert.Equal("/run/netplan/90-guest-agent.yaml is a symbolic link to /tmp/x.yaml, which is not a file, so netplan fails on it; fix or remove the link; nothing was changed", error.Message);
    }

    [Theory]
    [InlineData("network: {version: 2, ethernets: {eth0: {dhcp4: true}, eth2: {}}}\n", "defines eth0 in a form resetnetwork cannot edit")]
    [InlineData("network:\n  version: 2\n  ethernets:\n    eth0: {}\n  bonds:\n    bond0:\n      interfaces: [eth0]\n", "makes eth0 a member of bond0")]
    public void A_package_file_that_cannot_be_shadowed_safely_is_refused_by_its_name(string yaml, string reason)
    {
        var error = Assert.Throws<InvalidNetworkDataException>(() => Render(("/lib/netplan/50-vendor.yaml", yaml)));

        Assert.StartsWith($"/lib/netplan/50-vendor.yaml {reason}", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yml_file_in_etc_is_reconciled_like_a_yaml_one()
    {
        // netplan ignores it, but one in /etc/netplan was always reconciled, and still is.
        var result = Render(("/etc/netplan/50-cloud-init.yml", OnlyEth0), ("/etc/netplan/60-other.yml", Eth0AndEth2));

        Assert.Equal(["/etc/netplan/50-cloud-init.yml"], result.Removals);
        var edited = Assert.Single(Others(result));
        Assert.Equal("/etc/netplan/60-other.yml", edited.Key);
        Assert.Contains("    # eth0: configured by the guest agent in /etc/netplan/90-guest-agent.yaml\n    eth0: {}\n", edited.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yml_file_outside_etc_is_not_netplan_configuration_and_is_ignored()
    {
        var result = Render(("/lib/netplan/50-vendor.yml", OnlyEth0), ("/run/netplan/50-foo.yml", OnlyEth0));

        Assert.Empty(Others(result));
        Assert.Empty(result.Removals);
    }
}
