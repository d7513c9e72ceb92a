using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Rendering.Common;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The original agent's test cases (tests/test_resetnetwork_etchost.py, test_resetnetwork_hostname.py,
/// test_resetnetwork_interfaces.py, test_freebsd_network.py), with their exact expected texts.
/// Where this agent deliberately differs (protocol spec §10.2), the test says so.
/// </summary>
public sealed class OriginalAgentOracleTests
{
    private static readonly IPAddress Ip = IPAddress.Parse("192.0.2.1");

    private static string Hosts(params string[][] entries) =>
        string.Concat(entries.Select(e => $"{e[0]}\t{string.Join(' ', e.Skip(1))}\n"));

    [Fact]
    public void Hosts_empty_file_gets_the_address() =>
        Assert.Equal("192.0.2.1\texample\n", HostsFileRewriter.Rewrite(Hosts(), [Ip], "example"));

    [Fact]
    public void Hosts_other_entries_are_kept_and_the_address_appended() =>
        Assert.Equal("192.0.2.2\tother\n192.0.2.1\texample\n", HostsFileRewriter.Rewrite(Hosts(["192.0.2.2", "other"]), [Ip], "example"));

    [Fact]
    public void Hosts_single_old_name_is_commented_out_and_replaced() =>
        Assert.Equal(
            "# 192.0.2.1\toldname\t# Removed by nova-agent\n192.0.2.1\texample\n",
            HostsFileRewriter.Rewrite(Hosts(["192.0.2.1", "oldname"]), [Ip], "example"));

    [Fact]
    public void Hosts_short_name_beside_a_dotted_name_is_replaced() =>
        Assert.Equal(
            "# 192.0.2.1\toldname oldname.example.com\t# Removed by nova-agent\n192.0.2.1\texample oldname.example.com\n",
            HostsFileRewriter.Rewrite(Hosts(["192.0.2.1", "oldname", "oldname.example.com"]), [Ip], "example"));

    [Fact]
    public void Hosts_two_entries_only_ours_changes() =>
        Assert.Equal(
            "# 192.0.2.1\toldname\t# Removed by nova-agent\n192.0.2.1\texample\n192.0.2.2\tother\n",
            HostsFileRewriter.Rewrite(Hosts(["192.0.2.1", "oldname"], ["192.0.2.2", "other"]), [Ip], "example"));

    [Fact]
    public void Hosts_trailing_comment_is_kept() =>
        Assert.Equal(
            "# 192.0.2.1\toldname # comment\t# Removed by nova-agent\n192.0.2.1\texample\t# comment\n",
            HostsFileRewriter.Rewrite(Hosts(["192.0.2.1", "oldname", "# comment"]), [Ip], "example"));

    [Fact]
    public void Hosts_line_already_right_is_left_alone() =>
        Assert.Equal("192.0.2.1\texample\n", HostsFileRewriter.Rewrite(Hosts(["192.0.2.1", "example"]), [Ip], "example"));

    [Fact]
    public void Hostname_redhat_entry_is_added() =>
        Assert.Equal("NETWORKING=yes\nNETWORKING_IPV6=yes\nHOSTNAME=example\n", RedHatRenderer.WithHostname("NETWORKING=yes\nNETWORKING_IPV6=yes\n", "example"));

    [Fact]
    public void Hostname_redhat_entry_is_updated() =>
        Assert.Equal(
            "NETWORKING=yes\nNETWORKING_IPV6=yes\nHOSTNAME=example\n",
            RedHatRenderer.WithHostname("NETWORKING=yes\nNETWORKING_IPV6=yes\nHOSTNAME=other\n", "example"));

    [Fact]
    public void Hostname_debian_file() =>
        Assert.Equal("example\n", HostnameFile(NetworkBackend.Ifupdown, "/etc/hostname"));

    [Fact]
    public void Hostname_arch_rc_conf_entry_is_added() =>
        Assert.Equal(
            "eth0=\"eth0 192.0.2.42 netmask 255.255.255.0\"\nINTERFACES=(eth0)\nHOSTNAME=\"example\"\n",
            HostnameFilesRenderer.WithRcConfHostname("eth0=\"eth0 192.0.2.42 netmask 255.255.255.0\"\nINTERFACES=(eth0)\n", "example"));

    [Fact]
    public void Hostname_arch_rc_conf_entry_is_updated() =>
        Assert.Equal(
            "eth0=\"eth0 192.0.2.42 netmask 255.255.255.0\"\nINTERFACES=(eth0)\nHOSTNAME=\"example\"\n",
            HostnameFilesRenderer.WithRcConfHostname("eth0=\"eth0 192.0.2.42 netmask 255.255.255.0\"\nINTERFACES=(eth0)\nHOSTNAME=\"other\"\n", "example"));

    [Fact]
    public void Hostname_gentoo_conf_d_file()
    {
        // The original wrote HOSTNAME only; OpenRC's hostname service reads the lowercase variable, so both are written.
        var text = HostnameFile(NetworkBackend.GentooNetifrc, "/etc/conf.d/hostname");
        Assert.Matches(new Regex("^# Automatically generated, do not edit\nHOSTNAME=\"example\"\n"), text);
        Assert.Contains("\nhostname=\"example\"\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostname_suse_file() =>
        Assert.Equal("example\n", HostnameFile(NetworkBackend.SuseIfcfg, "/etc/HOSTNAME"));

    [Fact]
    public void Interfaces_redhat_ipv4() =>
        Assert.Equal(
            [
                "# Automatically generated, do not edit", "", "# Label public", "DEVICE=eth0", "BOOTPROTO=static",
                "HWADDR=00:11:22:33:44:55", "IPADDR=192.0.2.42", "NETMASK=255.255.255.0", "DEFROUTE=yes",
                "GATEWAY=192.0.2.1", "DNS1=192.0.2.2", "ONBOOT=yes", "NM_CONTROLLED=no",
            ],
            Lines(new RedHatRenderer(), Ipv4Interface(), "/etc/sysconfig/network-scripts/ifcfg-eth0"));

    [Fact]
    public void Interfaces_redhat_ipv6() =>
        Assert.Equal(
            [
                "# Automatically generated, do not edit", "", "# Label public", "DEVICE=eth0", "BOOTPROTO=static",
                "HWADDR=00:11:22:33:44:55", "IPV6INIT=yes", "IPV6_AUTOCONF=no", "IPV6ADDR=2001:db8::42/96",
                "IPV6_DEFAULTGW=2001:db8::1%eth0", "DNS1=2001:db8::2", "ONBOOT=yes", "NM_CONTROLLED=no",
            ],
            Lines(new RedHatRenderer(), Ipv6Interface(), "/etc/sysconfig/network-scripts/ifcfg-eth0"));

    // The marker line is ours alone (session 62): it tells a later resetnetwork that leaves the
    // interface out that the block is the agent's to drop (docs/networking.md, ifupdown).
    [Fact]
    public void Interfaces_debian_ipv4() =>
        Assert.Equal(
            [.. DebianHeader, "", "# Label public", "# Configured by guest-agent: eth0", "auto eth0", "iface eth0 inet static", "    address 192.0.2.42",
                "    netmask 255.255.255.0", "    gateway 192.0.2.1", "    dns-nameservers 192.0.2.2"],
            Lines(new IfupdownRenderer(), Ipv4Interface(), "/etc/network/interfaces"));

    [Fact]
    public void Interfaces_debian_ipv6() =>
        Assert.Equal(
            [.. DebianHeader, "", "# Label public", "# Configured by guest-agent: eth0", "auto eth0", "iface eth0 inet6 static", "    address 2001:db8::42",
                "    netmask 96", "    gateway 2001:db8::1", "    dns-nameservers 2001:db8::2"],
            Lines(new IfupdownRenderer(), Ipv6Interface(), "/etc/network/interfaces"));

    [Fact]
    public void Interfaces_gentoo_openrc_ipv4() =>
        Assert.Matches(
            new Regex("modules=\"ifconfig|iproute2\"\n*# Label public\n*config_eth0=\"\\s*192.0.2.42/24\\s*\"\n*routes_eth0=\"\\s*default via 192.0.2.1\\s*\"\n*dns_servers_eth0=\"\\s*192.0.2.2\"\\s*"),
            string.Join('\n', Lines(new GentooRenderer(), Ipv4Interface(), "/etc/conf.d/net")));

    [Fact]
    public void Interfaces_gentoo_openrc_ipv6() =>
        Assert.Matches(
            new Regex("modules=\"ifconfig|iproute2\"\n*# Label public\n*config_eth0=\"\\s*2001:db8::42/96\\s*\"\n*routes_eth0=\"\\s*default via 2001:db8::1\\s*\"\n*dns_servers_eth0=\"\\s*2001:db8::2\"\\s*"),
            string.Join('\n', Lines(new GentooRenderer(), Ipv6Interface(), "/etc/conf.d/net")));

    [Fact]
    public void Interfaces_suse_ipv4() =>
        Assert.Equal(
            ["# Automatically generated, do not edit", "", "# Label public", "BOOTPROTO='static'", "IPADDR='192.0.2.42'",
                "NETMASK='255.255.255.0'", "STARTMODE='auto'", "USERCONTROL='no'"],
            Lines(new SuseRenderer(), Ipv4Interface(), "/etc/sysconfig/network/ifcfg-eth0"));

    [Fact]
    public void Interfaces_suse_ipv6() =>
        Assert.Equal(
            ["# Automatically generated, do not edit", "", "# Label public", "BOOTPROTO='static'", "IPADDR='2001:db8::42'",
                "PREFIXLEN='96'", "STARTMODE='auto'", "USERCONTROL='no'"],
            Lines(new SuseRenderer(), Ipv6Interface(), "/etc/sysconfig/network/ifcfg-eth0"));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FreeBsd_rc_conf_ipv4_with_0_or_2_aliases(bool aliases)
    {
        var publicIps = aliases
            ? """[{"netmask":"255.255.255.0","enabled":"1","ip":"10.127.31.38"},{"netmask":"255.255.255.0","enabled":"1","ip":"10.127.32.38"},{"netmask":"255.255.255.255","enabled":"1","ip":"10.127.32.39"}]"""
            : """[{"netmask":"255.255.255.0","enabled":"1","ip":"10.127.31.38"}]""";
        var configuration = Build(
            [("xn0", "40:40:8f:1e:a0:0a"), ("xn1", "40:40:a2:87:6e:26")],
            "myhostname",
            $$"""{"label":"public","ips":{{publicIps}},"mac":"40:40:8f:1e:a0:0a","gateway":"10.127.31.1","dns":["10.6.24.4","10.6.24.5"]}""",
            """{"label":"private","ips":[{"netmask":"255.255.224.0","enabled":"1","ip":"192.168.2.30"}],"routes":[{"route":"10.176.0.0","netmask":"255.248.0.0","gateway":"10.177.96.1"},{"route":"10.191.192.0","netmask":"255.255.192.0","gateway":"10.177.96.1"}],"mac":"40:40:a2:87:6e:26"}""");
        var input = string.Join('\n', [
            "hostname=\"oldhostname\"", "check_quotas=\"NO\"", "ipv6_enable=\"YES\"", "pf_enable=\"YES\"", "pflog_enable=\"YES\"",
            "sshd_enable=\"YES\"", "ifconfig_re0=\"DHCP\"", "ifconfig_rl0=\"10.0.1.1 netmask 255.255.255.0 up\"",
            "ifconfig_rl0_alias0=\"10.0.1.2 netmask 255.255.255.255\"", "dhcpd_enable=\"YES\"", "dhcpd_flags=\"-q\"",
            "dhcpd_conf=\"/usr/local/etc/dhcpd.conf\"", ""]);
        string[] aliasLines = aliases
            ? ["ifconfig_xn0_alias0=\"10.127.32.38 netmask 255.255.255.0\"", "ifconfig_xn0_alias1=\"10.127.32.39 netmask 255.255.255.255\""]
            : [];
        var expected = string.Join('\n', [
            "check_quotas=\"NO\"", "pf_enable=\"YES\"", "pflog_enable=\"YES\"", "sshd_enable=\"YES\"", "dhcpd_enable=\"NO\"",
            "hostname=myhostname", "ifconfig_xn0=\"10.127.31.38 netmask 255.255.255.0 up\"", .. aliasLines,
            "ifconfig_xn1=\"192.168.2.30 netmask 255.255.224.0 up\"",

            // The original's data routes through 10.177.96.1, outside xn1's 192.168.0.0/19, which
            // route(8) refuses until a host route through xn1 reaches it.
            "route_gw0=\"-host 10.177.96.1 -interface xn1\"",
            "route_lan0=\"-net 10.176.0.0 -netmask 255.248.0.0 10.177.96.1\"",
            "route_lan1=\"-net 10.191.192.0 -netmask 255.255.192.0 10.177.96.1\"",

            // The original joined these with a comma; rc.conf splits static_routes on spaces (§10.2).
            "static_routes=\"gw0 lan0 lan1\"",
            "defaultrouter=\"10.127.31.1\"", ""]);

        var result = new FreeBsdRenderer().Render(configuration, new InMemoryFileView(new Dictionary<string, string> { ["/etc/rc.conf"] = input }));

        Assert.Equal(expected, result.Files.Single().Contents);
    }

    [Fact]
    public void FreeBsd_writes_the_first_interfaces_default_router_where_the_original_refused_two()
    {
        // The original answered "Multiple IPv4 default routes specified" and configured nothing: a Nova
        // guest whose public and private networks both have a gateway got no network at all.
        var configuration = Build(
            [("xn0", "40:40:8f:1e:a0:0a"), ("xn1", "40:40:a2:87:6e:26")],
            null,
            """{"mac":"40:40:8f:1e:a0:0a","ips":[{"netmask":"255.255.255.0","enabled":"1","ip":"10.127.31.38"}],"gateway":"10.127.31.1"}""",
            """{"mac":"40:40:a2:87:6e:26","ips":[{"netmask":"255.255.224.0","enabled":"1","ip":"192.168.2.30"}],"gateway":"192.168.2.1","routes":[{"route":"10.176.0.0","netmask":"255.240.0.0","gateway":"192.168.2.1"}]}""");

        var result = new FreeBsdRenderer().Render(configuration, new InMemoryFileView());

        Assert.Equal(
            """
            dhcpd_enable="NO"
            ifconfig_xn0="10.127.31.38 netmask 255.255.255.0 up"
            ifconfig_xn1="192.168.2.30 netmask 255.255.224.0 up"
            route_lan0="-net 10.176.0.0 -netmask 255.240.0.0 192.168.2.1"
            static_routes="lan0"
            defaultrouter="10.127.31.1"

            """, result.Files.Single().Contents);
        Assert.Equal(
            ["FreeBSD's rc.conf holds one IPv4 default router: defaultrouter is xn0's 10.127.31.1 (the first interface by name with one); left out: xn1's 192.168.2.1 (their addresses and routes are written)"],
            result.Warnings);
    }

    [Fact]
    public void FreeBsd_gives_no_host_route_to_a_default_gateway_it_leaves_out()
    {
        // Both gateways are outside their interface's subnets: only the written one needs its host route.
        var configuration = Build(
            [("xn0", "40:40:8f:1e:a0:0a"), ("xn1", "40:40:a2:87:6e:26")],
            null,
            """{"mac":"40:40:8f:1e:a0:0a","ips":[{"netmask":"255.255.255.255","enabled":"1","ip":"203.0.113.5"}],"gateway":"172.31.1.1","ip6s":[{"ip":"2001:db8:5::5","netmask":64,"enabled":"1"}],"gateway_v6":"2001:db8:1::1"}""",
            """{"mac":"40:40:a2:87:6e:26","ips":[{"netmask":"255.255.255.255","enabled":"1","ip":"203.0.113.6"}],"gateway":"172.31.1.2","ip6s":[{"ip":"2001:db8:6::6","netmask":64,"enabled":"1"}],"gateway_v6":"2001:db8:2::1"}""");

        var rc = new FreeBsdRenderer().Render(configuration, new InMemoryFileView()).Files.Single().Contents;

        Assert.Contains("route_gw0=\"-host 172.31.1.1 -interface xn0\"\n", rc, StringComparison.Ordinal);
        Assert.Contains("ipv6_route_gw0=\"-host 2001:db8:1::1 -interface xn0\"\n", rc, StringComparison.Ordinal);
        Assert.DoesNotContain("172.31.1.2", rc, StringComparison.Ordinal);
        Assert.DoesNotContain("2001:db8:2::1", rc, StringComparison.Ordinal);
    }

    [Fact]
    public void FreeBsd_names_every_ipv6_default_gateway_it_leaves_out()
    {
        var configuration = NetworkFixture.Load("several-gateways").Build();

        var result = new FreeBsdRenderer().Render(configuration, new InMemoryFileView());

        Assert.Contains("ipv6_defaultrouter=\"2001:db8::1\"\n", result.Files.Single().Contents, StringComparison.Ordinal);
        Assert.DoesNotContain("2001:db8:1::1", result.Files.Single().Contents, StringComparison.Ordinal);
        Assert.Equal(
            [
                "FreeBSD's rc.conf holds one IPv4 default router: defaultrouter is eth0's 192.0.2.1 (the first interface by name with one); left out: eth1's 10.0.12.1, eth2's 172.31.1.1 (their addresses and routes are written)",
                "FreeBSD's rc.conf holds one IPv6 default router: ipv6_defaultrouter is eth0's 2001:db8::1 (the first interface by name with one); left out: eth1's 2001:db8:1::1 (their addresses and routes are written)",
            ],
            result.Warnings);
    }

    [Fact]
    public void FreeBsd_scopes_a_link_local_ipv6_router_to_the_interface_that_owns_it()
    {
        var configuration = Build(
            [("xn0", "40:40:8f:1e:a0:0a"), ("xn1", "40:40:a2:87:6e:26")],
            null,
            """{"mac":"40:40:8f:1e:a0:0a","ips":[{"netmask":"255.255.255.0","enabled":"1","ip":"10.127.31.38"}]}""",
            """{"mac":"40:40:a2:87:6e:26","ip6s":[{"netmask":64,"enabled":"1","ip":"2001:db8::5"}],"gateway_v6":"fe80::1"}""");

        var text = new FreeBsdRenderer().Render(configuration, new InMemoryFileView()).Files.Single().Contents;

        Assert.Contains("ipv6_defaultrouter=\"fe80::1%xn1\"\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FreeBsd_scopes_a_link_local_gateway_of_a_static_ipv6_route_to_its_interface_and_no_other_gateway()
    {
        var configuration = Build(
            [("xn0", "40:40:8f:1e:a0:0a")],
            null,
            """{"mac":"40:40:8f:1e:a0:0a","ip6s":[{"netmask":64,"enabled":"1","ip":"2001:db8::5"}],"routes":[{"route":"2001:db8:ff::","netmask":64,"gateway":"fe80::2"},{"route":"2001:db8:fe::","netmask":64,"gateway":"2001:db8::1"}]}""");

        var text = new FreeBsdRenderer().Render(configuration, new InMemoryFileView()).Files.Single().Contents;

        // route(8) cannot tell which link fe80::2 is on without the scope.
        Assert.Contains("ipv6_route_lan0=\"-net 2001:db8:ff::/64 fe80::2%xn0\"\n", text, StringComparison.Ordinal);
        Assert.Contains("ipv6_route_lan1=\"-net 2001:db8:fe::/64 2001:db8::1\"\n", text, StringComparison.Ordinal);
    }

    private static readonly string[] DebianHeader =
    [
        "# Used by ifup(8) and ifdown(8). See the interfaces(5) manpage or",
        "# /usr/share/doc/ifupdown/examples for more information.",
        "# The loopback network interface", "auto lo", "iface lo inet loopback",
    ];

    private static NetworkConfiguration Ipv4Interface() => Build(
        [("eth0", "00:11:22:33:44:55")], null,
        """{"label":"public","mac":"00:11:22:33:44:55","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}],"gateway":"192.0.2.1","dns":["192.0.2.2"]}""");

    private static NetworkConfiguration Ipv6Interface() => Build(
        [("eth0", "00:11:22:33:44:55")], null,
        """{"label":"public","mac":"00:11:22:33:44:55","ip6s":[{"address":"2001:db8::42","netmask":96,"enabled":"1"}],"gateway6":"2001:db8::1","dns":["2001:db8::2"]}""");

    private static NetworkConfiguration Build((string Name, string Mac)[] interfaces, string? hostname, params string[] entries) =>
        NetworkConfigurationBuilder.Build(
            entries.Select((e, i) => new KeyValuePair<string, byte[]>($"entry{i}", Encoding.UTF8.GetBytes(e))),
            hostname,
            null,
            interfaces.Select(i => MacAddress.TryParse(i.Mac, out var mac) ? new SystemInterface(i.Name, mac) : throw new ArgumentException(i.Mac)).ToArray(),
            new List<string>());

    private static string[] Lines(INetworkRenderer renderer, NetworkConfiguration configuration, string path) =>
        renderer.Render(configuration, new InMemoryFileView()).Files.Single(f => f.Path == path).Contents.TrimEnd().Split('\n');

    private static string HostnameFile(NetworkBackend backend, string path) =>
        HostnameFilesRenderer.Render(backend, "example", new InMemoryFileView()).Files.Single(f => f.Path == path).Contents;
}
