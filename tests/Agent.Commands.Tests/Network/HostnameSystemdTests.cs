using GuestAgent.Testing;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// systemd reads the <c>/etc/hostname</c> <c>resetnetwork</c> wrote as the name the host sent:
/// the real <c>systemd-hostnamed</c> (<see cref="PrivateHostnamed"/>) with the written file bound
/// over the machine's answers its <c>StaticHostname</c> (empty where systemd's rules, hostname(5),
/// find no valid name).
/// </summary>
public sealed class HostnameSystemdTests
{
    private const string Script =
        "mount --bind \"$1\" /etc/hostname || exit 97\n"
        + "exec busctl --address=\"$DBUS_SYSTEM_BUS_ADDRESS\" get-property org.freedesktop.hostname1 /org/freedesktop/hostname1 org.freedesktop.hostname1 StaticHostname\n";

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var distribution in new[] { "ubuntu", "fedora", "centos", "opensuse", "arch" })
        {
            data.Add(distribution, "test-server", "test-server");
            data.Add(distribution, "Web-01.Example.org", "Web-01.Example.org");
            data.Add(distribution, "RESCUE-production-database-replica-eu-west-1a-instance-0000042-backups", "RESCUE-production-database-replica-eu-west-1a-instance-0000042");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Systemd_hostnamed_reads_the_written_name(string distribution, string novaName, string expected)
    {
        ExternalTool.Require("busctl", "systemd");
        using var hostnamed = PrivateHostnamed.Create();
        using var root = RackspaceMachine(distribution);
        root.Write("/etc/hostname", "# set by the image\n\nold-name\n");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData(hostname: novaName)));

        var result = await hostnamed.RunAsync(Script, root.Host("/etc/hostname"));
        Assert.True(result.ExitCode == 0, $"hostnamed's bus: exit {result.ExitCode} {result.StandardError}");
        Assert.Equal($"s \"{expected}\"\n", result.StandardOutput);
    }
}
