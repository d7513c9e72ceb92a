using System.Security;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The real <c>systemd-hostnamed</c>, started by D-Bus activation on a private bus of its own
/// (<c>dbus-daemon</c>, no system bus needed), in user, mount, UTS and PID namespaces (whose end ends
/// the bus and hostnamed, and whose hostname is the script's own). A tmpfs <c>/run</c> with
/// <c>/run/systemd/system</c> in it, so that <c>hostnamectl</c> takes the machine for one booted
/// with systemd. A script then binds what hostnamed should read and write over the machine's
/// (an <c>/etc</c> needs <c>passwd</c> and <c>group</c>, which the bus reads to let callers in).
/// </summary>
internal sealed class PrivateHostnamed : IDisposable
{
    private const string Prelude =
        "mount -t tmpfs tmpfs /run && mkdir -p /run/systemd/system || exit 96\n"
        + "export DBUS_SYSTEM_BUS_ADDRESS=\"unix:path=$BUS/bus\"\n"
        + "dbus-daemon --config-file=\"$BUS/bus.conf\" --fork >/dev/null || exit 98\n";

    private readonly TemporaryDirectory _bus;
    private readonly string _unshare;

    private PrivateHostnamed(TemporaryDirectory bus, string unshare)
    {
        _bus = bus;
        _unshare = unshare;
    }

    /// <summary>Writes the bus's configuration; skips locally (fails in CI) when a tool is missing.</summary>
    public static PrivateHostnamed Create()
    {
        var unshare = ExternalTool.Require("unshare", "util-linux");
        ExternalTool.Require("dbus-daemon", "dbus-daemon");
        var hostnamed = ExternalTool.Require("/usr/lib/systemd/systemd-hostnamed", "systemd");
        var bus = new TemporaryDirectory("hostnamed-");
        File.WriteAllText(bus.Combine("bus.conf"), BusConfiguration(bus.Path));
        Directory.CreateDirectory(bus.Combine("services"));
        File.WriteAllText(
            bus.Combine("services", "org.freedesktop.hostname1.service"),
            $"[D-BUS Service]\nName=org.freedesktop.hostname1\nExec={hostnamed}\n");
        return new PrivateHostnamed(bus, unshare);
    }

    /// <summary>
    /// Runs <paramref name="script"/> (sh, <c>$1</c>… its <paramref name="arguments"/>) once the bus
    /// is up, with <c>DBUS_SYSTEM_BUS_ADDRESS</c> set to it; skips locally where the namespaces are refused.
    /// </summary>
    public async Task<ToolResult> RunAsync(string script, params string[] arguments)
    {
        var result = await ExternalTool.RunAsync(
            _unshare,
            ["-rmupf", "--mount-proc", "/bin/sh", "-c", $"BUS={ShellWords.Quote(_bus.Path)}\n{Prelude}{script}", "sh", .. arguments]);
        if (result.ExitCode != 0 && result.StandardError.Contains("unshare", StringComparison.Ordinal))
        {
            Requirement.Unmet($"unshare -rmupf is not permitted here ({result.StandardError.Trim()})");
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _bus.Dispose();

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
