using static GuestAgent.Commands.Tests.Network.NetplanTwoNicMachine;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// On netplan, files in <c>/lib/netplan</c> and <c>/run/netplan</c> that define the interface
/// <c>resetnetwork</c> configures (eth0, as in the rackspace example) no longer add their addresses
/// to ours, as the real <c>netplan generate</c> shows; and a failed apply puts every file back.
/// </summary>
public sealed class NetplanOtherDirectoriesEndToEndTests
{
    private const string Vendor = "/lib/netplan/50-vendor.yaml";

    private const string VendorYaml =
        "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [10.1.0.5/24]\n    eth2:\n      addresses: [10.20.0.5/24]\n";

    private const string OurAddress = "162.209.76.19/24";

    private static FakeRoot Machine(params (string Path, string Yaml, UnixFileMode Mode)[] files) => WithFiles(eth1: false, files);

    /// <summary>The addresses the real <c>netplan generate</c> gives each interface from the files under the root.</summary>
    private static async Task<Dictionary<string, string[]>> GenerateAsync(FakeRoot root) =>
        (await NetworksAsync(root)).ToDictionary(n => n.Key, n => n.Value.Addresses.ToArray());

    [Fact]
    public async Task Netplan_reads_lib_and_run_files_and_a_same_named_file_hides_the_one_below()
    {
        // The premises: a /lib file adds its addresses to ours; a same-named /etc file that defines
        // nothing hides it; a same-named /run file hides ours.
        using var root = Machine(
            (Vendor, VendorYaml, Private),
            ("/etc/netplan/90-guest-agent.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [192.0.2.5/24]\n", Private));
        Assert.Equal(["10.1.0.5/24", "192.0.2.5/24"], (await GenerateAsync(root))["eth0"]);

        root.Write("/etc/netplan/50-vendor.yaml", "network:\n  version: 2\n");
        File.SetUnixFileMode(root.Host("/etc/netplan/50-vendor.yaml"), Private);
        var hidden = await GenerateAsync(root);
        Assert.Equal(["192.0.2.5/24"], hidden["eth0"]);
        Assert.False(hidden.ContainsKey("eth2"));

        root.Write("/run/netplan/90-guest-agent.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [172.16.0.5/24]\n");
        File.SetUnixFileMode(root.Host("/run/netplan/90-guest-agent.yaml"), Private);
        Assert.Equal(["172.16.0.5/24"], (await GenerateAsync(root))["eth0"]);
    }

    [Fact]
    public async Task A_package_file_is_shadowed_from_etc_and_left_as_it_was()
    {
        const UnixFileMode packageMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        using var root = Machine((Vendor, VendorYaml, packageMode));

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Equal(VendorYaml, root.Read(Vendor));
        Assert.Equal(packageMode, root.Mode(Vendor));
        Assert.Equal(Private, root.Mode("/etc/netplan/50-vendor.yaml"));
        var addresses = await GenerateAsync(root);
        Assert.Equal([OurAddress, "2001:4802:7802:104:be76:4eff:fe20:6c5a/64"], addresses["eth0"]);
        Assert.Equal(["10.20.0.5/24"], addresses["eth2"]);

        // Done once: a second identical reset changes no file.
        var first = root.Hash("/var", "/run");
        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));
        Assert.Equal(first, root.Hash("/var", "/run"));
    }

    [Fact]
    public async Task A_package_update_reaches_netplan_at_the_next_resetnetwork()
    {
        using var root = Machine((Vendor, VendorYaml, Private));
        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        // The package moves eth2: our shadow still hides its file, until the next resetnetwork rebuilds it.
        root.Write(Vendor, VendorYaml.Replace("10.20.0.5/24", "10.30.0.5/24", StringComparison.Ordinal));
        Assert.Equal(["10.20.0.5/24"], (await GenerateAsync(root))["eth2"]);
        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));
        var moved = await GenerateAsync(root);
        Assert.Equal(["10.30.0.5/24"], moved["eth2"]);
        Assert.Equal([OurAddress, "2001:4802:7802:104:be76:4eff:fe20:6c5a/64"], moved["eth0"]);

        // The package stops defining eth0: no shadow is needed any more, and the package's file is read again.
        root.Write(Vendor, "network:\n  version: 2\n  ethernets:\n    eth2:\n      addresses: [10.40.0.5/24]\n");
        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));
        Assert.Null(root.Read("/etc/netplan/50-vendor.yaml"));
        Assert.Equal(["10.40.0.5/24"], (await GenerateAsync(root))["eth2"]);
    }

    [Fact]
    public async Task A_failed_apply_takes_the_shadow_away_again()
    {
        using var root = Machine((Vendor, VendorYaml, Private), ("/run/netplan/50-initramfs.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n", Private));
        var before = root.Hash("/var");

        var result = await ResetAsync(root, VmData(), "netplan");

        Assert.Equal("500", result.ReturnCode);
        Assert.Contains("the previous configuration was restored", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, root.Hash("/var"));
        Assert.Null(root.Read("/etc/netplan/50-vendor.yaml"));
    }

    [Fact]
    public async Task A_run_file_named_like_ours_is_moved_aside_so_that_netplan_reads_ours()
    {
        const string shadow = "/run/netplan/90-guest-agent.yaml";
        const string yaml = "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [172.16.0.5/24]\n";
        using var root = Machine((shadow, yaml, Private));

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Equal(yaml, root.Read(shadow + ".bak"));
        Assert.Null(root.Read(shadow));
        Assert.Equal(OurAddress, (await GenerateAsync(root))["eth0"].First());
    }

    [Fact]
    public async Task A_run_file_hiding_one_in_etc_is_emptied_now_and_the_etc_one_is_edited_for_the_next_boot()
    {
        const string name = "50-cloud-init.yaml";
        const string persistent = "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n      addresses: [10.0.0.5/24]\n    eth2:\n      addresses: [10.20.0.5/24]\n";
        using var root = Machine(
            ("/run/netplan/" + name, "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [10.3.0.5/24]\n", Private),
            ("/etc/netplan/" + name, persistent, Private));

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        var now = await GenerateAsync(root);
        Assert.Equal([OurAddress, "2001:4802:7802:104:be76:4eff:fe20:6c5a/64"], now["eth0"]);
        Assert.False(now.ContainsKey("eth2"), "the /run file still hides the /etc one, as before");

        // After a reboot /run is empty: the edited /etc file keeps eth2 and no longer adds to eth0.
        Directory.Delete(root.Host("/run/netplan"), recursive: true);
        var afterReboot = await GenerateAsync(root);
        Assert.Equal([OurAddress, "2001:4802:7802:104:be76:4eff:fe20:6c5a/64"], afterReboot["eth0"]);
        Assert.Equal(["10.20.0.5/24"], afterReboot["eth2"]);
    }
}
