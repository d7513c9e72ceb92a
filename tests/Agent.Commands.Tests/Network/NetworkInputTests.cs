using System.Net;
using System.Text;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>Every quirk of Nova's networking JSON (protocol spec §5.1–5.2), and every rejection.</summary>
public sealed class NetworkInputTests
{
    private static readonly SystemInterface[] Interfaces =
    [
        new("eth0", Mac("bc:76:4e:20:6c:5a")),
        new("eth1", Mac("bc:76:4e:20:6c:5b")),
    ];

    private static MacAddress Mac(string text) => MacAddress.TryParse(text, out var mac) ? mac : throw new ArgumentException(text);

    private static NetworkConfiguration Build(string json, string key = "BC764E206C5A", string? hostname = null, List<string>? warnings = null) =>
        NetworkConfigurationBuilder.Build([new(key, Encoding.UTF8.GetBytes(json))], hostname, null, Interfaces, warnings ?? []);

    private static string Rejected(string json, string? hostname = null) =>
        Assert.Throws<InvalidNetworkDataException>(() => Build(json, hostname: hostname)).Message;

    private const string V4 = """{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}""";

    [Theory]
    [InlineData("BC:76:4E:20:6C:5A")]
    [InlineData("bc:76:4e:20:6c:5a")]
    [InlineData("bc764e206c5a")]
    public void Interfaces_are_matched_by_the_mac_field_in_any_case(string mac)
    {
        var configuration = Build($$"""{"mac":"{{mac}}","ips":[{{V4}}]}""", key: "unrelated-key");
        Assert.Equal("eth0", Assert.Single(configuration.Interfaces).Name);
    }

    [Fact]
    public void The_key_is_ignored_in_favour_of_the_mac_field()
    {
        var configuration = Build($$"""{"mac":"BC:76:4E:20:6C:5B","ips":[{{V4}}]}""", key: "BC764E206C5A");
        Assert.Equal("eth1", Assert.Single(configuration.Interfaces).Name);
    }

    [Fact]
    public void Ipv6_only_entries_without_ips_are_accepted_with_int_or_string_prefixes()
    {
        var nic = Build("""{"mac":"bc:76:4e:20:6c:5a","ip6s":[{"ip":"2001:db8::42","netmask":64,"enabled":"1"},{"address":"2001:DB8::43","netmask":"96","enabled":"1"}]}""").Interfaces[0];
        Assert.Empty(nic.IPv4Addresses);
        Assert.Equal(["2001:db8::42/64", "2001:db8::43/96"], nic.IPv6Addresses.Select(a => a.Cidr));
    }

    [Fact]
    public void Null_is_tolerated_wherever_a_value_may_be_missing()
    {
        var nic = Build("""{"mac":"bc:76:4e:20:6c:5a","label":null,"gateway":null,"gateway_v6":null,"broadcast":null,"ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1","gateway":null}],"ip6s":null,"routes":null,"dns":null}""").Interfaces[0];
        Assert.Equal("", nic.Label);
        Assert.Null(nic.IPv4Gateway);
        Assert.Null(nic.IPv6Gateway);
        Assert.Empty(nic.Routes);
        Assert.Empty(nic.DnsServers);
    }

    [Fact]
    public void A_missing_enabled_key_means_enabled_and_is_reported()
    {
        var warnings = new List<string>();
        var nic = Build("""{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0"}]}""", warnings: warnings).Interfaces[0];
        Assert.Equal("192.0.2.42/24", Assert.Single(nic.IPv4Addresses).Cidr);
        Assert.Contains(warnings, w => w.Contains("no 'enabled' key", StringComparison.Ordinal));
    }

    [Fact]
    public void Disabled_addresses_are_dropped_and_reported()
    {
        var warnings = new List<string>();
        var nic = Build("""{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"0"},{"ip":"192.0.2.43","netmask":"255.255.255.0","enabled":1}]}""", warnings: warnings).Interfaces[0];
        Assert.Equal("192.0.2.43", Assert.Single(nic.IPv4Addresses).Address.ToString());
        Assert.Contains(warnings, w => w.Contains("disabled", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1.0", "64.0", "2001:db8::42/64")]
    [InlineData("1e0", "6.4e1", "2001:db8::42/64")]
    [InlineData("0.0", "64", null)]
    public void A_whole_number_written_with_a_fraction_or_exponent_counts_as_that_integer(string enabled, string netmask, string? cidr)
    {
        // The original read both with Python's int(), which takes 1.0 as 1; JSON writers may print a number read as a float so.
        var nic = Build($$"""{"mac":"bc:76:4e:20:6c:5a","ip6s":[{"ip":"2001:db8::42","netmask":{{netmask}},"enabled":{{enabled}}},{"ip":"2001:db8::43","netmask":64,"enabled":"1"}]}""").Interfaces[0];

        Assert.Equal(cidr is null ? ["2001:db8::43/64"] : [cidr, "2001:db8::43/64"], nic.IPv6Addresses.Select(a => a.Cidr));
    }

    [Theory]
    [InlineData("0.5", "64", "Invalid value for 'enabled' key")]
    [InlineData("1", "64.5", "netmask must be a prefix length from")]
    [InlineData("1", "1e400", "netmask must be a prefix length from")]
    public void A_number_that_is_not_whole_is_refused(string enabled, string netmask, string error)
    {
        Assert.Contains(error, Rejected($$"""{"mac":"bc:76:4e:20:6c:5a","ip6s":[{"ip":"2001:db8::42","netmask":{{netmask}},"enabled":{{enabled}}}]}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gateway_v6", "2001:db8::1")]
    [InlineData("gateway6", "2001:db8::1")]
    public void The_ipv6_gateway_is_read_from_gateway_v6_or_gateway6(string key, string gateway)
    {
        var nic = Build($$"""{"mac":"bc:76:4e:20:6c:5a","{{key}}":"{{gateway}}","ip6s":[{"ip":"2001:db8::42","netmask":64,"enabled":"1","gateway":null}]}""").Interfaces[0];
        Assert.Equal(IPAddress.Parse(gateway), nic.IPv6Gateway);
    }

    [Fact]
    public void The_per_address_gateway_is_used_when_the_interface_has_none()
    {
        var nic = Build("""{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1","gateway":"192.0.2.1"}],"ip6s":[{"ip":"2001:db8::42","netmask":64,"enabled":"1","gateway":"2001:db8::1"}]}""").Interfaces[0];
        Assert.Equal(IPAddress.Parse("192.0.2.1"), nic.IPv4Gateway);
        Assert.Equal(IPAddress.Parse("2001:db8::1"), nic.IPv6Gateway);
    }

    [Fact]
    public void The_first_per_address_gateway_wins_and_every_one_is_validated()
    {
        var nic = Build("""{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1","gateway":null},{"ip":"192.0.2.43","netmask":"255.255.255.0","enabled":"1","gateway":"192.0.2.1"},{"ip":"192.0.2.44","netmask":"255.255.255.0","enabled":"1","gateway":"192.0.2.254"}]}""").Interfaces[0];
        Assert.Equal(IPAddress.Parse("192.0.2.1"), nic.IPv4Gateway);
        Assert.Equal(3, nic.IPv4Addresses.Count);

        var error = Rejected("""{"mac":"bc:76:4e:20:6c:5a","ip6s":[{"ip":"2001:db8::42","netmask":64,"enabled":"1","gateway":"2001:db8::1"},{"ip":"2001:db8::43","netmask":64,"enabled":"1","gateway":"192.0.2.1"}]}""", null);
        Assert.Contains("ip6s[1]: 'gateway' is not an IPv6 address", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Routes_are_parsed_and_a_default_route_becomes_the_gateway()
    {
        var nic = Build($$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}],"routes":[{"route":"10.176.0.0","netmask":"255.240.0.0","gateway":"10.208.224.1"},{"route":"0.0.0.0","netmask":"0.0.0.0","gateway":"192.0.2.1"}]}""").Interfaces[0];
        Assert.Equal("10.176.0.0/12", Assert.Single(nic.Routes).Destination);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), nic.IPv4Gateway);
    }

    [Fact]
    public void The_interface_gateway_wins_over_a_default_route_and_of_several_default_routes_the_first_counts()
    {
        // A default route stands only for a gateway the entry did not name otherwise.
        const string Ip6 = """{"ip":"2001:db8::42","netmask":64,"enabled":"1"}""";
        var named = Build($$"""{"mac":"bc:76:4e:20:6c:5a","gateway":"192.0.2.1","gateway_v6":"2001:db8::1","ips":[{{V4}}],"ip6s":[{{Ip6}}],"routes":[{"route":"0.0.0.0","netmask":"0.0.0.0","gateway":"192.0.2.254"},{"route":"::","netmask":0,"gateway":"2001:db8::fe"}]}""").Interfaces[0];
        Assert.Equal(IPAddress.Parse("192.0.2.1"), named.IPv4Gateway);
        Assert.Equal(IPAddress.Parse("2001:db8::1"), named.IPv6Gateway);
        Assert.Empty(named.Routes);

        var routed = Build($$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}],"ip6s":[{{Ip6}}],"routes":[{"route":"::","netmask":0,"gateway":"2001:db8::fe"},{"route":"0.0.0.0","netmask":"0.0.0.0","gateway":"192.0.2.254"},{"route":"::","netmask":0,"gateway":"2001:db8::fd"},{"route":"0.0.0.0","netmask":"0.0.0.0","gateway":"192.0.2.253"}]}""").Interfaces[0];
        Assert.Equal(IPAddress.Parse("192.0.2.254"), routed.IPv4Gateway);
        Assert.Equal(IPAddress.Parse("2001:db8::fe"), routed.IPv6Gateway);
    }

    [Fact]
    public void A_blank_gateway_is_none_and_one_with_spaces_around_it_is_trimmed()
    {
        var blank = Build("""{"mac":"bc:76:4e:20:6c:5a","gateway":"  ","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1","gateway":"192.0.2.1"}]}""").Interfaces[0];
        Assert.Equal(IPAddress.Parse("192.0.2.1"), blank.IPv4Gateway);

        var spaced = Build("""{"mac":"bc:76:4e:20:6c:5a","gateway":" 192.0.2.1\n","gateway_v6":" 2001:db8::1 ","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}],"ip6s":[{"ip":"2001:db8::42","netmask":64,"enabled":"1"}]}""").Interfaces[0];
        Assert.Equal(IPAddress.Parse("192.0.2.1"), spaced.IPv4Gateway);
        Assert.Equal(IPAddress.Parse("2001:db8::1"), spaced.IPv6Gateway);
    }

    [Fact]
    public void A_current_hostname_that_is_no_dns_name_is_reported_and_not_used()
    {
        var entry = new KeyValuePair<string, byte[]>("BC764E206C5A", Encoding.UTF8.GetBytes($$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}]}"""));
        var warnings = new List<string>();

        Assert.Null(NetworkConfigurationBuilder.Build([entry], null, "bad name;", Interfaces, warnings).CurrentHostname);
        Assert.Contains(warnings, w => w.Contains("current hostname is not a valid DNS name", StringComparison.Ordinal));
        Assert.Equal("web-1", NetworkConfigurationBuilder.Build([entry], null, " web-1\n", Interfaces, []).CurrentHostname);
    }

    [Fact]
    public void An_ipv6_route_with_its_netmask_written_as_an_address_is_parsed()
    {
        // Nova's convert_route writes str(IPNetwork(cidr).netmask) for every route, IPv6 ones too.
        var nic = Build("""{"mac":"bc:76:4e:20:6c:5a","ip6s":[{"ip":"2001:db8::42","netmask":64,"enabled":"1"}],"routes":[{"route":"2001:db8:1::","netmask":"ffff:ffff:ffff::","gateway":"2001:db8::1"}]}""").Interfaces[0];
        Assert.Equal("2001:db8:1::/48", Assert.Single(nic.Routes).Destination);
    }

    [Theory]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 128)]
    [InlineData("ffff:ffff:ffff:ffff::", 64)]
    [InlineData("ffff:fe00::", 23)]
    [InlineData("::", 0)]
    public void Contiguous_ipv6_netmasks_convert_to_prefix_lengths(string mask, int prefix)
    {
        Assert.True(Netmask.TryGetIPv6PrefixLength(mask, out var actual));
        Assert.Equal(prefix, actual);
    }

    [Theory]
    [InlineData("ffff:0:ffff::")]
    [InlineData("ffff:ff01::")]
    [InlineData("255.255.255.0")]
    [InlineData("ffff::%1")]
    public void Non_contiguous_or_malformed_ipv6_netmasks_are_rejected(string mask) =>
        Assert.False(Netmask.TryGetIPv6PrefixLength(mask, out _));

    [Fact]
    public void Dns_servers_keep_their_order_without_duplicates()
    {
        var nic = Build($$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}],"dns":["192.0.2.3","192.0.2.2","192.0.2.3",null]}""").Interfaces[0];
        Assert.Equal(["192.0.2.3", "192.0.2.2"], nic.DnsServers.Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("255.255.255.255", 32)]
    [InlineData("255.255.224.0", 19)]
    [InlineData("128.0.0.0", 1)]
    [InlineData("0.0.0.0", 0)]
    public void Contiguous_netmasks_convert_to_prefix_lengths(string mask, int prefix)
    {
        Assert.True(Netmask.TryGetPrefixLength(mask, out var actual));
        Assert.Equal(prefix, actual);
        Assert.Equal(mask, Netmask.FromPrefixLength(prefix));
    }

    [Theory]
    [InlineData("255.0.255.0")]
    [InlineData("255.255.255.1")]
    [InlineData("0.255.255.255")]
    [InlineData("255.255.255")]
    public void Non_contiguous_or_malformed_netmasks_are_rejected(string mask) =>
        Assert.False(Netmask.TryGetPrefixLength(mask, out _));

    [Fact]
    public void Every_prefix_length_round_trips()
    {
        for (var prefix = 0; prefix <= 32; prefix++)
        {
            Assert.True(Netmask.TryGetPrefixLength(Netmask.FromPrefixLength(prefix), out var back));
            Assert.Equal(prefix, back);
        }
    }

    [Fact]
    public void The_hostname_is_trimmed_and_kept()
    {
        Assert.Equal("web-1.example.com", Build($$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}]}""", hostname: "web-1.example.com\n").Hostname);
    }

    [Fact]
    public void A_hostname_too_long_for_the_system_is_shortened_with_a_warning_not_refused()
    {
        var warnings = new List<string>();
        var hostname = "RESCUE-production-database-replica-eu-west-1a-instance-0000042-backups";

        var configuration = Build($$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}]}""", hostname: hostname, warnings: warnings);

        Assert.Equal("RESCUE-production-database-replica-eu-west-1a-instance-0000042", configuration.Hostname);
        Assert.Equal(
            ["vm-data/hostname is 70 characters, more than a hostname may have (63); the hostname is set to 'RESCUE-production-database-replica-eu-west-1a-instance-0000042'"],
            warnings);
    }

    [Fact]
    public void A_missing_or_empty_hostname_keeps_the_current_one()
    {
        Assert.Null(Build($$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}]}""", hostname: null).Hostname);
        Assert.Null(Build($$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}]}""", hostname: "  ").Hostname);
    }

    [Fact]
    public void A_gateway_and_routes_of_a_family_the_interface_has_no_address_of_are_left_out_and_said()
    {
        var warnings = new List<string>();
        var v6Only = Build("""{"mac":"bc:76:4e:20:6c:5a","gateway":"192.0.2.1","gateway_v6":"2001:db8::1","ip6s":[{"ip":"2001:db8::42","netmask":64,"enabled":"1"}],"ips":[{"ip":"192.0.2.42","netmask":24,"enabled":"0"}],"routes":[{"route":"10.0.0.0","netmask":"255.0.0.0","gateway":"192.0.2.1"},{"route":"2001:db8:f::","netmask":48,"gateway":"2001:db8::1"}]}""", warnings: warnings).Interfaces[0];

        Assert.Null(v6Only.IPv4Gateway);
        Assert.Equal(IPAddress.Parse("2001:db8::1"), v6Only.IPv6Gateway);
        Assert.Equal(["2001:db8:f::/48"], v6Only.Routes.Select(r => r.Destination));
        Assert.Contains(warnings, w => w.EndsWith("has no enabled IPv4 address, so its IPv4 gateway 192.0.2.1, route 10.0.0.0/8 via 192.0.2.1 cannot be reached and are not configured", StringComparison.Ordinal));

        warnings.Clear();
        var v4Only = Build($$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}],"routes":[{"route":"::","netmask":0,"gateway":"fe80::1"}]}""", warnings: warnings).Interfaces[0];

        Assert.Null(v4Only.IPv6Gateway);
        Assert.Equal("vm-data/networking/BC764E206C5A (bc:76:4e:20:6c:5a) has no enabled IPv6 address, so its IPv6 gateway fe80::1 cannot be reached and is not configured", Assert.Single(warnings));
    }

    public static TheoryData<string, string?, string> InvalidInputs() => new()
    {
        { "not json", null, "is not valid JSON" },
        { "[1,2]", null, "is not a JSON object" },
        // JSON that no .NET string holds: reading the field threw, and the host got an internal error.
        { $$"""{"mac":"bc:76:4e:20:6c:5a","label":"\ud800","ips":[{{V4}}]}""", null, "holds a string that is not valid Unicode text (an escaped lone surrogate)" },
        { """{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"\udc00x","netmask":"255.255.255.0","enabled":"1"}]}""", null, "holds a string that is not valid Unicode text" },
        { $$"""{"\ud800":1,"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}]}""", null, "holds a string that is not valid Unicode text" },
        { $$"""{"ips":[{{V4}}]}""", null, "No MAC found in config" },
        { $$"""{"mac":"bc:76:4e:20:6c","ips":[{{V4}}]}""", null, "'mac' is not a MAC address" },
        { $$"""{"mac":"de:ad:be:ef:00:01","ips":[{{V4}}]}""", null, "Unknown interface MAC de:ad:be:ef:00:01" },
        { """{"mac":"bc:76:4e:20:6c:5a"}""", null, "No IPs found for interface" },
        { """{"mac":"bc:76:4e:20:6c:5a","ips":[],"ip6s":null}""", null, "No IPs found for interface" },
        { """{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"192.0.2.42","netmask":"255.0.255.0","enabled":"1"}]}""", null, "not a valid contiguous IPv4 netmask" },
        { """{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"192.0.2.420","netmask":"255.255.255.0","enabled":"1"}]}""", null, "is not an IPv4 address" },
        { """{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"1","netmask":"255.255.255.0","enabled":"1"}]}""", null, "is not an IPv4 address" },
        { """{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"0x7f.0.0.1","netmask":"255.255.255.0","enabled":"1"}]}""", null, "is not an IPv4 address" },
        { """{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"192.0.2.42\nDNS1=1.1.1.1","netmask":"255.255.255.0","enabled":"1"}]}""", null, "is not an IPv4 address" },
        { """{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"2001:db8::1","netmask":"255.255.255.0","enabled":"1"}]}""", null, "is not an IPv4 address" },
        { """{"mac":"bc:76:4e:20:6c:5a","ip6s":[{"ip":"fe80::1%eth0","netmask":64,"enabled":"1"}]}""", null, "is not an IPv6 address" },
        { """{"mac":"bc:76:4e:20:6c:5a","ip6s":[{"ip":"2001:db8::1","netmask":129,"enabled":"1"}]}""", null, "prefix length from 1 to 128" },
        // An address's prefix is never 0: netplan refuses one ("invalid prefix length in address"), so the apply would fail late.
        { """{"mac":"bc:76:4e:20:6c:5a","ip6s":[{"ip":"2001:db8::1","netmask":0,"enabled":"1"}]}""", null, "netmask gives the prefix length 0; an address needs one from 1 to 128" },
        { """{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"192.0.2.42","netmask":"0.0.0.0","enabled":"1"}]}""", null, "netmask gives the prefix length 0; an address needs one from 1 to 32" },
        { """{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"192.0.2.42","netmask":"0","enabled":"1"}]}""", null, "netmask gives the prefix length 0; an address needs one from 1 to 32" },
        { """{"mac":"bc:76:4e:20:6c:5a","ip6s":[{"ip":"2001:db8::1","enabled":"1"}]}""", null, "Missing 'netmask' key for IPv6 address" },
        { """{"mac":"bc:76:4e:20:6c:5a","ips":[{"netmask":"255.255.255.0","enabled":"1"}]}""", null, "Missing 'ip' key for IPv4 address" },
        // Only an IPv6 entry may name its address 'address' (§5.2).
        { """{"mac":"bc:76:4e:20:6c:5a","ips":[{"address":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}]}""", null, "Missing 'ip' key for IPv4 address" },
        { """{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"yes"}]}""", null, "Invalid value for 'enabled' key" },
        { """{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"0"}]}""", null, "no interface with an enabled address" },
        { $$"""{"mac":"bc:76:4e:20:6c:5a","gateway":"192.0.2.1; reboot","ips":[{{V4}}]}""", null, "'gateway' is not an IPv4 address" },
        { $$"""{"mac":"bc:76:4e:20:6c:5a","gateway_v6":"192.0.2.1","ips":[{{V4}}]}""", null, "'gateway_v6' is not an IPv6 address" },
        { $$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}],"routes":[{"route":"10.176.0.1","netmask":"255.240.0.0","gateway":"10.208.224.1"}]}""", null, "host bits are set" },
        { $$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}],"routes":[{"netmask":"255.240.0.0","gateway":"10.208.224.1"}]}""", null, "Missing 'route' key for route" },
        { $$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}],"dns":["8.8.8.8 evil"]}""", null, "dns[0] is not an IP address" },
        { $$"""{"mac":"bc:76:4e:20:6c:5a","ips":{{V4}}}""", null, "'ips' must be a list" },
        { $$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}]}""", "bad;name", "vm-data/hostname is not usable" },
        { $$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}]}""", "web\nHOSTNAME=x", "vm-data/hostname is not usable" },
        { $$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}]}""", "-web", "may not begin or end with '-'" },
        { $$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}]}""", "a..b", "empty label" },
        { $$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}]}""", "web\"1", "only letters, digits" },
        { $$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}]}""", "caf\u00e9", "only letters, digits" },
        { """{"mac":"bc:76:4e:20:6c:5a","ips":[{"ip":"192.0.2.42","netmask":33,"enabled":"1"}]}""", null, "a dotted IPv4 netmask or a prefix length from 1 to 32" },
        { $$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}],"routes":[{"route":"10.0.0.0","netmask":33,"gateway":"192.0.2.1"}]}""", null, "a dotted IPv4 netmask or a prefix length from 0 to 32" },
    };

    [Fact]
    public void An_entry_whose_bytes_are_not_utf8_is_rejected_as_not_json()
    {
        byte[] json = [.. Encoding.UTF8.GetBytes($$"""{"mac":"bc:76:4e:20:6c:5a","label":"pub"""), 0xFF, .. Encoding.UTF8.GetBytes($$"""lic","ips":[{{V4}}]}""")];

        var error = Assert.Throws<InvalidNetworkDataException>(() => NetworkConfigurationBuilder.Build([new("BC764E206C5A", json)], null, null, Interfaces, []));

        Assert.Equal("vm-data/networking/BC764E206C5A is not valid JSON: its bytes are not UTF-8", error.Message);
    }

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void Invalid_input_is_rejected_with_a_clear_message(string json, string? hostname, string expected) =>
        Assert.Contains(expected, Rejected(json, hostname), StringComparison.Ordinal);

    [Theory]
    [InlineData("pub\nDNS1=1.1.1.1", "pub_DNS1=1.1.1.1")]
    [InlineData("my net (prod)", "my net _prod_")]
    [InlineData("it's \"quoted\" $(x) `y`", "it_s _quoted_ __x_ _y_")]
    [InlineData("a\\b;c&d|e<f>g#h{i}", "a_b_c_d_e_f_g_h_i_")]
    [InlineData("caf\u00e9\u007f\t", "caf___")]
    public void Labels_are_cleaned_never_refused(string label, string expected)
    {
        var warnings = new List<string>();
        var json = $$"""{"mac":"bc:76:4e:20:6c:5a","label":{{System.Text.Json.JsonSerializer.Serialize(label)}},"ips":[{{V4}}]}""";
        var nic = Build(json, warnings: warnings).Interfaces[0];
        Assert.Equal(expected, nic.Label);
        Assert.Contains(warnings, w => w.Contains("'label'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("true")]
    [InlineData("{\"name\":\"public\"}")]
    [InlineData("[\"public\"]")]
    public void A_label_that_is_not_a_string_is_left_out_never_refused(string label)
    {
        var warnings = new List<string>();
        var json = $$"""{"mac":"bc:76:4e:20:6c:5a","label":{{label}},"ips":[{{V4}}]}""";

        var nic = Build(json, warnings: warnings).Interfaces[0];

        Assert.Equal("", nic.Label);
        Assert.Equal("vm-data/networking/BC764E206C5A (bc:76:4e:20:6c:5a): 'label' is not a string; left out", Assert.Single(warnings));
    }

    [Fact]
    public void A_label_longer_than_64_characters_is_cut_and_one_of_64_is_kept()
    {
        var warnings = new List<string>();

        Assert.Equal(new string('x', 64), Build($$"""{"mac":"bc:76:4e:20:6c:5a","label":"{{new string('x', 65)}}","ips":[{{V4}}]}""", warnings: warnings).Interfaces[0].Label);
        Assert.Contains(warnings, w => w.Contains("'label'", StringComparison.Ordinal));
        Assert.Equal(new string('x', 64), Build($$"""{"mac":"bc:76:4e:20:6c:5a","label":"{{new string('x', 64)}}","ips":[{{V4}}]}""").Interfaces[0].Label);
    }

    [Fact]
    public void Two_entries_for_one_interface_are_rejected()
    {
        var entry = Encoding.UTF8.GetBytes($$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}]}""");
        var error = Assert.Throws<InvalidNetworkDataException>(() =>
            NetworkConfigurationBuilder.Build([new("a", entry), new("b", entry)], null, null, Interfaces, []));
        Assert.Contains("more than one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejections_answer_500()
    {
        var error = Assert.Throws<InvalidNetworkDataException>(() => Build("{}"));
        Assert.Equal("500", error.ReturnCode);
    }
}
