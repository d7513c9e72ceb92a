using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Every route a backend asks for is one the real kernel installs (<see cref="KernelNamespace"/>),
/// with a gateway outside every subnet of its interface too (the <c>off-link-gateways</c> fixture:
/// a <c>/32</c> address with the gateway 172.31.1.1, a route through another range, an IPv6
/// gateway outside the prefix), and an on-link mark only where the kernel needs one.
/// </summary>
public sealed class OnLinkGatewayKernelTests
{
    public static TheoryData<string> Fixtures() => new(NetworkFixture.Names);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Networkd_routes_ours_and_those_netplan_generates_install_in_the_kernel(string fixture)
    {
        var netplan = ExternalTool.Require("netplan", "netplan.io");
        var configuration = NetworkFixture.Load(fixture).Build();
        using var root = new TemporaryDirectory();
        OurNetplanYaml.WriteUnder(root, configuration);
        var generate = await ExternalTool.RunAsync(netplan, ["generate", "--root-dir", root.Path]);
        Assert.True(generate.ExitCode == 0, generate.StandardError);

        var netplans = Directory.GetFiles(root.Combine("run", "systemd", "network"), "10-netplan-*.network").Select(File.ReadAllText);
        var ours = new NetworkdRenderer().Render(configuration, new InMemoryFileView()).Files.Select(f => f.Contents);
        foreach (var files in new[] { netplans, ours })
        {
            var routes = files.Select(text => NetworkdSemantics.Parse(text, configuration))
                .SelectMany(file => file.Routes.Select(route => $"{route} dev {file.Name}"))
                .ToArray();
            Assert.NotEmpty(routes);
            await AssertInstallableAndMinimal(configuration, routes, inOrder: true);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Ifup_installs_every_gateway_and_route_of_our_interfaces_file(string fixture)
    {
        var ifup = ExternalTool.Require("ifup", "ifupdown");
        var configuration = NetworkFixture.Load(fixture).Build();
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("interfaces");
        File.WriteAllText(file, new IfupdownRenderer().Render(configuration, new InMemoryFileView()).Files.Single().Contents);

        // The real ifup, without the hook scripts of this machine; our post-up lines still run.
        var result = await KernelNamespace.RunAsync(
            configuration.Interfaces.Select(i => i.Name),
            $"{ifup} --no-scripts -i {ShellWords.Quote(file)} --state-dir {ShellWords.Quote(directory.Path)} -a >{ShellWords.Quote(directory.Combine("ifup.out"))} 2>&1 || echo ifup failed\nip -4 route show\nip -6 route show\n");
        Assert.True(result.ExitCode == 0, result.StandardError);
        var table = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain("ifup failed", table);
        foreach (var nic in configuration.Interfaces)
        {
            var expected = new[] { nic.IPv4Gateway, nic.IPv6Gateway }
                .OfType<System.Net.IPAddress>()
                .Select(gateway => $"default via {gateway} dev {nic.Name}")
                .Concat(nic.Routes.Where(r => !HeldByOwnSubnet(nic, r)).Select(r => $"{HostRouteText(r)} via {r.Gateway} dev {nic.Name}"));
            Assert.All(expected, route => Assert.True(
                table.Any(line => line.StartsWith(route + " ", StringComparison.Ordinal) || line == route),
                $"'{route}' is not in the kernel's table after ifup:\n{string.Join('\n', table)}\n{File.ReadAllText(directory.Combine("ifup.out"))}"));
        }
    }

    /// <summary>A route the kernel already holds as an address's own subnet route (odd-edges' <c>128.0.0.0/1</c>): its <c>ip route add</c> fails, whatever the gateway.</summary>
    internal static bool HeldByOwnSubnet(InterfaceConfiguration nic, StaticRoute route) =>
        nic.Addresses.Any(a => a.PrefixLength == route.PrefixLength && OnLinkGateway.Contains(a, route.Network));

    /// <summary>The destination as <c>ip route show</c> prints it: a host route without its prefix length.</summary>
    internal static string HostRouteText(StaticRoute route) =>
        route.PrefixLength == (route.IsIPv6 ? 128 : 32) ? route.Network.ToString() : route.Destination;

    [Fact]
    public async Task The_off_link_fixture_has_gateways_the_kernel_refuses_without_onlink()
    {
        // The fixture means what it says: without the mark these routes are refused, so a renderer
        // that drops it fails the tests above.
        var configuration = NetworkFixture.Load("off-link-gateways").Build();
        string[] bare =
        [
            "0.0.0.0/0 via 172.31.1.1 dev eth0", "::/0 via 2001:db8:1::1 dev eth0", "198.51.100.0/24 via 172.31.1.1 dev eth0",
            "10.200.0.0/16 via 10.1.0.1 dev eth1", "2001:db8:77::/48 via 2001:db8:9::1 dev eth2",
        ];
        var answers = await KernelNamespace.TryAddAsync(configuration, bare.Concat(bare.Select(r => r + " onlink")).Append("10.201.0.0/16 via 10.0.12.1 dev eth1").Append("2001:db8:78::/48 via fe80::1 dev eth2"));
        Assert.All(bare, route => Assert.True(KernelNamespace.IsUnreachableGateway(answers[route]), $"{route}: {answers[route]}"));
        Assert.All(bare, route => Assert.Null(answers[route + " onlink"]));
        Assert.Null(answers["10.201.0.0/16 via 10.0.12.1 dev eth1"]);
        Assert.Null(answers["2001:db8:78::/48 via fe80::1 dev eth2"]);
    }

    [Fact]
    public void Off_link_is_decided_by_the_subnets_of_the_gateways_family()
    {
        var configuration = NetworkFixture.Load("off-link-gateways").Build();
        var eth0 = configuration.Interfaces.Single(i => i.Name == "eth0");
        var eth1 = configuration.Interfaces.Single(i => i.Name == "eth1");
        var eth2 = configuration.Interfaces.Single(i => i.Name == "eth2");
        Assert.True(eth0.IsOffLink(System.Net.IPAddress.Parse("172.31.1.1")));
        Assert.False(eth0.IsOffLink(System.Net.IPAddress.Parse("203.0.113.5")));
        Assert.True(eth0.IsOffLink(System.Net.IPAddress.Parse("2001:db8:1::1")));
        Assert.False(eth0.IsOffLink(System.Net.IPAddress.Parse("2001:db8:5::ffff")));
        Assert.True(eth1.IsOffLink(System.Net.IPAddress.Parse("10.1.0.1")));
        Assert.False(eth1.IsOffLink(System.Net.IPAddress.Parse("10.0.12.255")));
        Assert.True(eth1.IsOffLink(System.Net.IPAddress.Parse("10.0.13.0")));
        Assert.True(eth1.IsOffLink(System.Net.IPAddress.Parse("::1")));
        Assert.False(eth2.IsOffLink(System.Net.IPAddress.Parse("fe80::1")));
        Assert.True(eth2.IsOffLink(System.Net.IPAddress.Parse("2001:db8:9::1")));
        Assert.False(eth2.IsOffLink(System.Net.IPAddress.Parse("2001:db8:9::5")));

        // A prefix that ends inside a byte: 10.0.12.7/23 holds 10.0.13.1 and not 10.0.14.1 (nor 10.0.11.1).
        var slash23 = eth1 with { IPv4Addresses = [new InterfaceAddress(System.Net.IPAddress.Parse("10.0.12.7"), 23)] };
        Assert.False(slash23.IsOffLink(System.Net.IPAddress.Parse("10.0.13.1")));
        Assert.True(slash23.IsOffLink(System.Net.IPAddress.Parse("10.0.14.1")));
        Assert.True(slash23.IsOffLink(System.Net.IPAddress.Parse("10.0.11.1")));
        // An IPv4 gateway is never in an IPv6 subnet, even one whose first bytes it shares (0a00:0c00::/24 and 10.0.12.1).
        var v6Only = eth2 with { IPv6Addresses = [new InterfaceAddress(System.Net.IPAddress.Parse("a00:c00::1"), 24)] };
        Assert.True(v6Only.IsOffLink(System.Net.IPAddress.Parse("10.0.12.1")));

        var slash0 = eth1 with { IPv4Addresses = [new InterfaceAddress(System.Net.IPAddress.Parse("10.0.12.7"), 1)] };
        Assert.False(slash0.IsOffLink(System.Net.IPAddress.Parse("99.1.1.1")));
        Assert.True(slash0.IsOffLink(System.Net.IPAddress.Parse("129.1.1.1")));
    }

    /// <summary>
    /// The kernel finds the gateway of each route as written (with <paramref name="inOrder"/>, after the
    /// routes before it, and every default route installed), and one marked on-link is refused
    /// without the mark (so the mark is there only where needed). A route refused for another reason
    /// (odd-edges' <c>128.0.0.0/1</c>, which an address's own subnet route already holds) is no
    /// question of reachability.
    /// </summary>
    internal static async Task AssertInstallableAndMinimal(NetworkConfiguration configuration, IReadOnlyList<string> routes, bool inOrder = false)
    {
        var answers = await KernelNamespace.TryAddAsync(configuration, routes, inOrder);
        Assert.All(routes, route => Assert.False(KernelNamespace.IsUnreachableGateway(answers[route]), $"the kernel refuses 'ip route add {route}': {answers[route]}"));
        if (inOrder)
        {
            // Added together, as the backend adds them: every interface's default route is installed,
            // none refused as a second default of equal metric ("File exists").
            var defaults = routes.Where(r => r.StartsWith("0.0.0.0/0 ", StringComparison.Ordinal) || r.StartsWith("::/0 ", StringComparison.Ordinal) || r.StartsWith("default ", StringComparison.Ordinal));
            Assert.All(defaults, route => Assert.True(answers[route] is null, $"the kernel refuses 'ip route add {route}' after the routes before it: {answers[route]}"));
        }

        var bare = routes.Where(r => r.Contains(" onlink", StringComparison.Ordinal)).Select(r => r.Replace(" onlink", "", StringComparison.Ordinal)).ToArray();
        var bareAnswers = await KernelNamespace.TryAddAsync(configuration, bare);
        Assert.All(bare, route => Assert.True(KernelNamespace.IsUnreachableGateway(bareAnswers[route]), $"'{route}' needs no onlink"));
    }
}
