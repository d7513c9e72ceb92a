using System.Net;
using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Parsing;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Network.Rendering.Common;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The files one reset writes beside the backend's own (<c>/etc/hosts</c>, the resolved drop-in),
/// the hostname read when the host sends none, and Gentoo's variables for an interface whose name
/// is not a shell name (read by the real bash, as netifrc reads them).
/// </summary>
public sealed class NetworkFilesTests
{
    public static TheoryData<string, string, string> HostnameFiles() => new()
    {
        // A comment before the name, and the kernel's name differing: the file's name counts.
        { "/etc/hostname", "# set by the image\n\nweb-1\n", "web-1" },
        // An invalid name is passed over for the next place.
        { "/etc/hostname", "web_1!\n", "kernel-name" },
        { "/etc/conf.d/hostname", "# Gentoo\nhostname=\"gentoo-box\"\n", "gentoo-box" },
        { "/etc/conf.d/hostname", "HOSTNAME=\"old-gentoo\"\n", "old-gentoo" },
        { "/etc/sysconfig/network", "NETWORKING=yes\nHOSTNAME=rh-box\n", "rh-box" },
        // The shell keeps a key's last assignment, and a comment after the value is no part of it.
        { "/etc/sysconfig/network", "HOSTNAME=old-box\nNETWORKING=yes\nHOSTNAME=rh-box # set by anaconda\n", "rh-box" },
    };

    [Theory]
    [MemberData(nameof(HostnameFiles))]
    public void The_current_hostname_comes_from_the_distributions_file_before_the_kernels(string path, string text, string expected)
    {
        var files = new InMemoryFileView(new Dictionary<string, string>
        {
            [path] = text,
            ["/proc/sys/kernel/hostname"] = "kernel-name\n",
        });

        Assert.Equal(expected, CurrentHostnameReader.Read(files));
    }

    [Fact]
    public async Task A_shell_files_hostname_is_taken_as_bash_reads_it_carriage_return_and_all()
    {
        // A CRLF file: bash keeps the carriage return in the value, so the scripts sourcing the file
        // get "rh-box\r", no valid name; the next place (the kernel's name) counts, as it would were the
        // name invalid otherwise.
        const string text = "NETWORKING=yes\r\nHOSTNAME=rh-box\r\n";
        Assert.Equal("set:rh-box\r", await ShellValueReaderTests.SourceAsync(text, "HOSTNAME"));
        var files = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/etc/sysconfig/network"] = text,
            ["/proc/sys/kernel/hostname"] = "kernel-name\n",
        });

        Assert.Equal("kernel-name", CurrentHostnameReader.Read(files));
    }

    [Fact]
    public void Hosts_maps_the_first_IPv4_and_the_first_IPv6_address_of_every_interface()
    {
        var several = NetworkFixture.Load("several-addresses").Build();
        var text = HostsFileRenderer.Render(several, new InMemoryFileView()).Files.Single().Contents;

        Assert.Equal(
            [("127.0.0.1", "localhost"), ("::1", "localhost"), ("192.0.2.42", "web-1"), ("2001:db8::42", "web-1")],
            HostsEntries(text));

        var rackspace = NetworkFixture.Load("rackspace").Build();
        Assert.Equal(
            ["162.209.76.19", "2001:4802:7802:104:be76:4eff:fe20:6c5a", "10.208.227.239"],
            HostsEntries(HostsFileRenderer.Render(rackspace, new InMemoryFileView()).Files.Single().Contents).Where(e => e.Name == "test-server").Select(e => e.Address));
    }

    [Fact]
    public void Without_a_hostname_from_the_host_hosts_maps_the_current_one()
    {
        var fixture = NetworkFixture.Load("ipv4-only");
        var configuration = NetworkConfigurationBuilder.Build(fixture.Networking, null, "current-name", fixture.Interfaces, new List<string>());
        var first = configuration.Interfaces[0].IPv4Addresses[0].Address.ToString();

        var text = HostsFileRenderer.Render(configuration, new InMemoryFileView()).Files.Single().Contents;

        Assert.Contains((first, "current-name"), HostsEntries(text));
    }

    [Fact]
    public void The_resolved_drop_in_lists_the_servers_as_resolved_reads_them_and_is_not_written_without_servers()
    {
        var configuration = NetworkFixture.Load("rackspace").Build();
        var text = ResolvedDropInRenderer.Render(configuration).Files.Single().Contents;

        // resolved.conf(5): DNS= in [Resolve] is a space-separated list of addresses.
        var section = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        Assert.Equal("[Resolve]", section[0]);
        var servers = section.Single(l => l.StartsWith("DNS=", StringComparison.Ordinal))["DNS=".Length..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => IPAddress.TryParse(s, out var address) ? address : null);
        Assert.Equal(configuration.DnsServers, servers);

        // An empty DNS= would clear the servers resolved has from elsewhere.
        Assert.Empty(ResolvedDropInRenderer.Render(NetworkFixture.Load("no-dns").Build()).Files);
        Assert.Empty(ResolvedDropInRenderer.RemoveStale(new InMemoryFileView()).Removals);
        Assert.Equal([ResolvedDropInRenderer.FilePath], ResolvedDropInRenderer.RemoveStale(new InMemoryFileView(new Dictionary<string, string> { [ResolvedDropInRenderer.FilePath] = "x" })).Removals);
    }

    [Fact]
    public void Without_DNS_servers_from_the_host_an_earlier_drop_in_stays()
    {
        // No servers take another route, so the ones the earlier run gave resolved are still the host's.
        var view = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/etc/os-release"] = "ID=fedora\nVERSION_ID=40\n",
            ["/usr/sbin/NetworkManager"] = "",
            ["/etc/resolv.conf"] = "nameserver 192.0.2.53\n",
            [ResolvedDropInRenderer.FilePath] = "[Resolve]\nDNS=192.0.2.1\n",
        });
        var facts = SystemProbe.Probe(view);

        var withoutServers = NetworkFilesRenderer.Render(NetworkFixture.Load("no-dns").Build(), NetworkBackend.NetworkManager, facts, new NetworkOptions(), view);
        var withServers = NetworkFilesRenderer.Render(NetworkFixture.Load("rackspace").Build(), NetworkBackend.NetworkManager, facts, new NetworkOptions(), view);

        Assert.DoesNotContain(ResolvedDropInRenderer.FilePath, withoutServers.Removals);
        Assert.Contains(ResolvedDropInRenderer.FilePath, withServers.Removals);
    }

    [Fact]
    public void An_earlier_drop_in_goes_once_the_servers_are_written_into_resolv_conf()
    {
        // ifupdown without the resolvconf hook: the agent writes resolv.conf itself, and resolved (not running) must not keep old servers.
        var view = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/etc/os-release"] = "ID=debian\nVERSION_ID=12\n",
            ["/usr/sbin/ifup"] = "",
            ["/etc/resolv.conf"] = "nameserver 192.0.2.53\n",
            [ResolvedDropInRenderer.FilePath] = "[Resolve]\nDNS=192.0.2.1\n",
        });

        var result = NetworkFilesRenderer.Render(NetworkFixture.Load("rackspace").Build(), NetworkBackend.Ifupdown, SystemProbe.Probe(view), new NetworkOptions(), view);

        Assert.Contains(result.Files, f => f.Path == ResolvConfRenderer.FilePath && f.Contents.Contains("nameserver 69.20.0.164", StringComparison.Ordinal));
        Assert.Contains(ResolvedDropInRenderer.FilePath, result.Removals);
    }

    [Fact]
    public void Resolv_conf_keeps_the_search_domain_and_options_lines_glibc_reads()
    {
        // glibc's resolver takes a keyword at the line's start followed by a space or a tab; "search" alone,
        // "searchlist" or an indented line are not its lines.
        var current = new InMemoryFileView(new Dictionary<string, string>
        {
            [ResolvConfRenderer.FilePath] = "search\texample.com corp.example\nsearch\nsearchlist x\n  search indented.example\n\toptions ndots:9\noptions rotate\ndomain example.org\nnameserver 192.0.2.53\n",
        });

        var text = ResolvConfRenderer.Render(NetworkFixture.Load("rackspace").Build(), current).Files.Single().Contents;

        Assert.Equal(
            ConfigText.Header + "\nsearch\texample.com corp.example\noptions rotate\ndomain example.org\nnameserver 69.20.0.164\nnameserver 69.20.0.196\n",
            text);
        Assert.Empty(ResolvConfRenderer.Render(NetworkFixture.Load("no-dns").Build(), current).Files);
    }

    [Fact]
    public void Resolv_conf_names_the_link_of_a_link_local_server()
    {
        // glibc and musl take "fe80::53%eth1"; without the scope the resolver's connect() to a
        // link-local address fails with EINVAL, so the server would never be asked.
        var text = ResolvConfRenderer.Render(LinkLocalDnsConfiguration(), new InMemoryFileView(new Dictionary<string, string>())).Files.Single().Contents;

        Assert.Equal(ConfigText.Header + "\nnameserver 192.0.2.53\nnameserver fe80::53%eth1\nnameserver 2001:db8::53\n", text);
    }

    [Fact]
    public void Resolv_conf_lists_a_server_two_interfaces_list_once_and_a_link_local_one_on_each_link()
    {
        // One global server is one resolver entry; fe80::53 on two links is two servers, each reachable on its own.
        var configuration = LinkLocalDnsConfiguration(eth0Dns: "\"192.0.2.53\",\"fe80::53\"", eth1Dns: "\"fe80::53\",\"192.0.2.53\"");

        var text = ResolvConfRenderer.Render(configuration, new InMemoryFileView(new Dictionary<string, string>())).Files.Single().Contents;

        Assert.Equal(ConfigText.Header + "\nnameserver 192.0.2.53\nnameserver fe80::53%eth0\nnameserver fe80::53%eth1\n", text);
    }

    [Fact]
    public void Ifupdowns_dns_nameservers_name_the_link_of_a_link_local_server()
    {
        // resolvconf's ifupdown hook writes each server as a nameserver line of resolv.conf as it is.
        var text = new IfupdownRenderer().Render(LinkLocalDnsConfiguration(), new InMemoryFileView()).Files.Single().Contents;

        Assert.Contains("    dns-nameservers 192.0.2.53\n", text, StringComparison.Ordinal);
        Assert.Contains("    dns-nameservers fe80::53%eth1 2001:db8::53\n", text, StringComparison.Ordinal);
    }

    public static TheoryData<NetworkBackend, string, string> LinkLocalServerLines() => new()
    {
        // initscripts' ifup-post, netctl's and netifrc's resolvconf calls each write a nameserver line per server.
        { NetworkBackend.RedHatIfcfg, "/etc/sysconfig/network-scripts/ifcfg-eth1", "\nDNS1=fe80::53%eth1\nDNS2=2001:db8::53\n" },
        { NetworkBackend.Netctl, "/etc/netctl/eth1", "\nDNS=('fe80::53%eth1' '2001:db8::53')\n" },
        { NetworkBackend.GentooNetifrc, "/etc/conf.d/net", "\ndns_servers_eth1=\"fe80::53%eth1 2001:db8::53\"\n" },
        // netconfig's dns-resolver module writes each of NETCONFIG_DNS_STATIC_SERVERS as a nameserver line.
        { NetworkBackend.SuseIfcfg, "/etc/sysconfig/network/config", "NETCONFIG_DNS_STATIC_SERVERS=\"192.0.2.53 fe80::53%eth1 2001:db8::53\"\n" },
    };

    [Theory]
    [MemberData(nameof(LinkLocalServerLines))]
    public void Every_resolver_list_names_the_link_of_a_link_local_server(NetworkBackend backend, string path, string expected)
    {
        var files = RendererCatalog.For(backend).Render(LinkLocalDnsConfiguration(), new InMemoryFileView()).Files;

        Assert.Contains(expected, files.Single(f => f.Path == path).Contents, StringComparison.Ordinal);
    }

    [Fact]
    public void The_resolved_drop_in_names_the_link_of_a_link_local_server()
    {
        // resolved takes "fe80::53%eth1" for a global server; without the interface it has no link to ask it on.
        var text = ResolvedDropInRenderer.Render(LinkLocalDnsConfiguration()).Files.Single().Contents;

        Assert.EndsWith("\nDNS=192.0.2.53 fe80::53%eth1 2001:db8::53\n", text, StringComparison.Ordinal);
    }

    /// <summary>eth0 with IPv4 and a server of its own; eth1 IPv6-only, with a link-local server first.</summary>
    private static NetworkConfiguration LinkLocalDnsConfiguration(string eth0Dns = "\"192.0.2.53\"", string eth1Dns = "\"fe80::53\",\"2001:db8::53\"")
    {
        SystemInterface[] interfaces =
        [
            new("eth0", MacAddress.TryParse("00:16:3e:00:00:01", out var mac0) ? mac0 : default),
            new("eth1", MacAddress.TryParse("00:16:3e:00:00:02", out var mac1) ? mac1 : default),
        ];
        KeyValuePair<string, byte[]>[] entries =
        [
            new("k0", Encoding.UTF8.GetBytes($$"""{"mac":"00:16:3e:00:00:01","ips":[{"ip":"192.0.2.10","netmask":"255.255.255.0","enabled":"1"}],"dns":[{{eth0Dns}}]}""")),
            new("k1", Encoding.UTF8.GetBytes($$"""{"mac":"00:16:3e:00:00:02","ip6s":[{"ip":"2001:db8::10","netmask":64,"enabled":"1"}],"dns":[{{eth1Dns}}]}""")),
        ];
        return NetworkConfigurationBuilder.Build(entries, null, null, interfaces, new List<string>());
    }

    [Fact]
    public async Task Gentoo_names_a_VLANs_variables_as_netifrc_does_and_drops_its_old_addresses()
    {
        // netifrc looks an interface's settings up under its name with every other character made '_'.
        var (nic, text, result) = await RenderVlanAndSourceAsync(
            "config_eth0_100=\"dhcp\"\nmtu_eth0_100=\"1400\"\nvlans_eth0=\"100\"\n",
            "\"$config_eth0_100\" \"$routes_eth0_100\" \"$mtu_eth0_100\" \"$vlans_eth0\"");

        Assert.True(result.ExitCode == 0, $"{result.StandardError}\n{text}");
        Assert.Equal($"{nic.Addresses.First().Cidr}|default via {nic.IPv4Gateway}|1400|100|", result.StandardOutput);
        Assert.DoesNotContain("dhcp", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gentoo_keeps_an_appending_assignment_of_another_setting_and_drops_one_of_its_own()
    {
        // bash's += : the VLAN list is the system's own (kept whole), the address is the agent's (replaced, not added to).
        var (nic, text, result) = await RenderVlanAndSourceAsync(
            "vlans_eth0=\"100\"\nvlans_eth0+=\" 200\"\nconfig_eth0_100+=\" 198.51.100.9/24\"\n",
            "\"$config_eth0_100\" \"$vlans_eth0\"");

        Assert.True(result.ExitCode == 0, $"{result.StandardError}\n{text}");
        Assert.Equal($"{nic.Addresses.First().Cidr}|100 200|", result.StandardOutput);
    }

    [Fact]
    public async Task Gentoo_reads_where_an_old_assignment_ends_as_bash_does()
    {
        // A double quote inside single quotes closes nothing: the owned config_ line after it is still
        // its own line and goes (counting double quotes alone kept it, and bash then read the old address).
        // An array spanning lines is kept whole.
        var (nic, text, result) = await RenderVlanAndSourceAsync(
            "description_eth0_100='say \"hi'\nconfig_eth0_100=\"10.0.0.5/8\"\nmtu_eth0_100=\"1400\"\nbridge_br0=( \"eth3\"\n  \"eth4\" )\n",
            "\"$config_eth0_100\" \"$description_eth0_100\" \"$mtu_eth0_100\" \"${bridge_br0[*]}\"");

        Assert.True(result.ExitCode == 0, $"{result.StandardError}\n{text}");
        Assert.Equal($"{nic.Addresses.First().Cidr}|say \"hi|1400|eth3 eth4|", result.StandardOutput);
        Assert.DoesNotContain("10.0.0.5", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gentoo_keeps_settings_per_assignment_and_comments_out_an_owned_one_it_cannot_edit()
    {
        // mtu_ before an owned config_ on its line stays (and the old config_ goes), vlans_ after one
        // stays, and an owned array that cannot be taken out of its line is kept only as a comment.
        var (nic, text, result) = await RenderVlanAndSourceAsync(
            "mtu_eth0_100=\"1400\"; config_eth0_100=\"10.0.0.5/8\"\nconfig_eth0_100=\"10.0.0.6/8\"; vlans_eth0=\"100\"\nfallback_eth0_100=(\"dhcp\") description_eth0_100=x\n",
            "\"$config_eth0_100\" \"$mtu_eth0_100\" \"$vlans_eth0\" \"${fallback_eth0_100-none}\" \"${description_eth0_100-none}\"");

        Assert.True(result.ExitCode == 0, $"{result.StandardError}\n{text}");
        Assert.Equal($"{nic.Addresses.First().Cidr}|1400|100|none|none|", result.StandardOutput);
        Assert.Contains("\n# fallback_eth0_100=(\"dhcp\") description_eth0_100=x\n", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Renders Gentoo's conf.d/net for the ipv4-only fixture on VLAN <c>eth0.100</c> over
    /// <paramref name="currentFile"/>, then sources the result in bash and prints each of
    /// <paramref name="printedVariables"/> followed by '|'.
    /// </summary>
    private static async Task<(InterfaceConfiguration Nic, string Text, ToolResult Result)> RenderVlanAndSourceAsync(string currentFile, string printedVariables)
    {
        var bash = ExternalTool.Require("bash", "bash");
        var fixture = NetworkFixture.Load("ipv4-only");
        var interfaces = fixture.Interfaces.Select(i => i with { Name = "eth0.100" }).ToArray();
        var configuration = NetworkConfigurationBuilder.Build(fixture.Networking, fixture.Hostname, null, interfaces, new List<string>());
        var nic = Assert.Single(configuration.Interfaces);
        var current = new InMemoryFileView(new Dictionary<string, string> { [GentooRenderer.FilePath] = currentFile });
        var text = new GentooRenderer().Render(configuration, current).Files.Single().Contents;
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("net");
        await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);

        var result = await ExternalTool.RunAsync(bash, ["-c", $"set -eu; . \"$1\"; printf '%s|' {printedVariables}", "check", file]);
        return (nic, text, result);
    }

    private static (string Address, string Name)[] HostsEntries(string text) =>
        text.Split('\n')
            .Select(l => l.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length >= 2)
            .Select(words => (words[0], words[1]))
            .ToArray();
}
