using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// What counts as netplan configuration is what the real netplan reads: a file it would turn into
/// networkd configuration is seen, one it ignores is not, and with none netplan configures nothing.
/// </summary>
public sealed class NetplanConfigurationTests
{
    private const string Dhcp = "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n";

    // /usr/lib/netplan has its own test below: it counts only through a /lib link. "" is no file at all.
    public static TheoryData<string> Layouts() => new()
    {
        "",
        "/etc/netplan/50-cloud-init.yaml",
        "/run/netplan/50-cloud-init.yaml",
        "/lib/netplan/00-vendor.yaml",
        "/etc/netplan/50-cloud-init.yml",
        "/etc/netplan/50-cloud-init.yaml.dpkg-old",
        "/etc/netplan/README",
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task A_file_counts_as_netplan_configuration_exactly_when_netplan_generate_configures_an_interface_from_it(string path)
    {
        var netplan = ExternalTool.Require("netplan", "netplan.io");
        using var root = new FakeRoot();
        FixtureDirectories.Create(root.Host("/etc/netplan"));
        if (path.Length > 0)
        {
            root.Write(path, Dhcp);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(root.Host(path), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        var (counted, configured) = await CountedAndConfiguredAsync(netplan, root);

        Assert.Equal(configured, counted);
        Assert.Equal(path.EndsWith(".yaml", StringComparison.Ordinal), configured);
        if (!configured)
        {
            // Nothing at all for networkd or NetworkManager: the network is someone else's.
            Assert.False(Directory.Exists(root.Host("/run/systemd/network")) && Directory.EnumerateFiles(root.Host("/run/systemd/network")).Any());
            Assert.False(Directory.Exists(root.Host("/run/NetworkManager/system-connections")));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_file_in_usr_lib_netplan_counts_exactly_when_lib_links_to_usr_lib(bool mergedUsr)
    {
        // netplan reads only {lib,etc,run}/netplan: /usr/lib/netplan is the same directory on a
        // merged-/usr system, and nothing elsewhere.
        var netplan = ExternalTool.Require("netplan", "netplan.io");
        using var root = new FakeRoot();
        FixtureDirectories.Create(root.Host("/etc/netplan"));
        root.Write("/usr/lib/netplan/00-vendor.yaml", Dhcp);
        File.SetUnixFileMode(root.Host("/usr/lib/netplan/00-vendor.yaml"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (mergedUsr)
        {
            root.Link("/lib", "usr/lib");
        }

        var (counted, configured) = await CountedAndConfiguredAsync(netplan, root);

        Assert.Equal(mergedUsr, configured);
        Assert.Equal(configured, counted);
    }

    /// <summary>Whether the agent counts netplan configuration under the root, and whether the real <c>netplan generate</c> configures eth0 from it.</summary>
    private static async Task<(bool Counted, bool Configured)> CountedAndConfiguredAsync(string netplan, FakeRoot root)
    {
        var counted = NetplanConfiguration.Files(new FileSystemView(root.CreateSystem().FileSystem)).Any();
        var result = await ExternalTool.RunAsync(netplan, ["generate", "--root-dir", root.Path]);

        Assert.True(result.ExitCode == 0, $"netplan generate failed ({result.ExitCode}): {result.StandardError}");
        return (counted, File.Exists(root.Host("/run/systemd/network/10-netplan-eth0.network")));
    }
}
