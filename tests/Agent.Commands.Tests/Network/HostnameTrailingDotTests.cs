using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Testing;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// An image's <c>/etc/hostname</c> written with a trailing dot (<c>web01.example.com.</c>, the
/// absolute form of a DNS name) when the host sends no hostname: systemd reads the name without the
/// dot (hostname(5); <c>hostname_cleanup</c> drops it), so that is the machine's name, and the one
/// <c>/etc/hosts</c> must map. The real <c>systemd-hostnamed</c> (<see cref="PrivateHostnamed"/>) is
/// asked what it reads from the image's file.
/// </summary>
public sealed class HostnameTrailingDotTests
{
    private const string Script =
        "mount --bind \"$1\" /etc/hostname || exit 97\n"
        + "exec busctl --address=\"$DBUS_SYSTEM_BUS_ADDRESS\" get-property org.freedesktop.hostname1 /org/freedesktop/hostname1 org.freedesktop.hostname1 StaticHostname\n";

    [Fact]
    public async Task Systemd_hostnamed_reads_the_name_without_its_trailing_dot()
    {
        ExternalTool.Require("busctl", "systemd");
        using var hostnamed = PrivateHostnamed.Create();
        using var root = RackspaceMachine("ubuntu");
        root.Write("/etc/hostname", "web01.example.com.\n");

        var result = await hostnamed.RunAsync(Script, root.Host("/etc/hostname"));

        Assert.True(result.ExitCode == 0, $"hostnamed's bus: exit {result.ExitCode} {result.StandardError}");
        Assert.Equal("s \"web01.example.com\"\n", result.StandardOutput);
    }

    [Theory]
    [InlineData("ubuntu")]
    [InlineData("debian")]
    public async Task Resetnetwork_without_a_hostname_maps_the_name_systemd_reads(string distribution)
    {
        using var root = RackspaceMachine(distribution);
        root.Write("/etc/hostname", "web01.example.com.\n");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData(hostname: null)));

        Assert.Equal("web01.example.com.\n", root.Read("/etc/hostname"));
        Assert.Matches(@"(?m)^[0-9a-f.:]+\s+web01\.example\.com(\s|$)", root.Read("/etc/hosts") ?? "");
    }

    [Fact]
    public void The_current_name_is_read_from_etc_hostname_without_one_trailing_dot_before_the_kernels()
    {
        var files = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/etc/hostname"] = "# the image's\nweb01.example.com.\n",
            ["/proc/sys/kernel/hostname"] = "transient-name\n",
        });

        Assert.Equal("web01.example.com", CurrentHostnameReader.Read(files));
    }

    [Theory]
    [InlineData("web01.example.com..")]
    [InlineData(".")]
    [InlineData("web01..example.com.")]
    public void A_name_invalid_without_one_trailing_dot_is_passed_over(string name)
    {
        var files = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/etc/hostname"] = name + "\n",
            ["/proc/sys/kernel/hostname"] = "transient-name\n",
        });

        Assert.Equal("transient-name", CurrentHostnameReader.Read(files));
    }
}
