using System.Globalization;
using System.Text;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The real NetworkManager daemon, run on directories of keyfiles in a network and mount namespace of
/// its own (<c>unshare -mn</c>, as root: NetworkManager reads only root's 0600 keyfiles). Each configured
/// interface is a veth with its MAC. A tmpfs over <c>/run</c> holds a private system bus
/// (<c>dbus-daemon</c> with a bus that lets root own and call anything, at the standard
/// <c>/run/dbus/system_bus_socket</c>, which NetworkManager and <c>nmcli</c> use) and NetworkManager's
/// run directory; a tmpfs over <c>/var/lib/NetworkManager</c> takes its state, so nothing of the
/// machine's is written. NetworkManager runs with a configuration of the test's own (the keyfile plugin
/// only, no automatic "Wired connection", the veths' peers unmanaged: they are the host's ends, no device of
/// the guest's, and a connection for any Ethernet device activated on a peer would leave eth0 to another; DNS written to its own
/// <c>/run/NetworkManager/resolv.conf</c> and never to <c>/etc/resolv.conf</c>) and no other
/// configuration directory than <c>/run/NetworkManager/conf.d</c>. In a network namespace other than
/// the first it does not use udev (it takes links as the kernel announces them), and <c>/sys</c> is
/// mounted again read-only, as in a container. <c>nm-online -s</c> waits for NetworkManager's
/// start-up to complete (every connection it could activate activated or failed, at most 60 s); then
/// the kernel's addresses and routes and NetworkManager's own view of each device are read.
/// NetworkManager logs to standard error (<c>--debug</c>, which also keeps it in the foreground): the
/// namespace has no syslog.
/// </summary>
internal static class NetworkManagerDaemon
{
    internal const string Daemon = "/usr/sbin/NetworkManager";

    /// <summary>The configuration NetworkManager runs with: only what the test needs differs from its defaults.</summary>
    internal const string Configuration = """
        [main]
        plugins=keyfile
        no-auto-default=*
        dns=default
        rc-manager=unmanaged

        [logging]
        level=INFO

        [keyfile]
        unmanaged-devices=interface-name:gapeer*

        """;

    /// <summary>
    /// What NetworkManager made of the keyfiles for <paramref name="configuration"/>'s interfaces:
    /// <paramref name="directories"/> maps each directory NetworkManager reads (as
    /// <c>/etc/NetworkManager/system-connections</c>) to the host directory bound there; any of the two
    /// keyfile directories not named is empty.
    /// </summary>
    public static async Task<NetworkManagerOutcome> RunAsync(NetworkConfiguration configuration, IReadOnlyDictionary<string, string> directories)
    {
        ExternalTool.Require(Daemon, "network-manager");
        var nmcli = ExternalTool.Require("nmcli", "network-manager");
        var online = ExternalTool.Require("nm-online", "network-manager");
        var bus = ExternalTool.Require("dbus-daemon", "dbus-daemon");
        ExternalTool.Require("ip", "iproute2");
        var unshare = ExternalTool.Require("unshare", "util-linux");
        if (Environment.UserName != "root")
        {
            Requirement.Unmet("NetworkManager runs as root and reads only root's keyfiles, as in CI");
        }

        using var directory = new TemporaryDirectory();
        var log = directory.Combine("NetworkManager.log");
        File.WriteAllText(directory.Combine("NetworkManager.conf"), Configuration);
        File.WriteAllText(directory.Combine("bus.conf"), BusConfiguration);
        var empty = Directory.CreateDirectory(directory.Combine("empty")).FullName;
        var script = new StringBuilder("set -u\nip link set lo up\n");
        var peer = 0;
        foreach (var nic in configuration.Interfaces)
        {
            script.Append(CultureInfo.InvariantCulture, $"ip link add {ShellWords.Quote(nic.Name)} address {nic.Mac} type veth peer name gapeer{peer} || exit 90\n")
                .Append(CultureInfo.InvariantCulture, $"ip link set gapeer{peer++} up\n");
        }

        script.Append(CultureInfo.InvariantCulture, $"""
            mount -t sysfs -o ro sysfs /sys || exit 91
            mount -t tmpfs tmpfs /run && mount -t tmpfs tmpfs /var/lib/NetworkManager || exit 92
            mkdir -p /run/dbus /run/NetworkManager/system-connections /run/NetworkManager/conf.d || exit 93
            mount --bind {ShellWords.Quote(empty)} /etc/NetworkManager/system-connections || exit 94

            """);
        foreach (var (target, source) in directories)
        {
            script.Append(CultureInfo.InvariantCulture, $"mount --bind {ShellWords.Quote(source)} {ShellWords.Quote(target)} || exit 95\n");
        }

        var names = string.Join(' ', configuration.Interfaces.Select(nic => ShellWords.Quote(nic.Name)));
        script.Append(CultureInfo.InvariantCulture, $"""
            export DBUS_SYSTEM_BUS_ADDRESS=unix:path=/run/dbus/system_bus_socket
            {bus} --config-file={ShellWords.Quote(directory.Combine("bus.conf"))} --fork --print-pid > /run/dbus/pid || exit 96
            trap 'kill $(cat /run/dbus/pid)' EXIT
            {Daemon} --debug --config={ShellWords.Quote(directory.Combine("NetworkManager.conf"))} --config-dir={ShellWords.Quote(empty)} --system-config-dir={ShellWords.Quote(empty)} > {ShellWords.Quote(log)} 2>&1 &
            daemon=$!
            trap 'kill $daemon; kill $(cat /run/dbus/pid)' EXIT
            {online} -s -q -t 60 || echo @unsettled
            for name in {names}; do echo "@device $name"; {nmcli} --terse --escape no -f GENERAL.STATE,GENERAL.CONNECTION,IP4.DNS,IP6.DNS device show "$name"; done
            echo @addresses; ip -o addr show
            echo @routes; ip -4 route show; ip -6 route show
            echo @resolv; if [ -e /run/NetworkManager/resolv.conf ]; then cat /run/NetworkManager/resolv.conf; fi

            """);
        var result = await ExternalTool.RunAsync(unshare, ["-mn", "/bin/sh", "-c", script.ToString()], timeout: TimeSpan.FromMinutes(2));
        var daemonLog = File.Exists(log) ? File.ReadAllText(log) : "(no log)";
        var transcript = $"exit {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}\nNetworkManager:\n{daemonLog}";
        Assert.True(result.ExitCode == 0, transcript);
        return NetworkManagerOutcome.Parse(result.StandardOutput, transcript);
    }

    /// <summary>A system bus that lets anyone own and call anything (only root is in the namespace).</summary>
    internal const string BusConfiguration = """
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>system</type>
          <listen>unix:path=/run/dbus/system_bus_socket</listen>
          <auth>EXTERNAL</auth>
          <policy context="default">
            <allow user="*"/>
            <allow own="*"/>
            <allow send_destination="*"/>
            <allow receive_sender="*"/>
          </policy>
        </busconfig>

        """;
}

/// <summary>What the kernel and NetworkManager hold once NetworkManager's start-up has completed.</summary>
/// <param name="Settled">NetworkManager's start-up completed (what <c>NetworkManager-wait-online</c> waits for) within 60 s.</param>
/// <param name="Devices">Each configured interface's state and active connection as NetworkManager reports them.</param>
/// <param name="Addresses">Each address as <c>&lt;interface&gt; &lt;address&gt;/&lt;prefix&gt;</c>.</param>
/// <param name="Routes">The main tables' routes as <c>ip route show</c> prints them.</param>
/// <param name="ResolvConf">The name servers of the <c>resolv.conf</c> NetworkManager wrote, in order (none without the file: NetworkManager wrote none where no connection had a server).</param>
/// <param name="Transcript">Everything printed and NetworkManager's log, for a failing assertion's message.</param>
internal sealed record NetworkManagerOutcome(
    bool Settled,
    IReadOnlyDictionary<string, NetworkManagerDevice> Devices,
    IReadOnlySet<string> Addresses,
    IReadOnlyList<string> Routes,
    IReadOnlyList<string> ResolvConf,
    string Transcript)
{
    public static NetworkManagerOutcome Parse(string output, string transcript)
    {
        var devices = new Dictionary<string, NetworkManagerDevice>(StringComparer.Ordinal);
        var addresses = new SortedSet<string>(StringComparer.Ordinal);
        var routes = new List<string>();
        var resolv = new List<string>();
        var settled = true;
        var section = "";
        var device = "";
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line == "@unsettled")
            {
                settled = false;
                continue;
            }

            if (line.StartsWith('@'))
            {
                section = line.Split(' ')[0];
                device = section == "@device" ? line["@device ".Length..] : "";
                if (device.Length > 0)
                {
                    devices[device] = new NetworkManagerDevice("", "", []);
                }

                continue;
            }

            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            switch (section)
            {
                // "GENERAL.STATE:100 (connected)", "IP6.DNS[1]:2001:db8::53" (terse, values not escaped)
                case "@device" when colon > 0:
                    devices[device] = devices[device].With(line[..colon], line[(colon + 1)..]);
                    break;
                // "3: eth0    inet 192.0.2.10/24 brd 192.0.2.255 scope global eth0\ ..."
                case "@addresses" when words.Length > 3 && words[2] is "inet" or "inet6":
                    addresses.Add($"{words[1].Split('@')[0]} {words[3]}");
                    break;
                case "@routes":
                    routes.Add(line.Trim());
                    break;
                case "@resolv" when words.Length > 1 && words[0] == "nameserver":
                    resolv.Add(words[1]);
                    break;
            }
        }

        return new NetworkManagerOutcome(settled, devices, addresses, routes, resolv, transcript);
    }
}

/// <summary>A device as <c>nmcli device show</c> reports it.</summary>
/// <param name="State">Its state, as <c>100 (connected)</c>.</param>
/// <param name="Connection">The id of the connection active on it; empty when none is.</param>
/// <param name="Dns">Its DNS servers, IPv4 then IPv6, in order.</param>
internal sealed record NetworkManagerDevice(string State, string Connection, IReadOnlyList<string> Dns)
{
    public NetworkManagerDevice With(string field, string value) => field switch
    {
        "GENERAL.STATE" => this with { State = value },
        "GENERAL.CONNECTION" => this with { Connection = value },
        _ when field.StartsWith("IP4.DNS[", StringComparison.Ordinal) || field.StartsWith("IP6.DNS[", StringComparison.Ordinal) => this with { Dns = [.. Dns, value] },
        _ => this,
    };
}
