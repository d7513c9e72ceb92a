using System.Globalization;
using System.Text;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// A server goes to an interface that has a route to it (<see cref="LinkDnsServers"/>): systemd-resolved
/// sends a link's queries out of that link alone, so a server given to a link without a route to it is
/// never reached (the real chain: <see cref="NetworkdResolvedChainTests"/>).
/// </summary>
public sealed class LinkDnsServersRoutingTests
{
    /// <summary>Each entry's JSON, less its MAC (<c>00:16:3e:00:00:0N</c>, interface <c>ethN-1</c>).</summary>
    private static NetworkConfiguration Build(params string[] entries) =>
        NetworkConfigurationBuilder.Build(
            entries.Select((entry, i) => new KeyValuePair<string, byte[]>(
                string.Create(CultureInfo.InvariantCulture, $"k{i}"),
                Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"mac":"00:16:3e:00:00:0{{i + 1}}",{{entry}}}""")))),
            null, null,
            entries.Select((_, i) => new SystemInterface(
                string.Create(CultureInfo.InvariantCulture, $"eth{i}"),
                MacAddress.TryParse(string.Create(CultureInfo.InvariantCulture, $"00:16:3e:00:00:0{i + 1}"), out var mac) ? mac : throw new InvalidOperationException())).ToArray(),
            []);

    private static string[] Of(NetworkConfiguration configuration, string name) =>
        LinkDnsServers.Place(configuration)[name].Select(server => server.ToString()).ToArray();

    private const string Public = "\"ips\":[{\"ip\":\"192.0.2.42\",\"netmask\":\"255.255.255.0\",\"enabled\":\"1\"}],\"gateway\":\"192.0.2.1\"";
    private const string Private = "\"ips\":[{\"ip\":\"10.208.227.239\",\"netmask\":\"255.255.224.0\",\"enabled\":\"1\"}],\"routes\":[{\"route\":\"10.208.0.0\",\"netmask\":\"255.240.0.0\",\"gateway\":\"10.208.224.1\"}]";

    [Fact]
    public void A_server_its_own_interface_has_no_route_to_goes_to_the_one_whose_gateway_reaches_it()
    {
        var configuration = Build($"{Public},\"dns\":[\"192.0.2.2\"]", $"{Private},\"dns\":[\"69.20.0.164\"]");

        Assert.Equal(["192.0.2.2", "69.20.0.164"], Of(configuration, "eth0"));
        Assert.Empty(Of(configuration, "eth1"));
    }

    [Fact]
    public void A_server_its_own_interface_reaches_stays_there_through_a_subnet_a_static_route_or_a_default_gateway()
    {
        var configuration = Build($"{Public},\"dns\":[\"69.20.0.164\"]", $"{Private},\"dns\":[\"10.208.227.2\",\"10.176.0.53\",\"10.209.0.53\"]");

        Assert.Equal(["10.208.227.2", "10.209.0.53"], Of(configuration, "eth1"));
        // 10.176.0.53 is in neither of eth1's networks (its subnet, 10.208.0.0/12): eth0's default gateway reaches it.
        Assert.Equal(["69.20.0.164", "10.176.0.53"], Of(configuration, "eth0"));
    }

    [Fact]
    public void Of_the_interfaces_that_reach_a_moved_server_the_most_specific_route_wins()
    {
        var configuration = Build(
            $"{Public},\"dns\":[]",
            $"{Private},\"dns\":[]",
            "\"ip6s\":[{\"ip\":\"2001:db8::42\",\"netmask\":64,\"enabled\":\"1\"}],\"dns\":[\"10.208.0.53\"]");

        // eth0's default gateway reaches it too, but eth1's 10.208.0.0/12 is the kernel's choice.
        Assert.Empty(Of(configuration, "eth0"));
        Assert.Equal(["10.208.0.53"], Of(configuration, "eth1"));
    }

    [Fact]
    public void Of_interfaces_whose_default_gateways_reach_a_moved_server_one_that_lists_it_wins_else_the_first_by_name()
    {
        const string V6Only = "\"ip6s\":[{\"ip\":\"2001:db8::42\",\"netmask\":64,\"enabled\":\"1\"}]";
        const string Other = "\"ips\":[{\"ip\":\"198.51.100.7\",\"netmask\":\"255.255.255.0\",\"enabled\":\"1\"}],\"gateway\":\"198.51.100.1\"";
        var configuration = Build($"{V6Only},\"dns\":[\"69.20.0.164\",\"69.20.0.196\"]", $"{Public},\"dns\":[]", $"{Other},\"dns\":[\"69.20.0.196\"]");

        Assert.Equal(["69.20.0.164"], Of(configuration, "eth1"));
        Assert.Equal(["69.20.0.196"], Of(configuration, "eth2"));
    }

    [Fact]
    public void An_ipv6_server_goes_to_the_interface_whose_ipv6_default_gateway_reaches_it()
    {
        var configuration = Build(
            "\"ip6s\":[{\"ip\":\"2001:db8::42\",\"netmask\":64,\"enabled\":\"1\"}],\"gateway_v6\":\"fe80::1\",\"dns\":[]",
            "\"ip6s\":[{\"ip\":\"2001:db8:1::7\",\"netmask\":64,\"enabled\":\"1\"}],\"dns\":[\"2001:4860:4860::8888\"]");

        Assert.Equal(["2001:4860:4860::8888"], Of(configuration, "eth0"));
        Assert.Empty(Of(configuration, "eth1"));
    }

    [Fact]
    public void A_server_no_interface_routes_to_stays_where_its_family_puts_it()
    {
        var configuration = Build($"{Private},\"dns\":[\"69.20.0.164\"]", "\"ips\":[{\"ip\":\"10.0.0.5\",\"netmask\":\"255.0.0.0\",\"enabled\":\"1\"}],\"dns\":[\"69.20.0.165\"]");

        Assert.Equal(["69.20.0.164"], Of(configuration, "eth0"));
        Assert.Equal(["69.20.0.165"], Of(configuration, "eth1"));
    }
}
