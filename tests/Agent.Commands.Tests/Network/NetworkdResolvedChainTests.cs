using System.Globalization;
using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;
using ShellWords = GuestAgent.Testing.ShellWords;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The whole chain a systemd-networkd guest resolves through after resetnetwork: the real
/// systemd-networkd applies our <c>.network</c> files (or those netplan generates from our YAML) and
/// records each link's <c>DNS=</c> under <c>/run/systemd/netif/links/</c>; the real systemd-resolved
/// reads that record (sd-network watches the directory; systemd 252's networkd pushes nothing over
/// D-Bus, so no bus is needed) and asks each link's servers over that link; glibc asks resolved's stub
/// (<c>127.0.0.53</c>, the <c>/etc/resolv.conf</c> the package links). The servers are real
/// (<see cref="NovaDnsServers"/>) on a network laid out as Nova's are (<see cref="RoutedNovaNetwork"/>):
/// a server the link it is given to has no route to does not answer, as on a real network.
/// Every server placed on a link must answer its own name.
/// </summary>
public sealed class NetworkdResolvedChainTests
{
    private const string Networkd = "/usr/lib/systemd/systemd-networkd";
    private const string WaitOnline = "/usr/lib/systemd/systemd-networkd-wait-online";
    private const string Resolved = AlpineIfup.Root + "/systemd-resolved/lib/systemd/systemd-resolved";

    /// <summary>Every fixture with servers, and the cases of <see cref="Extra"/>.</summary>
    public static TheoryData<string> Cases() => new(NovaDnsServers.FixturesWithServers.Concat(Extra.Keys));

    /// <summary>
    /// As <see cref="Cases"/> but odd-edges, whose interface named <c>123</c> netplan matches by name,
    /// which networkd refuses (a known limit, see <see cref="NetworkdDaemonTests.NetplanFixtures"/>).
    /// </summary>
    public static TheoryData<string> NetplanCases() => new(NovaDnsServers.FixturesWithServers.Where(name => name != "odd-edges").Concat(Extra.Keys));

    /// <summary>
    /// Configurations no fixture has: a private network (no default gateway, a route to its own
    /// range) that lists a public server only the public network's gateway reaches, the way a
    /// network's <c>dns_nameservers</c> may name any resolver; and a link-local server listed on an
    /// interface with IPv4 addresses only, next to an IPv4 one; and an IPv4 link-local server
    /// (169.254.0.0/16, where some clouds put their resolver) listed by a private network without a
    /// default gateway beside a public one with one: only its own link reaches it.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> Extra = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["private-lists-public"] = """
            {"mac":"00:16:3e:00:00:01","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}],"gateway":"192.0.2.1","dns":["192.0.2.2"]}
            {"mac":"00:16:3e:00:00:02","ips":[{"ip":"10.208.227.239","netmask":"255.255.224.0","enabled":"1"}],"routes":[{"route":"10.208.0.0","netmask":"255.240.0.0","gateway":"10.208.224.1"}],"dns":["69.20.0.164"]}
            """,
        ["ipv4-link-local-on-private"] = """
            {"mac":"00:16:3e:00:00:01","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}],"gateway":"192.0.2.1","dns":["192.0.2.2"]}
            {"mac":"00:16:3e:00:00:02","ips":[{"ip":"10.208.227.239","netmask":"255.255.224.0","enabled":"1"}],"dns":["169.254.169.253"]}
            """,
        ["link-local-on-ipv4"] = """
            {"mac":"00:16:3e:00:00:01","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}],"gateway":"192.0.2.1","dns":["fe80::53","192.0.2.2"]}
            """,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Resolved_reaches_every_server_networkd_applies_from_our_files(string name)
    {
        var configuration = Configuration(name);
        using var files = new TemporaryDirectory();
        File.SetUnixFileMode(files.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        foreach (var file in new NetworkdRenderer().Render(configuration, new InMemoryFileView()).Files)
        {
            File.WriteAllText(files.Combine(Path.GetFileName(file.Path)), file.Contents);
        }

        await AssertEveryPlacedServerAnswersAsync(configuration, files.Path);
    }

    [Theory]
    [MemberData(nameof(NetplanCases))]
    public async Task Resolved_reaches_every_server_networkd_applies_from_netplans_files(string name)
    {
        var netplan = ExternalTool.Require("netplan", "netplan.io");
        var configuration = Configuration(name);
        using var root = new TemporaryDirectory();
        OurNetplanYaml.WriteUnder(root, configuration);
        var generate = await ExternalTool.RunAsync(netplan, ["generate", "--root-dir", root.Path]);
        Assert.True(generate.ExitCode == 0, generate.StandardError);

        await AssertEveryPlacedServerAnswersAsync(configuration, root.Combine("run", "systemd", "network"));
    }

    private static NetworkConfiguration Configuration(string name)
    {
        if (!Extra.TryGetValue(name, out var entries))
        {
            return NetworkFixture.Load(name).Build();
        }

        var lines = entries.Split('\n');
        var interfaces = lines.Select((line, index) => new SystemInterface(
            string.Create(CultureInfo.InvariantCulture, $"eth{index}"),
            MacAddress.TryParse(string.Create(CultureInfo.InvariantCulture, $"00:16:3e:00:00:0{index + 1}"), out var mac) ? mac : throw new InvalidOperationException()));
        return NetworkConfigurationBuilder.Build(
            lines.Select((line, index) => new KeyValuePair<string, byte[]>(string.Create(CultureInfo.InvariantCulture, $"k{index}"), Encoding.UTF8.GetBytes(line))),
            null, null, interfaces.ToArray(), []);
    }

    /// <summary>
    /// Every server our files put on a link answers its name through the stub. A server no link takes
    /// (<see cref="LinkDnsServers.Unplaced"/>, warned about) is not asked for.
    /// </summary>
    private static async Task AssertEveryPlacedServerAnswersAsync(NetworkConfiguration configuration, string networkFiles)
    {
        ExternalTool.Require(Networkd, "systemd");
        ExternalTool.Require(WaitOnline, "systemd");
        if (!File.Exists(Resolved))
        {
            Requirement.Unmet($"'{Resolved}' is missing: (mkdir -p {AlpineIfup.Root} && cd /tmp && apt-get download systemd-resolved && dpkg -x systemd-resolved_*.deb {AlpineIfup.Root}/systemd-resolved), as .ci/run does");
        }

        NetworkdDaemon.WithoutRouterSolicitation(networkFiles);
        using var directory = new TemporaryDirectory();
        var placed = LinkDnsServers.Place(configuration).SelectMany(pair => pair.Value.Select(server => server.IsIPv6LinkLocal ? $"{server}%{pair.Key}" : server.ToString())).ToHashSet(StringComparer.Ordinal);
        var (answers, transcript) = await NovaDnsServers.AskEachAsync(configuration, Setup(directory, networkFiles), routed: true);

        var servers = configuration.ScopedDnsServers;
        Assert.All(Enumerable.Range(0, servers.Count).Where(index => placed.Contains(servers[index])), index => Assert.True(
            NovaDnsServers.ProbeAnswers(index).Contains(answers.GetValueOrDefault(NovaDnsServers.ProbeName(index))),
            $"server {servers[index]}: {NovaDnsServers.ProbeName(index)} did not resolve through networkd and resolved\n{transcript}"));
    }

    /// <summary>
    /// networkd and resolved in the guest, sharing its <c>/run/systemd</c> (a tmpfs) and seeing only
    /// our files (a tmpfs over <c>/etc/systemd</c>, where no <c>resolved.conf</c> gives servers of its
    /// own, and over networkd's other directories); <c>/sys</c> read-only as in <see cref="NetworkdDaemon"/>;
    /// resolved's user added when this machine lacks it; <c>/etc/resolv.conf</c> naming the stub. Once
    /// networkd has configured every link, resolved's own list (<c>/run/systemd/resolve/resolv.conf</c>,
    /// every server it knows) is waited for, until it names every server networkd recorded for a link (<c>DNS=</c>; at most
    /// 5 s, then on as the fixed half second this replaced did), and shown.
    /// </summary>
    private static string Setup(TemporaryDirectory directory, string networkFiles)
    {
        var passwd = directory.Combine("passwd");
        var group = directory.Combine("group");
        File.WriteAllText(passwd, File.ReadAllText("/etc/passwd") + "systemd-resolve:x:991:991::/:/usr/sbin/nologin\n");
        File.WriteAllText(group, File.ReadAllText("/etc/group") + "systemd-resolve:x:991:\n");
        var stub = directory.Combine("resolv.conf");
        File.WriteAllText(stub, "nameserver 127.0.0.53\noptions edns0 trust-ad\n");
        var networkdLog = ShellWords.Quote(directory.Combine("networkd.log"));
        var resolvedLog = ShellWords.Quote(directory.Combine("resolved.log"));
        return $"""
            if ! getent passwd systemd-resolve > /dev/null; then mount --bind {ShellWords.Quote(passwd)} /etc/passwd && mount --bind {ShellWords.Quote(group)} /etc/group || exit 95; fi
            mount -t sysfs -o ro sysfs /sys || exit 95
            mount -t tmpfs tmpfs /run/systemd && mkdir -p /run/systemd/netif /run/systemd/network && chown systemd-network: /run/systemd/netif || exit 95
            mount -t tmpfs tmpfs /usr/lib/systemd/network && mount -t tmpfs tmpfs /etc/systemd && mkdir /etc/systemd/network || exit 95
            mount --bind {ShellWords.Quote(networkFiles)} /etc/systemd/network && mount --bind {ShellWords.Quote(stub)} /etc/resolv.conf || exit 95
            SYSTEMD_LOG_LEVEL=debug {Networkd} > {networkdLog} 2>&1 & servers="$servers $!"
            SYSTEMD_LOG_LEVEL=debug {Resolved} > {resolvedLog} 2>&1 & servers="$servers $!"
            trap 'kill $servers $host 2>/dev/null; echo @networkd; tail -n 40 {networkdLog}; echo @resolved; tail -n 80 {resolvedLog}' EXIT
            {WaitOnline} --timeout=90 || echo @unconfigured
            for i in $(seq 100); do
              missing=
              for server in $(sed -n 's/^DNS=//p' /run/systemd/netif/links/*); do
                grep -q -x -F -e "nameserver $server" /run/systemd/resolve/resolv.conf 2>/dev/null || grep -q -F -e "nameserver $server%" /run/systemd/resolve/resolv.conf 2>/dev/null || missing=1
              done
              [ -s /run/systemd/resolve/resolv.conf ] && [ -z "$missing" ] && break
              sleep 0.05
            done
            echo @links; for state in /run/systemd/netif/links/*; do echo "$state: $(grep '^DNS=' "$state")"; done
            echo @uplink; grep nameserver /run/systemd/resolve/resolv.conf
            ip -o addr; ip route; ip -6 route
            """;
    }
}
