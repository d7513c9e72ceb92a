using System.Text;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Which interface carries each DNS server for netplan, systemd-networkd and NetworkManager: one
/// with an address of the server's family (<see cref="LinkDnsServers"/>). The real tools' view of
/// the result is in <see cref="NetworkManagerKeyfileTests"/> and <see cref="NetplanGenerateTests"/>.
/// </summary>
public sealed class LinkDnsServersTests
{
    private static readonly SystemInterface[] Interfaces =
    [
        new("eth0", Mac("00:16:3e:00:00:01")),
        new("eth1", Mac("00:16:3e:00:00:02")),
        new("eth2", Mac("00:16:3e:00:00:03")),
    ];

    private const string V4 = "\"ips\":[{\"ip\":\"192.0.2.{0}\",\"netmask\":24,\"enabled\":\"1\"}]";
    private const string V6 = "\"ip6s\":[{\"ip\":\"2001:db8::{0}\",\"netmask\":64,\"enabled\":\"1\"}]";

    private static MacAddress Mac(string text) => MacAddress.TryParse(text, out var mac) ? mac : throw new ArgumentException(text);

    /// <summary>One entry per interface: its address lists (<see cref="V4"/>, <see cref="V6"/>) and its <c>dns</c>.</summary>
    private static NetworkConfiguration Build(List<string> warnings, params (string Families, string[] Dns)[] entries) =>
        NetworkConfigurationBuilder.Build(
            entries.Select((e, i) => new KeyValuePair<string, byte[]>(
                $"k{i}",
                Encoding.UTF8.GetBytes($$"""{"mac":"00:16:3e:00:00:0{{i + 1}}",{{e.Families.Replace("{0}", (i + 10).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)}},"dns":[{{string.Join(',', e.Dns.Select(d => $"\"{d}\""))}}]}"""))),
            null, null, Interfaces, warnings);

    private static string[] Of(NetworkConfiguration configuration, string name) =>
        LinkDnsServers.Place(configuration)[name].Select(d => d.ToString()).ToArray();

    [Fact]
    public void A_server_of_a_family_its_interface_has_stays_there_in_order()
    {
        var warnings = new List<string>();
        var configuration = Build(warnings, ($"{V4},{V6}", ["2001:db8::53", "192.0.2.53"]));

        Assert.Equal(["2001:db8::53", "192.0.2.53"], Of(configuration, "eth0"));
        Assert.Empty(warnings);
    }

    [Fact]
    public void A_server_of_a_family_its_interface_lacks_goes_to_the_first_interface_that_has_it_after_that_ones_own()
    {
        var warnings = new List<string>();
        var configuration = Build(warnings,
            (V6, ["192.0.2.53", "2001:db8::53"]),
            (V4, ["198.51.100.53"]),
            (V4, ["203.0.113.53"]));

        Assert.Equal(["2001:db8::53"], Of(configuration, "eth0"));
        Assert.Equal(["198.51.100.53", "192.0.2.53"], Of(configuration, "eth1"));
        Assert.Equal(["203.0.113.53"], Of(configuration, "eth2"));
        Assert.Empty(LinkDnsServers.Unplaced(configuration));
        Assert.Empty(warnings);
    }

    [Fact]
    public void A_server_another_interface_of_its_family_lists_itself_is_not_added_twice()
    {
        var configuration = Build([],
            (V6, ["192.0.2.53"]),
            (V4, ["198.51.100.53"]),
            (V4, ["192.0.2.53"]));

        Assert.Equal(["198.51.100.53"], Of(configuration, "eth1"));
        Assert.Equal(["192.0.2.53"], Of(configuration, "eth2"));
        Assert.Empty(Of(configuration, "eth0"));
    }

    [Fact]
    public void A_server_no_interface_has_the_family_of_is_left_out_with_a_warning_naming_it()
    {
        var warnings = new List<string>();
        var configuration = Build(warnings, (V4, ["192.0.2.53", "2001:db8::53"]), (V4, ["2001:db8::53"]));

        Assert.Equal(["192.0.2.53"], Of(configuration, "eth0"));
        Assert.Empty(Of(configuration, "eth1"));
        Assert.Equal(["2001:db8::53"], LinkDnsServers.Unplaced(configuration).Select(d => d.ToString()));
        var warning = Assert.Single(warnings);
        Assert.Equal("DNS server 2001:db8::53 has no configured interface with an address of its family; netplan, systemd-networkd and NetworkManager, which tie a server to an interface, are not given it", warning);

        // The backends that write one list for the whole system still have it.
        Assert.Equal(["192.0.2.53", "2001:db8::53"], configuration.DnsServers.Select(d => d.ToString()));
    }

    [Fact]
    public void A_link_local_server_never_moves_to_another_link()
    {
        var warnings = new List<string>();
        var configuration = Build(warnings, (V4, ["fe80::53"]), (V6, ["fe80::54"]));

        Assert.Empty(Of(configuration, "eth0"));
        Assert.Equal(["fe80::54"], Of(configuration, "eth1"));
        Assert.Equal(["fe80::53"], LinkDnsServers.Unplaced(configuration).Select(d => d.ToString()));
        Assert.Contains("fe80::53 has no configured interface with an address of its family on its link;", Assert.Single(warnings), StringComparison.Ordinal);
    }

    /// <summary>
    /// An IPv4 link-local server (169.254.0.0/16) is on the link of the network that lists it: no
    /// router forwards to it (RFC 3927), so the default gateway of another interface never reaches it.
    /// The real systemd-resolved's view is <see cref="NetworkdResolvedChainTests"/>' <c>ipv4-link-local-on-private</c>.
    /// </summary>
    [Fact]
    public void A_link_local_IPv4_server_never_moves_to_another_link()
    {
        var warnings = new List<string>();
        var configuration = Build(warnings, (V4 + ",\"gateway\":\"192.0.2.1\"", ["192.0.2.53"]), (V4, ["169.254.169.253"]), (V6, ["169.254.169.254"]));

        Assert.Equal(["192.0.2.53"], Of(configuration, "eth0"));
        Assert.Equal(["169.254.169.253"], Of(configuration, "eth1"));
        Assert.Empty(Of(configuration, "eth2"));
        Assert.Equal(["169.254.169.254"], LinkDnsServers.Unplaced(configuration).Select(d => d.ToString()));
        Assert.Contains("169.254.169.254 has no configured interface with an address of its family on its link;", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Many_interfaces_with_long_lists_give_every_server_to_the_one_interface_of_its_family_once_in_order()
    {
        const int count = 40, servers = 120;
        var system = Enumerable.Range(0, count).Select(i => new SystemInterface($"eth{i:D2}", Mac($"00:16:3e:00:01:{i:x2}"))).ToArray();
        var entries = Enumerable.Range(0, count).Select(i =>
        {
            // eth00 is IPv6-only; every other interface is IPv4-only with IPv6 servers of its own and one shared.
            var addresses = i == 0 ? V6.Replace("{0}", "1", StringComparison.Ordinal) : V4.Replace("192.0.2.{0}", $"10.0.{i}.1", StringComparison.Ordinal);
            var dns = Enumerable.Range(0, servers).Select(j => $"\"2001:db8:{i:x}::{j:x}\"").Append("\"2001:db8:ffff::53\"");
            return new KeyValuePair<string, byte[]>($"k{i}", Encoding.UTF8.GetBytes($$"""{"mac":"00:16:3e:00:01:{{i:x2}}",{{addresses}},"dns":[{{string.Join(',', dns)}}]}"""));
        });
        var configuration = NetworkConfigurationBuilder.Build(entries, null, null, system, []);

        var placed = LinkDnsServers.Place(configuration);

        var expected = Enumerable.Range(0, servers).Select(j => $"2001:db8:0::{j:x}").Append("2001:db8:ffff::53")
            .Concat(Enumerable.Range(1, count - 1).SelectMany(i => Enumerable.Range(0, servers).Select(j => $"2001:db8:{i:x}::{j:x}")))
            .Select(text => System.Net.IPAddress.Parse(text).ToString());
        Assert.Equal(expected, placed["eth00"].Select(d => d.ToString()));
        Assert.All(Enumerable.Range(1, count - 1), i => Assert.Empty(placed[$"eth{i:D2}"]));
        Assert.Empty(LinkDnsServers.Unplaced(configuration));
    }
}
