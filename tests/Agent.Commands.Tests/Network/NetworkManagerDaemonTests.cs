using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The connections of the NetworkManager backend, our keyfiles and those netplan generates from our
/// YAML, as the real NetworkManager daemon applies them (<see cref="NetworkManagerDaemon"/>): each
/// interface's own connection active on it, every address, default gateway and route of every fixture
/// in the kernel, each interface's DNS servers as NetworkManager holds them and every server in the
/// <c>resolv.conf</c> it writes. A keyfile NetworkManager ignores, a key it reads otherwise than we
/// think, or a connection it activates elsewhere shows here as a device without our connection, or a
/// missing address, route or server.
/// </summary>
public sealed class NetworkManagerDaemonTests
{
    public static TheoryData<string> Fixtures() => new(NetworkFixture.Names);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task NetworkManager_applies_every_address_route_and_server_of_our_keyfiles(string fixture)
    {
        var configuration = NetworkFixture.Load(fixture).Build();
        using var files = new TemporaryDirectory();
        foreach (var file in new NetworkManagerRenderer().Render(configuration, new InMemoryFileView()).Files)
        {
            var path = files.Combine(Path.GetFileName(file.Path));
            File.WriteAllText(path, file.Contents);
            File.SetUnixFileMode(path, file.Mode);
        }

        var outcome = await NetworkManagerDaemon.RunAsync(configuration, new Dictionary<string, string>
        {
            ["/etc/NetworkManager/system-connections"] = files.Path,
        });
        AssertApplied(configuration, outcome, NetworkManagerRenderer.ConnectionId);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task NetworkManager_applies_every_address_route_and_server_netplan_generates_from_our_yaml(string fixture)
    {
        var configuration = NetworkFixture.Load(fixture).Build();
        using var root = new TemporaryDirectory();
        await OurNetplanYaml.GenerateForNetworkManagerAsync(root, configuration);

        // Where netplan writes them and NetworkManager reads them: its run directory, with netplan's conf.d.
        var outcome = await NetworkManagerDaemon.RunAsync(configuration, new Dictionary<string, string>
        {
            ["/run/NetworkManager/system-connections"] = root.Combine("run", "NetworkManager", "system-connections"),
            ["/run/NetworkManager/conf.d"] = root.Combine("run", "NetworkManager", "conf.d"),
        });
        AssertApplied(configuration, outcome, name => "netplan-" + name);
    }

    internal static void AssertApplied(NetworkConfiguration configuration, NetworkManagerOutcome outcome, Func<string, string> connection)
    {
        Assert.True(outcome.Settled, $"NetworkManager's start-up did not complete:\n{outcome.Transcript}");
        var servers = LinkDnsServers.Place(configuration);
        foreach (var nic in configuration.Interfaces)
        {
            var device = outcome.Devices[nic.Name];
            Assert.True(
                device.State == "100 (connected)" && device.Connection == connection(nic.Name),
                $"{nic.Name} is '{device.State}' with '{device.Connection}', not connected with {connection(nic.Name)}:\n{outcome.Transcript}");
            Assert.All(nic.Addresses, address => Assert.True(
                outcome.Addresses.Contains($"{nic.Name} {address.Cidr}"),
                $"{address.Cidr} is not on {nic.Name}:\n{outcome.Transcript}"));
            Assert.All(ExpectedRoutes(nic), route => Assert.True(
                HasRoute(outcome.Routes, route),
                $"'{route}' is not in the kernel's table:\n{outcome.Transcript}"));
            Assert.True(
                servers[nic.Name].Select(s => s.ToString()).Order(StringComparer.Ordinal).SequenceEqual(device.Dns.Order(StringComparer.Ordinal)),
                $"{nic.Name}'s DNS servers are not [{string.Join(' ', servers[nic.Name])}]:\n{outcome.Transcript}");
        }

        // NetworkManager's resolv.conf merges every connection's servers.
        Assert.True(
            servers.Values.SelectMany(s => s).Select(s => s.ToString()).Distinct().Order(StringComparer.Ordinal).SequenceEqual(outcome.ResolvConf.Order(StringComparer.Ordinal)),
            $"NetworkManager's resolv.conf does not hold every server:\n{outcome.Transcript}");
    }

    /// <summary>
    /// The start of each route line <c>ip route show</c> prints for <paramref name="nic"/>'s default
    /// gateways and the routes its own subnets do not already hold (<c>default via 192.0.2.1 dev eth0</c>).
    /// </summary>
    internal static IEnumerable<string> ExpectedRoutes(InterfaceConfiguration nic) =>
        new[] { nic.IPv4Gateway, nic.IPv6Gateway }
            .OfType<System.Net.IPAddress>()
            .Select(gateway => $"default via {gateway} dev {nic.Name}")
            .Concat(nic.Routes.Where(r => !OnLinkGatewayKernelTests.HeldByOwnSubnet(nic, r))
                .Select(r => $"{OnLinkGatewayKernelTests.HostRouteText(r)} via {r.Gateway} dev {nic.Name}"));

    /// <summary>Whether <paramref name="routes"/> has a line for <paramref name="route"/> (<see cref="ExpectedRoutes"/>).</summary>
    internal static bool HasRoute(IEnumerable<string> routes, string route) =>
        routes.Any(line => line.StartsWith(route + " ", StringComparison.Ordinal) || line == route);
}
