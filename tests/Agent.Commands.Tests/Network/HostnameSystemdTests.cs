using System.Security;
using GuestAgent.Testing;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// systemd reads the <c>/etc/hostname</c> <c>resetnetwork</c> wrote as the name the host sent:
/// the real <c>systemd-hostnamed</c>, started by D-Bus activation on a private bus of its own
/// (<c>dbus-daemon</c>, no system bus needed) in user, mount and PID namespaces (whose end ends the
/// bus and hostnamed) with the written file bound over the machine's, answers its <c>StaticHostname</c> (empty where systemd's rules,
/// hostname(5), find no valid name).
/// </summary>
public sealed class HostnameSystemdTests
{
    private const string Script =
        "mount --bind \"$1\" /etc/hostname || exit 97\n"
        + "export DBUS_SYSTEM_BUS_ADDRESS=\"unix:path=$2/bus\"\n"
        + "dbus-daemon --config-file=\"$2/bus.conf\" --fork || exit 98\n"
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
        var unshare = ExternalTool.Require("unshare", "util-linux");
        ExternalTool.Require("dbus-daemon", "dbus-daemon");
        ExternalTool.Require("busctl", "systemd");
        var hostnamed = ExternalTool.Require("/usr/lib/systemd/systemd-hostnamed", "systemd");
        using var root = RackspaceMachine(distribution);
        root.Write("/etc/hostname", "# set by the image\n\nold-name\n");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData(hostname: novaName)));

        using var bus = new TemporaryDirectory("s58-host-");
        await File.WriteAllTextAsync(bus.Combine("bus.conf"), BusConfiguration(bus.Path), TestContext.Current.CancellationToken);
        Directory.CreateDirectory(bus.Combine("services"));
        await File.WriteAllTextAsync(
            bus.Combine("services", "org.freedesktop.hostname1.service"),
            $"[D-BUS Service]\nName=org.freedesktop.hostname1\nExec={hostnamed}\n",
            TestContext.Current.CancellationToken);

        var result = await ExternalTool.RunAsync(unshare, ["-rmpf", "--mount-proc", "/bin/sh", "-c", Script, "sh", root.Host("/etc/hostname"), bus.Path]);
        if (result.ExitCode != 0 && result.StandardError.Contains("unshare", StringComparison.Ordinal))
        {
            Requirement.Unmet($"unshare -rmpf is not permitted here ({result.StandardError.Trim()})");
        }

        Assert.True(result.ExitCode == 0, $"hostnamed's bus: exit {result.ExitCode} {result.StandardError}");
        Assert.Equal($"s \"{expected}\"\n", result.StandardOutput);
    }

    /// <summary>A bus that lets anyone own and call anything, with hostnamed activatable on it.</summary>
    private static string BusConfiguration(string directory) =>
        "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
        + "<busconfig>\n"
        + $"  <listen>unix:path={SecurityElement.Escape(directory)}/bus</listen>\n"
        + "  <auth>EXTERNAL</auth>\n"
        + $"  <servicedir>{SecurityElement.Escape(directory)}/services</servicedir>\n"
        + "  <policy context=\"default\">\n"
        + "    <allow user=\"*\"/>\n    <allow own=\"*\"/>\n    <allow send_destination=\"*\"/>\n    <allow receive_sender=\"*\"/>\n"
        + "  </policy>\n"
        + "</busconfig>\n";
}
