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

    // /usr/lib/netplan is left out: it counts for us because it is /lib/netplan on a merged-/usr
    // system, but `netplan generate --root-dir` reads <root>/lib/netplan and not that path.
    // "" is no file at all.
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
        Directory.CreateDirectory(root.Host("/etc/netplan"));
        if (path.Length > 0)
        {
            root.Write(path, Dhcp);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(root.Host(path), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        var counted = NetplanConfiguration.Files(new FileSystemView(root.CreateSystem().FileSystem)).Any();
        var result = await ExternalTool.RunAsync(netplan, ["generate", "--root-dir", root.Path]);

        Assert.True(result.ExitCode == 0, $"netplan generate failed ({result.ExitCode}): {result.StandardError}");
        var configured = File.Exists(root.Host("/run/systemd/network/10-netplan-eth0.network"));
        Assert.Equal(configured, counted);
        Assert.Equal(path.EndsWith(".yaml", StringComparison.Ordinal), configured);
        if (!configured)
        {
            // Nothing at all for networkd or NetworkManager: the network is someone else's.
            Assert.False(Directory.Exists(root.Host("/run/systemd/network")) && Directory.EnumerateFiles(root.Host("/run/systemd/network")).Any());
            Assert.False(Directory.Exists(root.Host("/run/NetworkManager/system-connections")));
        }
    }
}
