using System.Globalization;
using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Testing;
using ShellWords = GuestAgent.Testing.ShellWords;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// An IPv4 link-local DNS server (169.254.0.0/16, where some clouds put their resolver) asked by
/// glibc, which binds its socket to no interface: the kernel sends the question where its routing
/// table says. Debian's real <c>ifup</c> brings up our interfaces file and glibc reads our
/// <c>resolv.conf</c>, on a network laid out as Nova's are (<see cref="RoutedNovaNetwork"/>: the
/// server on the link of the network that lists it, reached from no other, as no router forwards
/// link-local addresses, RFC 3927). Without a route to it on its own link, the question goes out of
/// the public interface to its gateway, and is never answered (systemd-resolved, which binds a link's
/// socket to that link, reaches it without one: <see cref="NetworkdResolvedChainTests"/>).
/// </summary>
public sealed class IfupdownLinkLocalDnsTests
{
    /// <summary>
    /// A private network without a default gateway lists the link-local server; the public one, with
    /// a gateway, lists another; and the same with the link-local server on the public network. Each
    /// brought up by Debian's ifupdown and by Alpine's two <c>ifup</c> (<see cref="AlpineIfup"/>), which read the same file.
    /// </summary>
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var tool in AlpineIfup.Tools.Prepend("ifupdown"))
        {
            foreach (var name in Configurations.Keys)
            {
                cases.Add(tool, name);
            }
        }

        return cases;
    }

    /// <summary>The configurations brought up for real (also by <see cref="NetworkdLinkLocalDnsTests"/>).</summary>
    internal static readonly IReadOnlyDictionary<string, string> Configurations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["on-private"] = """
            {"mac":"00:16:3e:00:00:01","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}],"gateway":"192.0.2.1","dns":["192.0.2.2"]}
            {"mac":"00:16:3e:00:00:02","ips":[{"ip":"10.208.227.239","netmask":"255.255.224.0","enabled":"1"}],"dns":["169.254.169.253"]}
            """,
        ["first-on-private"] = """
            {"mac":"00:16:3e:00:00:01","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}],"gateway":"192.0.2.1"}
            {"mac":"00:16:3e:00:00:02","ips":[{"ip":"10.208.227.239","netmask":"255.255.224.0","enabled":"1"}],"dns":["169.254.169.253","10.208.224.53"]}
            """,
        ["on-public"] = """
            {"mac":"00:16:3e:00:00:01","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}],"gateway":"192.0.2.1","dns":["169.254.169.253","192.0.2.2"]}
            {"mac":"00:16:3e:00:00:02","ips":[{"ip":"10.208.227.239","netmask":"255.255.224.0","enabled":"1"}]}
            """,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Glibc_reaches_a_link_local_server_on_the_link_that_lists_it(string tool, string name)
    {
        var configuration = Build(Configurations[name]);
        using var directory = new TemporaryDirectory();
        var interfaces = directory.Combine("interfaces");
        await File.WriteAllTextAsync(interfaces, new IfupdownRenderer().Render(configuration, new InMemoryFileView()).Files.Single().Contents, TestContext.Current.CancellationToken);
        var current = new InMemoryFileView(new Dictionary<string, string> { [ResolvConfRenderer.FilePath] = "options timeout:1 attempts:1\n" });
        var resolvConf = directory.Combine("resolv.conf");
        await File.WriteAllTextAsync(resolvConf, ResolvConfRenderer.Render(configuration, current).Files.Single().Contents, TestContext.Current.CancellationToken);
        var names = string.Join(' ', configuration.Interfaces.Select(nic => ShellWords.Quote(nic.Name)));
        var setup = (tool == "ifupdown" ? DebianIfup(interfaces, names) : AlpineIfup.IfupScript(tool, interfaces, configuration.Interfaces.Select(nic => nic.Name)))
            + $"mount --bind {ShellWords.Quote(resolvConf)} /etc/resolv.conf || exit 95\n"
            + "ip -o addr; ip route\n";

        var (answers, transcript) = await NovaDnsServers.AskEachAsync(configuration, setup, guestAddresses: false, routed: true);

        Assert.DoesNotMatch(@"(?m)^@?ifup \S+ failed", transcript);
        var servers = configuration.ScopedDnsServers;
        Assert.All(Enumerable.Range(0, Math.Min(NovaDnsServers.GlibcServers, servers.Count)), index => Assert.True(
            NovaDnsServers.ProbeAnswers(index).Contains(answers.GetValueOrDefault(NovaDnsServers.ProbeName(index))),
            $"server {servers[index]}: {NovaDnsServers.ProbeName(index)} did not resolve through glibc\n{transcript}"));
    }

    /// <summary>
    /// The route each case gets (the namespace test runs only the first three): on the link where the
    /// interface has no IPv4 gateway, through its own gateway where it has one (an off-link one
    /// <c>onlink</c>), none where its subnet or a static route of its own already holds the server, and
    /// none for a server on another link or an IPv6 one.
    /// </summary>
    [Theory]
    [InlineData("on-private", "169.254.169.253/32 dev eth1")]
    [InlineData("first-on-private", "169.254.169.253/32 dev eth1")]
    [InlineData("on-public", "169.254.169.253/32 via 192.0.2.1 dev eth0")]
    [InlineData("second-with-gateway", "169.254.169.253/32 via 10.208.224.1 dev eth1")]
    [InlineData("off-link-gateway", "169.254.169.253/32 via 198.51.100.1 dev eth0 onlink")]
    [InlineData("in-a-static-route", null)]
    [InlineData("in-its-subnet", null)]
    [InlineData("ipv6-link-local", null)]
    public void The_interfaces_file_routes_the_server_on_its_link(string name, string? route)
    {
        var text = new IfupdownRenderer().Render(Build(Configurations.GetValueOrDefault(name) ?? RenderedOnly[name]), new InMemoryFileView()).Files.Single().Contents;

        var added = text.Split('\n').Where(line => line.Contains("route add 169.254.169.253/32 ", StringComparison.Ordinal) || line.Contains("route add fe80:", StringComparison.Ordinal)).ToArray();
        var removed = text.Split('\n').Where(line => line.Contains("route del 169.254.169.253/32 ", StringComparison.Ordinal) || line.Contains("route del fe80:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(route is null ? [] : [$"    post-up ip route add {route} || true"], added);
        Assert.Equal(route is null ? [] : [$"    pre-down ip route del {route} || true"], removed);
    }

    /// <summary>Configurations only rendered (also by <see cref="LinkLocalDnsRouteFormsTests"/>).</summary>
    internal static readonly IReadOnlyDictionary<string, string> RenderedOnly = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["second-with-gateway"] = """
            {"mac":"00:16:3e:00:00:01","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}],"gateway":"192.0.2.1"}
            {"mac":"00:16:3e:00:00:02","ips":[{"ip":"10.208.227.239","netmask":"255.255.224.0","enabled":"1"}],"gateway":"10.208.224.1","dns":["169.254.169.253"]}
            """,
        ["off-link-gateway"] = """
            {"mac":"00:16:3e:00:00:01","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}],"gateway":"198.51.100.1","dns":["169.254.169.253"]}
            """,
        ["in-a-static-route"] = """
            {"mac":"00:16:3e:00:00:01","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}],"gateway":"192.0.2.1"}
            {"mac":"00:16:3e:00:00:02","ips":[{"ip":"10.208.227.239","netmask":"255.255.224.0","enabled":"1"}],"routes":[{"route":"169.254.169.0","netmask":"255.255.255.0","gateway":"10.208.224.2"}],"dns":["169.254.169.253"]}
            """,
        ["in-its-subnet"] = """
            {"mac":"00:16:3e:00:00:01","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"},{"ip":"169.254.10.20","netmask":"255.255.0.0","enabled":"1"}],"gateway":"192.0.2.1","dns":["169.254.169.253"]}
            """,
        ["ipv6-link-local"] = """
            {"mac":"00:16:3e:00:00:01","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}],"ip6s":[{"ip":"2001:db8::42","netmask":"64","enabled":"1"}],"gateway":"192.0.2.1","dns":["fe80::53"]}
            """,
    };

    /// <summary>Debian's ifup on each interface, with no hook of this machine and its own state.</summary>
    private static string DebianIfup(string interfaces, string names)
    {
        var ifup = ExternalTool.Require("ifup", "ifupdown");
        return $"""
            mount -t tmpfs tmpfs /run && mkdir -p /run/network /run/o/eu /run/o/ew || exit 95
            mount -t overlay overlay -o lowerdir=/etc,upperdir=/run/o/eu,workdir=/run/o/ew /etc || exit 95
            rm -rf /etc/network/if-*.d && mkdir /etc/network/if-pre-up.d /etc/network/if-up.d /etc/network/if-down.d /etc/network/if-post-down.d || exit 95
            for nic in {names}; do {ifup} -i {ShellWords.Quote(interfaces)} "$nic" > /run/ifup.out 2>&1 || (echo "@ifup $nic failed"; cat /run/ifup.out); done

            """;
    }

    /// <summary>The configuration of <paramref name="vmData"/>'s entries, one a line, on eth0, eth1, ….</summary>
    internal static NetworkConfiguration Build(string vmData)
    {
        var lines = vmData.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var interfaces = lines.Select((_, index) => new SystemInterface(
            string.Create(CultureInfo.InvariantCulture, $"eth{index}"),
            MacAddress.TryParse(string.Create(CultureInfo.InvariantCulture, $"00:16:3e:00:00:0{index + 1}"), out var mac) ? mac : throw new InvalidOperationException()));
        return NetworkConfigurationBuilder.Build(
            lines.Select((line, index) => new KeyValuePair<string, byte[]>(string.Create(CultureInfo.InvariantCulture, $"k{index}"), Encoding.UTF8.GetBytes(line))),
            null, null, interfaces.ToArray(), []);
    }
}
