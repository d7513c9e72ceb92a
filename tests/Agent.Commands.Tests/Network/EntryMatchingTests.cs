using System.Text;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// Which interface each <c>vm-data/networking</c> entry configures (docs/networking.md, Input): one
/// entry per interface, whatever the keys, the MAC's case or what else the entries say, and a MAC
/// that names no interface, or more than one of a kind, refused rather than guessed.
/// </summary>
public sealed class EntryMatchingTests
{
    private const string V4 = """{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}""";
    private const string Disabled = """{"ip":"192.0.2.43","netmask":"255.255.255.0","enabled":"0"}""";

    private static readonly SystemInterface[] Interfaces = [new("eth0", Mac("bc:76:4e:20:6c:5a"), IsDevice: true), new("eth1", Mac("bc:76:4e:20:6c:5b"), IsDevice: true)];

    private static MacAddress Mac(string text) => MacAddress.TryParse(text, out var mac) ? mac : throw new ArgumentException(text);

    private static KeyValuePair<string, byte[]> Entry(string key, string mac, string ips = V4, string label = "public") =>
        new(key, Encoding.UTF8.GetBytes($$"""{"label":"{{label}}","mac":"{{mac}}","ips":[{{ips}}]}"""));

    private static NetworkConfiguration Build(IReadOnlyList<SystemInterface> interfaces, params KeyValuePair<string, byte[]>[] entries) =>
        NetworkConfigurationBuilder.Build(entries, null, null, interfaces, []);

    private static string Refused(IReadOnlyList<SystemInterface> interfaces, params KeyValuePair<string, byte[]>[] entries) =>
        Assert.Throws<InvalidNetworkDataException>(() => Build(interfaces, entries)).Message;

    public static TheoryData<string, string, string, string> TwoEntriesForOneInterface() => new()
    {
        // Nova's own keys: the MAC without colons, in the VIF's case; a second key in the other case.
        { "BC764E206C5A", "bc764e206c5a", "BC:76:4E:20:6C:5A", "bc:76:4e:20:6c:5a" },
        // The same MAC written the same way under two keys, and one written without separators.
        { "BC764E206C5A", "second", "bc:76:4e:20:6c:5a", "bc:76:4e:20:6c:5a" },
        { "a", "b", "bc-76-4e-20-6c-5a", "BC764E206C5A" },
    };

    [Theory]
    [MemberData(nameof(TwoEntriesForOneInterface))]
    public void Two_entries_for_one_interface_are_refused_whichever_has_the_addresses(string key1, string key2, string mac1, string mac2)
    {
        // Each with addresses, either without one, and with different labels: the order of the keys
        // must never pick the one applied (an entry without an enabled address once let the other through).
        foreach (var (ips1, ips2) in new[] { (V4, V4), (Disabled, V4), (V4, Disabled) })
        {
            var message = Refused(Interfaces, Entry(key1, mac1, ips1, "public"), Entry(key2, mac2, ips2, "private"), Entry("other", "bc:76:4e:20:6c:5b"));

            var (first, second) = string.CompareOrdinal(key1, key2) < 0 ? (key1, key2) : (key2, key1);
            Assert.Equal(
                $"Interface eth0 (bc:76:4e:20:6c:5a) is described by more than one vm-data/networking entry (vm-data/networking/{first} and vm-data/networking/{second}); nothing was changed",
                message);
        }
    }

    [Fact]
    public void An_entry_whose_mac_no_interface_has_is_refused_even_beside_good_ones() =>
        Assert.Equal("Unknown interface MAC de:ad:be:ef:00:01", Refused(Interfaces, Entry("BC764E206C5A", "bc:76:4e:20:6c:5a"), Entry("DEADBEEF0001", "DE:AD:BE:EF:00:01")));

    [Fact]
    public void A_mac_two_devices_carry_is_refused_whatever_the_listing_order()
    {
        // A bond's members take the bond's MAC (so does its master), and so do a failover pair: the
        // agent cannot tell which device the host means, and a guess would configure the wrong one.
        SystemInterface eth0 = new("eth0", Mac("bc:76:4e:20:6c:5a"), IsDevice: true), eth1 = new("eth1", Mac("bc:76:4e:20:6c:5a"), IsDevice: true);
        SystemInterface bond0 = new("bond0", Mac("bc:76:4e:20:6c:5a"));
        foreach (SystemInterface[] listed in new[] { new[] { eth0, eth1, bond0 }, new[] { bond0, eth1, eth0 } })
        {
            Assert.Equal(
                "Interface MAC bc:76:4e:20:6c:5a belongs to more than one interface (eth0, eth1), so which one vm-data/networking describes cannot be told " +
                "(a bond's members or an address set by hand); nothing was changed",
                Refused(listed, Entry("BC764E206C5A", "bc:76:4e:20:6c:5a")));
        }

        // Two interfaces of the other kind, with no device beside them, are as ambiguous.
        Assert.Contains("more than one interface (br0, br1)", Refused([new("br1", Mac("bc:76:4e:20:6c:5a")), new("br0", Mac("bc:76:4e:20:6c:5a"))], Entry("k", "bc:76:4e:20:6c:5a")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_interface_refused_for_its_name_counts_among_those_sharing_its_mac()
    {
        // The agent will not write v;1 or x\xE9 into a file, but the interface is there: carrying eth0's MAC it makes the
        // entry as ambiguous as eth1 would, and the device among a bridge and a NIC is the NIC whatever its name.
        var mac = Mac("bc:76:4e:20:6c:5a");
        SystemInterface eth0 = new("eth0", mac, IsDevice: true), bridge = new("eth0", mac);
        SystemInterface rawNic = new("x\uFFFD", mac, IsDevice: true) { Shown = "x%E9" }, oddBridge = new("v;1", mac);
        var entry = Entry("BC764E206C5A", "bc:76:4e:20:6c:5a");
        string RefusedBeside(SystemInterface[] interfaces, SystemInterface[] refused) =>
            Assert.Throws<InvalidNetworkDataException>(() => NetworkConfigurationBuilder.Build([entry], null, null, interfaces, [], null, refused)).Message;

        Assert.Equal(
            "Interface MAC bc:76:4e:20:6c:5a belongs to more than one interface (eth0, x%E9), so which one vm-data/networking describes cannot be told " +
            "(a bond's members or an address set by hand); nothing was changed",
            RefusedBeside([eth0], [rawNic]));
        Assert.Contains("more than one interface (eth0, v;1)", RefusedBeside([bridge], [oddBridge]), StringComparison.Ordinal);
        Assert.StartsWith("Interface MAC bc:76:4e:20:6c:5a belongs to the interface named 'x%E9', a name the agent does not write", RefusedBeside([bridge], [rawNic]), StringComparison.Ordinal);
        Assert.StartsWith("Interface MAC bc:76:4e:20:6c:5a belongs to the interface named 'v;1', a name", RefusedBeside([], [oddBridge]), StringComparison.Ordinal);
        Assert.Contains("more than one interface (v;1, x%E9)", RefusedBeside([], [rawNic with { IsDevice = false }, oddBridge]), StringComparison.Ordinal);
        Assert.Equal("eth0", Assert.Single(NetworkConfigurationBuilder.Build([entry], null, null, [eth0], [], null, [oddBridge]).Interfaces).Name);
    }

    [Fact]
    public void A_shared_mac_no_entry_names_stops_nothing()
    {
        SystemInterface eth2 = new("eth2", Mac("bc:76:4e:20:6c:5c"), IsDevice: true), eth3 = new("eth3", Mac("bc:76:4e:20:6c:5c"), IsDevice: true);

        Assert.Equal("eth0", Assert.Single(Build([.. Interfaces, eth2, eth3], Entry("BC764E206C5A", "bc:76:4e:20:6c:5a")).Interfaces).Name);
    }

    [Fact]
    public void The_device_is_configured_of_a_device_and_the_bridges_or_vlans_sharing_its_mac()
    {
        // A VLAN always carries its parent's MAC, a bridge one of its ports': the device is what Nova describes.
        SystemInterface vlan = new("eth0.100", Mac("bc:76:4e:20:6c:5a")), bridge = new("br0", Mac("bc:76:4e:20:6c:5a"));
        foreach (SystemInterface[] listed in new[] { new[] { bridge, vlan, Interfaces[0] }, new[] { Interfaces[0], vlan, bridge } })
        {
            Assert.Equal("eth0", Assert.Single(Build(listed, Entry("BC764E206C5A", "bc:76:4e:20:6c:5a")).Interfaces).Name);
        }
    }
}
