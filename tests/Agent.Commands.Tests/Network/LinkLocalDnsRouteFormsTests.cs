using System.Text.RegularExpressions;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Rendering;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The route to an IPv4 link-local DNS server each of networkd, netplan and NetworkManager gets, in
/// its own form, for the cases <see cref="IfupdownLinkLocalDnsTests"/> pins for ifupdown (the
/// namespace tests, <see cref="NetworkdLinkLocalDnsTests"/> and <see cref="NetworkManagerLinkLocalDnsTests"/>,
/// run the first three): on the link where the interface has no IPv4 gateway, through its own gateway
/// where it has one (an off-link one marked on-link), none where its subnet or a static route of its
/// own already holds the server, and none for an IPv6 server. Each line is prefixed with the file's interface.
/// </summary>
public sealed partial class LinkLocalDnsRouteFormsTests
{
    public static TheoryData<string, string> Networkd() => new()
    {
        { "on-private", "eth1: [Route] Destination=169.254.169.253/32 Scope=link" },
        { "first-on-private", "eth1: [Route] Destination=169.254.169.253/32 Scope=link" },
        { "on-public", "eth0: [Route] Destination=169.254.169.253/32 Gateway=192.0.2.1" },
        { "second-with-gateway", "eth1: [Route] Destination=169.254.169.253/32 Gateway=10.208.224.1" },
        { "off-link-gateway", "eth0: [Route] Destination=169.254.169.253/32 Gateway=198.51.100.1 GatewayOnLink=yes" },
        { "in-a-static-route", "" },
        { "in-its-subnet", "" },
        { "ipv6-link-local", "" },
    };

    public static TheoryData<string, string> Netplan() => new()
    {
        { "on-private", "eth1: - to: \"169.254.169.253/32\" scope: link" },
        { "first-on-private", "eth1: - to: \"169.254.169.253/32\" scope: link" },
        { "on-public", "eth0: - to: \"169.254.169.253/32\" via: \"192.0.2.1\"" },
        { "second-with-gateway", "eth1: - to: \"169.254.169.253/32\" via: \"10.208.224.1\"" },
        { "off-link-gateway", "eth0: - to: \"169.254.169.253/32\" via: \"198.51.100.1\" on-link: true" },
        { "in-a-static-route", "" },
        { "in-its-subnet", "" },
        { "ipv6-link-local", "" },
    };

    public static TheoryData<string, string> NetworkManager() => new()
    {
        { "on-private", "eth1: route1=169.254.169.253/32" },
        { "first-on-private", "eth1: route1=169.254.169.253/32" },
        { "on-public", "eth0: route1=169.254.169.253/32,192.0.2.1" },
        { "second-with-gateway", "eth1: route1=169.254.169.253/32,10.208.224.1" },
        { "off-link-gateway", "eth0: route2=169.254.169.253/32,198.51.100.1 route2_options=onlink=true" },
        { "in-a-static-route", "" },
        { "in-its-subnet", "" },
        { "ipv6-link-local", "" },
    };

    [Theory]
    [MemberData(nameof(Networkd))]
    public void Networkd_routes_the_server_on_its_link(string name, string expected)
    {
        var files = new NetworkdRenderer().Render(Configuration(name), new InMemoryFileView()).Files;

        var routes = files.SelectMany(file => file.Contents.Split("\n\n")
            .Where(section => section.StartsWith("[Route]\nDestination=169.254.169.253/32\n", StringComparison.Ordinal) || section.StartsWith("[Route]\nDestination=fe80:", StringComparison.Ordinal))
            .Select(section => $"{Interface(file.Path)}: {Words(section)}"));
        Assert.Equal(expected, string.Join(" | ", routes));
    }

    [Theory]
    [MemberData(nameof(Netplan))]
    public void Netplan_routes_the_server_on_its_link(string name, string expected)
    {
        var text = new NetplanRenderer().Render(Configuration(name), new InMemoryFileView()).Files[0].Contents;

        var routes = NetplanRoute().Matches(text).Select(match => $"{LastInterface(text[..match.Index])}: {Words(match.Value)}");
        Assert.Equal(expected, string.Join(" | ", routes));
    }

    [Theory]
    [MemberData(nameof(NetworkManager))]
    public void NetworkManager_routes_the_server_on_its_link(string name, string expected)
    {
        var files = new NetworkManagerRenderer().Render(Configuration(name), new InMemoryFileView()).Files;

        var routes = files.SelectMany(file => KeyfileRoute().Matches(file.Contents).Select(match => $"{Interface(file.Path)}: {Words(match.Value)}"));
        Assert.Equal(expected, string.Join(" | ", routes));
    }

    private static GuestAgent.Commands.Network.Model.NetworkConfiguration Configuration(string name) =>
        IfupdownLinkLocalDnsTests.Build(IfupdownLinkLocalDnsTests.Configurations.GetValueOrDefault(name) ?? IfupdownLinkLocalDnsTests.RenderedOnly[name]);

    private static string Words(string text) => string.Join(' ', text.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The interface of a networkd file or keyfile of ours (<c>05-guest-agent-eth1.network</c>, <c>guest-agent-eth1.nmconnection</c>).</summary>
    private static string Interface(string path) => Path.GetFileNameWithoutExtension(path).Split("guest-agent-")[1];

    /// <summary>The netplan interface a line belongs to: the last <c>    ethN:</c> before it.</summary>
    private static string LastInterface(string before) => InterfaceKey().Matches(before)[^1].Groups[1].Value;

    [GeneratedRegex(@"(?m)^        - to: ""(?:169\.254\.169\.253/32""|fe80:)[^\n]*\n(?:          [^\n]*\n)*")]
    private static partial Regex NetplanRoute();

    [GeneratedRegex(@"(?m)^(route\d+)=(?:169\.254\.169\.253/32(?:,|$)|fe80:)[^\n]*\n(?:\1_options=[^\n]*\n)?")]
    private static partial Regex KeyfileRoute();

    [GeneratedRegex(@"(?m)^    ([^ :\n]+):$")]
    private static partial Regex InterfaceKey();
}
