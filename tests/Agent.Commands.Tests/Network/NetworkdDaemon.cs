using System.Globalization;
using System.Text;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The real <c>systemd-networkd</c>, run on a directory of <c>.network</c> files in a network and mount
/// namespace of its own (<c>unshare -mn</c>, as root: networkd drops to its <c>systemd-network</c>
/// user, which a user namespace does not map). Each configured interface is a veth with its MAC; the
/// files are the only ones networkd sees (bound over <c>/etc/systemd/network</c>, the other directories
/// empty). networkd waits for udev to announce links when <c>/sys</c> is writable (udevd would run then),
/// so <c>/sys</c> is mounted again read-only, as in a container, where it takes links as they are.
/// <c>systemd-networkd-wait-online</c> waits until every link networkd manages is configured (at most 90 s, a safety net for a loaded machine, not a measure; not
/// named with <c>-i</c>, which refuses a name of digits); then the
/// kernel's addresses and routes and networkd's own record of each link (its DNS servers) are read.
/// </summary>
internal static class NetworkdDaemon
{
    internal const string Networkd = "/usr/lib/systemd/systemd-networkd";
    internal const string WaitOnline = "/usr/lib/systemd/systemd-networkd-wait-online";

    /// <summary>
    /// Waits until networkd has configured every link it manages (<c>@unconfigured</c> when not within 90 s: a safety net, as a loaded CI machine once took more than 20 s), then
    /// prints what <see cref="NetworkdOutcome.Parse"/> reads (<see cref="Snapshot"/>).
    /// </summary>
    internal const string Record = $"{WaitOnline} --timeout=90 || echo @unconfigured\n{Snapshot}";

    /// <summary>
    /// As <see cref="Record"/>, but waiting with <see cref="Settle"/> and then printing <c>@unconfigured</c> when a link networkd
    /// manages is not <c>configured</c>: for a link whose state file <c>systemd-networkd-wait-online</c> cannot read (a
    /// <c>NETWORK_FILE=</c> that is not UTF-8, which its parser refuses), where it would wait out its whole 90 s.
    /// </summary>
    internal const string SettledRecord = $$"""
        {{Settle}}for name in /sys/class/net/*; do
          [ "${name##*/}" = lo ] && continue
          case "$(sed -n 's/^ADMIN_STATE=//p' "/run/systemd/netif/links/$(cat "$name/ifindex")" 2>/dev/null)" in
            configured|unmanaged) ;;
            *) echo @unconfigured; break ;;
          esac
        done
        {{Snapshot}}
        """;

    /// <summary>The kernel's addresses and routes, networkd's record of each link and the links' names, as <see cref="NetworkdOutcome.Parse"/> reads them.</summary>
    internal const string Snapshot = """
        echo @addresses; ip -o addr show
        echo @routes; ip -4 route show; ip -6 route show
        for state in /run/systemd/netif/links/*; do echo "@link $(basename "$state")"; cat "$state"; done
        echo @names; for name in /sys/class/net/*; do echo "$(cat "$name/ifindex") $(basename "$name")"; done

        """;

    /// <summary>
    /// Waits, recording nothing, until networkd has taken every link (each one's <c>ADMIN_STATE</c> past pending and
    /// configuring; the run fails after 90 s). Unlike <c>systemd-networkd-wait-online</c> it neither waits for a link to
    /// come online nor parses the state file: a link networkd leaves unconfigured, or whose file it cannot read, costs no timeout.
    /// </summary>
    internal const string Settle = """
        tries=0
        while [ $tries -lt 900 ]; do
          unsettled=
          for name in /sys/class/net/*; do
            [ "${name##*/}" = lo ] && continue
            case "$(sed -n 's/^ADMIN_STATE=//p' "/run/systemd/netif/links/$(cat "$name/ifindex")" 2>/dev/null)" in
              configured|unmanaged|failed|linger) ;;
              *) unsettled=1 ;;
            esac
          done
          [ -z "$unsettled" ] && break
          sleep 0.1; tries=$((tries + 1))
        done
        [ -z "$unsettled" ] || { echo "networkd did not take every link within 90 s" >&2; exit 97; }

        """;

    /// <summary>
    /// What networkd made of <paramref name="networkFiles"/> (a host directory) for <paramref name="configuration"/>'s interfaces, once
    /// <c>systemd-networkd-wait-online</c> is done (<see cref="Record"/>), or without <paramref name="waitOnline"/> once every link is
    /// settled (<see cref="SettledRecord"/>).
    /// </summary>
    public static async Task<NetworkdOutcome> RunAsync(NetworkConfiguration configuration, string networkFiles, bool waitOnline = true)
    {
        var unshare = Require();
        WithoutRouterSolicitation(networkFiles);
        using var directory = new TemporaryDirectory();
        var log = directory.Combine("networkd.log");
        var script = new StringBuilder("set -u\n");
        AppendLinks(script, configuration.Interfaces.Select(nic => new SystemInterface(nic.Name, nic.Mac)), remove: false);
        script.Append(Mounts(networkFiles)).Append(CultureInfo.InvariantCulture, $"""
            SYSTEMD_LOG_LEVEL=debug {Networkd} > {ShellWords.Quote(log)} 2>&1 &
            daemon=$!
            trap 'kill $daemon' EXIT

            """).Append(waitOnline ? Record : SettledRecord);
        var result = await ExternalTool.RunAsync(unshare, ["-mn", "/bin/sh", "-c", script.ToString()], timeout: TimeSpan.FromMinutes(5));
        var networkdLog = File.Exists(log) ? File.ReadAllText(log) : "(no log)";
        var transcript = $"exit {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}\nnetworkd:\n{networkdLog}";
        Assert.True(result.ExitCode == 0, transcript);
        return NetworkdOutcome.Parse(result.StandardOutput, transcript);
    }

    /// <summary>Skips locally (fails in CI) without networkd, its tools or root; answers <c>unshare</c>'s path.</summary>
    internal static string Require()
    {
        ExternalTool.Require(Networkd, "systemd");
        ExternalTool.Require(WaitOnline, "systemd");
        ExternalTool.Require("ip", "iproute2");
        var unshare = ExternalTool.Require("unshare", "util-linux");
        if (Environment.UserName != "root")
        {
            Requirement.Unmet("systemd-networkd runs as root (it drops to systemd-network itself), as in CI");
        }

        return unshare;
    }

    /// <summary>A veth per interface with its MAC, its peer up; with <paramref name="remove"/>, each deleted first (a boot's fresh links).</summary>
    internal static void AppendLinks(StringBuilder script, IEnumerable<SystemInterface> interfaces, bool remove)
    {
        script.Append("ip link set lo up\n");
        var peer = 0;
        foreach (var nic in interfaces)
        {
            if (remove)
            {
                script.Append(CultureInfo.InvariantCulture, $"ip link del {ShellWords.Quote(nic.Name)} || exit 89\n");
            }

            script.Append(CultureInfo.InvariantCulture, $"ip link add {ShellWords.Quote(nic.Name)} address {nic.Mac} type veth peer name gapeer{peer} || exit 90\n")
                .Append(CultureInfo.InvariantCulture, $"ip link set gapeer{peer++} up\n");
        }
    }

    /// <summary>
    /// <c>/sys</c> read-only, a tmpfs <c>/run/systemd</c> with networkd's directories, the package's own
    /// <c>.network</c> files hidden, and <paramref name="networkFiles"/> bound over <c>/etc/systemd/network</c>.
    /// </summary>
    internal static string Mounts(string networkFiles) => $"""
        mount -t sysfs -o ro sysfs /sys || exit 91
        mount -t tmpfs tmpfs /run/systemd && mkdir -p /run/systemd/netif /run/systemd/network || exit 92
        chown systemd-network: /run/systemd/netif || exit 93
        mount -t tmpfs tmpfs /usr/lib/systemd/network && mount --bind {ShellWords.Quote(networkFiles)} /etc/systemd/network || exit 94

        """;

    /// <summary>
    /// A drop-in per file turning router advertisements off: with none on the veth, networkd would
    /// hold each link "configuring" until it gives up waiting for one (about 12 s), and no setting
    /// under test depends on them. The files themselves stay as written.
    /// </summary>
    internal static void WithoutRouterSolicitation(string networkFiles) =>
        WithoutRouterSolicitation(networkFiles, Directory.GetFiles(networkFiles, "*.network").Select(Path.GetFileName).OfType<string>());

    /// <summary>
    /// The same drop-in for each of <paramref name="names"/>, in <paramref name="networkFiles"/>: networkd reads a
    /// file's drop-ins from every one of its directories, so this covers a file of that name in <c>/run</c> too, and
    /// one written later.
    /// </summary>
    internal static void WithoutRouterSolicitation(string networkFiles, IEnumerable<string> names)
    {
        foreach (var file in names.Select(name => Path.Combine(networkFiles, name)))
        {
            var dropIns = Directory.CreateDirectory(file + ".d").FullName;
            File.SetUnixFileMode(dropIns, (UnixFileMode)Convert.ToInt32("755", 8));
            var dropIn = Path.Combine(dropIns, "zz-test-no-router-solicitation.conf");
            File.WriteAllText(dropIn, "[Network]\nIPv6AcceptRA=no\n");
            File.SetUnixFileMode(dropIn, (UnixFileMode)Convert.ToInt32("644", 8));
        }
    }
}

/// <summary>What the kernel and networkd hold once networkd has configured the links.</summary>
/// <param name="Configured">Every link reached networkd's <c>configured</c> state (what <c>systemd-networkd-wait-online</c>, and so <c>network-online.target</c>, waits for) within 90 s (a safety net, not a measure).</param>
/// <param name="Addresses">Each address as <c>&lt;interface&gt; &lt;address&gt;/&lt;prefix&gt;</c>.</param>
/// <param name="Routes">The main tables' routes as <c>ip route show</c> prints them.</param>
/// <param name="Dns">Each interface's DNS servers as networkd records them for systemd-resolved (its <c>DNS=</c> state).</param>
/// <param name="Transcript">Everything printed and networkd's log, for a failing assertion's message.</param>
internal sealed record NetworkdOutcome(bool Configured, IReadOnlySet<string> Addresses, IReadOnlyList<string> Routes, IReadOnlyDictionary<string, IReadOnlyList<string>> Dns, string Transcript)
{
    /// <summary>The <c>.network</c> file networkd configures each managed interface with (its <c>NETWORK_FILE=</c>), by name.</summary>
    public IReadOnlyDictionary<string, string> NetworkFiles { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public static NetworkdOutcome Parse(string output, string transcript)
    {
        var addresses = new SortedSet<string>(StringComparer.Ordinal);
        var routes = new List<string>();
        var dnsByIndex = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var filesByIndex = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var configured = true;
        var section = "";
        var link = "";
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line == "@unconfigured")
            {
                configured = false;
                continue;
            }

            if (line.StartsWith('@'))
            {
                section = line.Split(' ')[0];
                link = section == "@link" ? line["@link ".Length..] : "";
                continue;
            }

            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (section)
            {
                // "3: eth0    inet 192.0.2.10/24 brd 192.0.2.255 scope global eth0\ ..."
                case "@addresses" when words.Length > 3 && words[2] is "inet" or "inet6":
                    addresses.Add($"{words[1].Split('@')[0]} {words[3]}");
                    break;
                case "@routes":
                    routes.Add(line.Trim());
                    break;
                case "@link" when line.StartsWith("NETWORK_FILE=", StringComparison.Ordinal):
                    filesByIndex[link] = line["NETWORK_FILE=".Length..];
                    break;
                case "@link" when line.StartsWith("DNS=", StringComparison.Ordinal):
                    dnsByIndex[link] = line["DNS=".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    break;
                case "@names" when words.Length == 2:
                    names[words[0]] = words[1];
                    break;
            }
        }

        var dns = dnsByIndex.ToDictionary(pair => names.GetValueOrDefault(pair.Key, "#" + pair.Key), pair => pair.Value, StringComparer.Ordinal);
        var files = filesByIndex.ToDictionary(pair => names.GetValueOrDefault(pair.Key, "#" + pair.Key), pair => pair.Value, StringComparer.Ordinal);
        return new NetworkdOutcome(configured, addresses, routes, dns, transcript) { NetworkFiles = files };
    }
}
