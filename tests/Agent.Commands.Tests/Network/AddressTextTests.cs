using System.Text;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The strict readers of host-supplied addresses, netmasks and routes against Python's
/// <c>ipaddress</c> module (strict since 3.9.5: no inet_aton short forms, no octal leading zeros),
/// and MAC addresses in the forms IEEE 802 writes them.
/// </summary>
public sealed class AddressTextTests
{
    private const string V4 = """{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}""";

    private static readonly SystemInterface[] Interfaces = [new("eth0", Mac("bc:76:4e:20:6c:5a"))];

    private static MacAddress Mac(string text) => MacAddress.TryParse(text, out var mac) ? mac : throw new ArgumentException(text);

    /// <summary>Runs a Python function over each text and returns its answers (empty for "refused").</summary>
    private static async Task<string[]> PythonAsync(string function, IReadOnlyList<string> texts)
    {
        var python = ExternalTool.Require("python3", "python3");
        var script = "import ipaddress, sys\n" + function
            + "\nfor t in sys.stdin.read().split('\\n')[:-1]:\n    try:\n        print(answer(t))\n    except ValueError:\n        print('')\n";
        var result = await ExternalTool.RunAsync(python, ["-c", script], standardInput: string.Concat(texts.Select(t => t + "\n")));
        Assert.True(result.ExitCode == 0, result.StandardError);
        var answers = result.StandardOutput.Split('\n')[..^1];
        Assert.Equal(texts.Count, answers.Length);
        return answers;
    }

    [Fact]
    public async Task Addresses_are_read_as_python_reads_them_and_whatever_it_refuses_is_refused()
    {
        string[] texts =
        [
            "192.0.2.1", "192.0.2.255", "0.0.0.0", "255.255.255.255", "192.0.2.0",
            "010.0.0.1", "0127.0.0.1", "192.0.2.01", "192.0.2.00", "1", "127.1", "0x7f.0.0.1", "192.0.2.256",
            "192.0.2.99999999999", "1.2.3.4.5", "192.0.2.1 ", "192.0.2.",
            "2001:db8::1", "2001:DB8::A", "::", "::ffff:192.0.2.1", "::ffff:192.0.2.010", "::ffff:1.2.3", "2001:db8::1/64",
            "2001:db8:0:0:0:0:0:1", "1:2:3:4:5:6:7:8:9",
        ];

        var python = await PythonAsync("def answer(t):\n    return ipaddress.ip_address(t).packed.hex()", texts);

        foreach (var (text, expected) in texts.Zip(python))
        {
            var actual = IPAddressText.TryParse(text, null, out var address) ? Convert.ToHexStringLower(address.GetAddressBytes()) : "";
            Assert.True(expected == actual, $"'{text}': Python reads '{expected}', IPAddressText '{actual}'");
        }
    }

    [Fact]
    public async Task Netmasks_are_read_as_python_reads_an_ipv4_netmask()
    {
        // Python's IPv4Network also takes a hostmask (0.255.255.255 as /8); only netmasks count here.
        string[] texts =
        [
            "255.255.255.0", "255.255.224.0", "255.255.255.254", "255.255.255.255", "128.0.0.0", "0.0.0.0",
            "255.0.255.0", "255.255.255.1", "0.255.255.255", "255.255.255", "255.255.65280", "255.255.255.00", "255.255.0377.0",
            "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.0", "24",
        ];

        var python = await PythonAsync(
            "def answer(t):\n    n = ipaddress.IPv4Network('0.0.0.0/' + t)\n    return n.prefixlen if n.netmask == ipaddress.IPv4Address(t) else ''",
            texts);

        foreach (var (text, expected) in texts.Zip(python))
        {
            var actual = Netmask.TryGetPrefixLength(text, out var prefix) ? prefix.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
            Assert.True(expected == actual, $"'{text}': Python reads '{expected}', Netmask '{actual}'");
        }
    }

    [Fact]
    public async Task IPv6_netmasks_are_read_as_python_reads_an_ipv6_address_made_of_ones_then_zeros()
    {
        // Python's IPv6Network takes no netmask form; the reference reads the address and checks it is contiguous.
        // A scope id (Python keeps it on the address) means nothing on a mask and is refused.
        string[] texts =
        [
            "ffff:ffff:ffff:ffff::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::", "8000::", "ffff:fe00::", "FFFF:FFFF::",
            "ffff::ffff", "ffff:0:ffff::", "[ffff:ffff::]", "ffff:ffff::%1", "ffff:ffff::%eth0", "ffff:ffff::/32", " ffff::",
            "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.0", "ffff:ffff:ffff:ffff:ffff:ffff:255.255.0377.0", "255.255.255.0",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fffff::", "64",
        ];

        var python = await PythonAsync(
            "def answer(t):\n    if '%' in t:\n        raise ValueError(t)\n    a = int(ipaddress.IPv6Address(t))\n    p = 128 - ((~a) & (2**128 - 1)).bit_length()\n"
            + "    return p if a == ((2**128 - 1) << (128 - p)) & (2**128 - 1) else ''",
            texts);

        foreach (var (text, expected) in texts.Zip(python))
        {
            var actual = Netmask.TryGetIPv6PrefixLength(text, out var prefix) ? prefix.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
            Assert.True(expected == actual, $"'{text}': Python reads '{expected}', Netmask '{actual}'");
        }
    }

    [Fact]
    public async Task A_route_with_host_bits_is_refused_exactly_where_python_finds_them()
    {
        (string Route, string Netmask, string Gateway)[] routes =
        [
            ("10.16.0.0", "255.224.0.0", "192.0.2.1"), // the first host bit (bit 11) is set
            ("10.16.0.0", "255.240.0.0", "192.0.2.1"),
            ("10.176.0.1", "255.240.0.0", "192.0.2.1"),
            ("192.0.2.128", "255.255.255.128", "192.0.2.1"),
            ("2001:db8:1::1", "48", "2001:db8::1"), // a host bit past the first 32
            ("2001:db8:1::", "48", "2001:db8::1"),
            ("2001:db8:1:8000::", "48", "2001:db8::1"),
            ("2001:db8:1:8000::", "49", "2001:db8::1"),
        ];

        var python = await PythonAsync(
            "def answer(t):\n    return ipaddress.ip_network(t).with_prefixlen",
            routes.Select(r => $"{r.Route}/{r.Netmask}").ToArray());

        foreach (var (route, expected) in routes.Zip(python))
        {
            var json = $$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}],"ip6s":[{"ip":"2001:db8::42","netmask":64,"enabled":"1"}],"routes":[{"route":"{{route.Route}}","netmask":"{{route.Netmask}}","gateway":"{{route.Gateway}}"}]}""";
            string actual;
            try
            {
                actual = Assert.Single(Build(json, []).Interfaces[0].Routes).Destination;
            }
            catch (InvalidNetworkDataException error)
            {
                Assert.Contains("host bits are set", error.Message, StringComparison.Ordinal);
                actual = "";
            }

            Assert.True(expected == actual, $"{route}: Python reads '{expected}', the route parser '{actual}'");
        }
    }

    [Fact]
    public void A_route_with_an_empty_gateway_is_skipped_with_a_warning_not_refused()
    {
        var warnings = new List<string>();

        var nic = Build($$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}],"routes":[{"route":"10.0.0.0","netmask":"255.0.0.0","gateway":""}]}""", warnings).Interfaces[0];

        Assert.Empty(nic.Routes);
        Assert.Contains(warnings, w => w.Contains("10.0.0.0/8) has no gateway", StringComparison.Ordinal));
    }

    [Fact]
    public void A_route_whose_gateway_is_of_the_other_family_is_refused()
    {
        var error = Assert.Throws<InvalidNetworkDataException>(() =>
            Build($$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}}],"routes":[{"route":"10.0.0.0","netmask":"255.0.0.0","gateway":"2001:db8::1"}]}""", []));

        Assert.Contains("is not an address of the route's family", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData("\"0\"", false)]
    public void Enabled_may_be_a_json_boolean(string enabled, bool expected)
    {
        var json = $$"""{"mac":"bc:76:4e:20:6c:5a","ips":[{{V4}},{"ip":"192.0.2.43","netmask":"255.255.255.0","enabled":{{enabled}}}]}""";

        Assert.Equal(expected, Build(json, []).Interfaces[0].IPv4Addresses.Any(a => a.Address.ToString() == "192.0.2.43"));
    }

    [Theory]
    [InlineData("BC-76-4E-20-6C-5A")] // IEEE 802's own (hyphenated) notation
    [InlineData("bc:76:4e:20:6c:5a\n")] // as /sys/class/net/*/address has it
    [InlineData("BC764E206C5A")]
    public void Mac_addresses_are_read_in_the_usual_notations(string text)
    {
        Assert.True(MacAddress.TryParse(text, out var mac));
        Assert.Equal("bc:76:4e:20:6c:5a", mac.Value);
    }

    [Theory]
    [InlineData("bc:76:4e:20:6c:5a:00")] // seven bytes
    [InlineData("bc764e206c5a00")]
    [InlineData("bc:76:4e:20:6c:zz")]
    [InlineData("bc764e206c5g")]
    [InlineData("bc7:6:4e:20:6c:5a")] // the right length and count of separators in the wrong places
    [InlineData("bc.76.4e.20.6c.5a")]
    public void Anything_else_is_not_a_mac_address(string text) =>
        Assert.False(MacAddress.TryParse(text, out _));

    private static NetworkConfiguration Build(string json, List<string> warnings) =>
        NetworkConfigurationBuilder.Build([new("BC764E206C5A", Encoding.UTF8.GetBytes(json))], null, null, Interfaces, warnings);
}
