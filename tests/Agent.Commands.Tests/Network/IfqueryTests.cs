using System.Globalization;
using System.Net.Sockets;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>The real <c>ifquery</c> (ifupdown) parses our <c>interfaces</c> files into the expected addresses.</summary>
public sealed class IfqueryTests
{
    public static TheoryData<string> Fixtures() => new(NetworkFixture.Names);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Ifquery_reads_every_interface_with_its_addresses_gateways_and_routes(string fixture)
    {
        var ifquery = ExternalTool.Require("ifquery", "ifupdown");
        var configuration = NetworkFixture.Load(fixture).Build();
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("interfaces");
        File.WriteAllText(file, new IfupdownRenderer().Render(configuration, new InMemoryFileView()).Files.Single().Contents);

        var list = await ExternalTool.RunAsync(ifquery, ["-i", file, "--list"]);
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(["lo", .. configuration.Interfaces.Select(i => i.Name)], list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        foreach (var nic in configuration.Interfaces)
        {
            var query = await ExternalTool.RunAsync(ifquery, ["-i", file, nic.Name]);
            Assert.True(query.ExitCode == 0, query.StandardError);
            var options = query.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => (Key: line[..line.IndexOf(':', StringComparison.Ordinal)], Value: line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
                .ToArray();
            string[] Values(string key) => options.Where(o => o.Key == key).Select(o => o.Value).ToArray();

            Assert.Equal(nic.Addresses.Select(a => a.Address.ToString()), Values("address"));
            Assert.Equal(
                nic.Addresses.Select(a => a.IsIPv6 ? a.PrefixLength.ToString(CultureInfo.InvariantCulture) : a.Netmask),
                Values("netmask"));
            // A gateway every ifup adds as written (on the link, no metric) is a gateway line; another is
            // a post-up route of its own (ifupdown-ng and busybox add no onlink, ifupdown-ng one metric
            // an interface): AlpineIfupKernelTests.
            var families = new[] { (Gateway: nic.IPv4Gateway, Family: AddressFamily.InterNetwork, Ip: "ip"), (Gateway: nic.IPv6Gateway, Family: AddressFamily.InterNetworkV6, Ip: "ip -6") }
                .Where(f => f.Gateway is not null && (f.Family == AddressFamily.InterNetwork ? nic.IPv4Addresses : nic.IPv6Addresses).Count > 0)
                .Select(f => (f.Gateway, f.Ip, Metric: DefaultRouteMetrics.For(configuration, nic, f.Family)))
                .ToArray();
            Assert.Equal(families.Where(f => f.Metric is null && !nic.IsOffLink(f.Gateway!)).Select(f => f.Gateway!.ToString()), Values("gateway"));
            // A link-local server with its link, which resolvconf's hook passes on to resolv.conf.
            Assert.Equal(
                nic.DnsServers.Count > 0 ? [string.Join(' ', nic.ScopedDnsServers)] : Array.Empty<string>(),
                Values("dns-nameservers"));
            // Which routes need onlink is the kernel's to say (OnLinkGatewayKernelTests runs ifup).
            static string[] WithoutOnLink(string[] values) => values.Select(v => v.Replace(" onlink", "", StringComparison.Ordinal)).ToArray();
            string[] Lines(string verb) => families.Where(f => f.Ip == "ip" && (f.Metric is not null || nic.IsOffLink(f.Gateway!)))
                .Select(f => $"{f.Ip} route {verb} default via {f.Gateway} dev {nic.Name}{(f.Metric is { } m ? $" metric {m}" : "")} || true")
                .Concat(nic.Routes.Where(r => !r.IsIPv6).Select(r => $"ip route {verb} {r.Destination} via {r.Gateway} dev {nic.Name} || true"))
                .Concat(families.Where(f => f.Ip != "ip" && (f.Metric is not null || nic.IsOffLink(f.Gateway!)))
                    .Select(f => $"{f.Ip} route {verb} default via {f.Gateway} dev {nic.Name}{(f.Metric is { } m ? $" metric {m}" : "")} || true"))
                .Concat(nic.Routes.Where(r => r.IsIPv6).Select(r => $"ip -6 route {verb} {r.Destination} via {r.Gateway} dev {nic.Name} || true"))
                .ToArray();
            Assert.Equal(Lines("add"), WithoutOnLink(Values("up")));
            Assert.Equal(Lines("del"), WithoutOnLink(Values("down")));
        }
    }

    private const string AdministratorsFile = """
        # The administrator's own configuration
        source /etc/network/interfaces.d/*
        auto lo
        iface lo inet loopback
        auto eth0 eth2
        allow-hotplug eth1
        iface eth0 inet dhcp
        iface eth0:1 inet static
            address 10.0.0.9
            netmask 255.0.0.0
        iface eth2 inet dhcp
            hostname legacy
        iface br0 inet manual
            bridge_ports none
        mapping eth3
            script /usr/local/sbin/map
        """;

    [Fact]
    public async Task Stanzas_of_interfaces_that_are_not_configured_are_kept_and_ours_replaced()
    {
        var ifquery = ExternalTool.Require("ifquery", "ifupdown");
        var configuration = NetworkFixture.Load("rackspace").Build();
        var rendered = RenderOver(configuration, AdministratorsFile).Files.Single().Contents;
        using var directory = new TemporaryDirectory();
        var file = WriteInterfaces(directory, rendered);

        var list = await ExternalTool.RunAsync(ifquery, ["-i", file, "--list"]);
        Assert.Equal(["lo", "eth0", "eth1", "eth2"], list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var eth2 = await ExternalTool.RunAsync(ifquery, ["-i", file, "eth2"]);
        Assert.Equal(0, eth2.ExitCode);
        Assert.Contains("hostname: legacy", eth2.StandardOutput, StringComparison.Ordinal);
        var br0 = await ExternalTool.RunAsync(ifquery, ["-i", file, "br0"]);
        Assert.Contains("bridge_ports: none", br0.StandardOutput, StringComparison.Ordinal);
        var eth0 = await ExternalTool.RunAsync(ifquery, ["-i", file, "eth0"]);
        Assert.DoesNotContain("10.0.0.9", eth0.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("source", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("eth0:1", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("allow-hotplug", rendered, StringComparison.Ordinal);
        AssertRenderingAgainChangesNothing(configuration, rendered);
    }

    [Fact]
    public async Task A_kept_stanza_gets_only_its_own_options_and_the_allow_lines_after_it_stay_allow_lines()
    {
        var ifquery = ExternalTool.Require("ifquery", "ifupdown");
        const string file = """
            iface eth2 inet dhcp
                hostname legacy
                # the lab's uplink
            iface eth0:1 inet static
                address 10.0.0.9
                netmask 255.0.0.0
            allow-hotplug eth3
            iface eth3 inet dhcp
            """;
        var configuration = NetworkFixture.Load("rackspace").Build();
        var rendered = RenderOver(configuration, file).Files.Single().Contents;
        using var directory = new TemporaryDirectory();
        var path = WriteInterfaces(directory, rendered);

        var eth2 = await ExternalTool.RunAsync(ifquery, ["-i", path, "eth2"]);
        Assert.Equal(0, eth2.ExitCode);
        Assert.Equal(["hostname: legacy"], eth2.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var hotplug = await ExternalTool.RunAsync(ifquery, ["-i", path, "--list", "--allow=hotplug"]);
        Assert.Equal(["eth3"], hotplug.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("lab's uplink", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Continued_lines_are_read_whole_ours_dropped_and_the_kept_ones_mean_what_they_meant()
    {
        // eth0 and eth1 are ours (rackspace). ifupdown joins a line ending in a backslash with the next, whatever that
        // holds ("# two" too), but never a comment's: eth0's continued iface line and address go, auto keeps eth2 alone,
        // and no kept line may end in a backslash that would swallow the line written after it.
        var ifquery = ExternalTool.Require("ifquery", "ifupdown");
        const string file = """
            iface eth0 inet static \
                address 10.0.0.9/8
            auto eth0 \
                eth2
            iface eth2 inet dhcp
                hostname lab \
            # two
                # a comment never goes on \
            iface eth3 inet manual
                mtu \
                1400
            """;
        var configuration = NetworkFixture.Load("rackspace").Build();
        var rendered = RenderOver(configuration, file).Files.Single().Contents;
        using var directory = new TemporaryDirectory();
        var path = WriteInterfaces(directory, rendered);

        var list = await ExternalTool.RunAsync(ifquery, ["-i", path, "--list"]);
        Assert.Equal(["lo", "eth0", "eth1", "eth2"], list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", list.StandardError);
        var eth2 = await ExternalTool.RunAsync(ifquery, ["-i", path, "eth2"]);
        Assert.Equal(["hostname: lab # two"], eth2.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var eth3 = await ExternalTool.RunAsync(ifquery, ["-i", path, "eth3"]);
        Assert.Equal(["mtu: 1400"], eth3.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var eth0 = await ExternalTool.RunAsync(ifquery, ["-i", path, "eth0"]);
        Assert.Equal(0, eth0.ExitCode);
        Assert.DoesNotContain("10.0.0.9", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain(rendered.Split('\n'), line => line.TrimEnd().EndsWith('\\'));
        AssertRenderingAgainChangesNothing(configuration, rendered);
    }

    [Fact]
    public async Task A_kept_line_ending_in_a_backslash_ifupdown_did_not_continue_still_ends_there()
    {
        // A space after the backslash ends the line for ifupdown, which keeps the backslash in the value; written
        // trimmed, the kept line went on in eth3's iface line, and eth3 was no longer defined.
        var ifquery = ExternalTool.Require("ifquery", "ifupdown");
        const string file = "iface eth2 inet manual\n    hostname lab \\ \niface eth3 inet manual\n";
        var configuration = NetworkFixture.Load("rackspace").Build();
        var rendered = RenderOver(configuration, file).Files.Single().Contents;
        using var directory = new TemporaryDirectory();
        var path = WriteInterfaces(directory, rendered);

        var eth2 = await ExternalTool.RunAsync(ifquery, ["-i", path, "eth2"]);
        Assert.Equal(["hostname: lab \\"], eth2.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var eth3 = await ExternalTool.RunAsync(ifquery, ["-i", path, "eth3"]);
        Assert.True(eth3.ExitCode == 0, eth3.StandardError);
        AssertRenderingAgainChangesNothing(configuration, rendered);
    }

    [Fact]
    public async Task No_scripts_and_no_auto_down_lines_are_kept_for_the_interfaces_not_configured()
    {
        // ifup -n prints the commands (to standard error) without running them; its state goes to a directory of the test's.
        var ifup = ExternalTool.Require("ifup", "ifupdown");
        const string file = """
            iface eth0 inet dhcp
            no-scripts eth3 eth0
            no-auto-down eth0 eth3
            iface eth3 inet manual
            """;
        var configuration = NetworkFixture.Load("rackspace").Build();
        var rendered = RenderOver(configuration, file).Files.Single().Contents;
        using var directory = new TemporaryDirectory();
        var path = WriteInterfaces(directory, rendered);
        var state = directory.Combine("state");
        FixtureDirectories.Create(state);

        var eth3 = await ExternalTool.RunAsync(ifup, ["-n", "-i", path, "--state-dir", state, "eth3"]);
        Assert.Equal(0, eth3.ExitCode);
        Assert.Contains("ip link set dev eth3 up", eth3.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("run-parts", eth3.StandardError, StringComparison.Ordinal);
        var eth0 = await ExternalTool.RunAsync(ifup, ["-n", "-i", path, "--state-dir", state, "eth0"]);
        Assert.Contains("run-parts", eth0.StandardError, StringComparison.Ordinal);
        Assert.Contains("\nno-scripts eth3\nno-auto-down eth3\n", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rename_pairs_are_kept_unless_they_name_a_configured_interface_the_loopback_or_a_pattern()
    {
        // eth0 and eth1 are ours (rackspace): ifup would rename eth0 away before our stanza, or eth6 onto eth1;
        // /eth* matches ours; a word without both names renames nothing; a line left with no pair goes.
        var ifup = ExternalTool.Require("ifup", "ifupdown");
        const string file = """
            rename eth5=lan5 eth0=wan0 eth6=eth1 /eth*=any0 broken =lan9 eth8=
            rename lo=lo9
            rename eth7=lan7
            iface lan5 inet manual
            """;
        var configuration = NetworkFixture.Load("rackspace").Build();
        var result = RenderOver(configuration, file);
        var rendered = result.Files.Single().Contents;
        using var directory = new TemporaryDirectory();
        var path = WriteInterfaces(directory, rendered);
        var state = directory.Combine("state");
        FixtureDirectories.Create(state);

        // ifup renames only interfaces that exist: every name of the file is a link in the namespace.
        // -n prints the commands (some to standard error) without running them.
        var run = await KernelNamespace.RunAsync(["eth0", "eth1", "eth5", "eth6", "eth7"], $"{ifup} -n -a -i {ShellWords.Quote(path)} --state-dir {ShellWords.Quote(state)} 2>&1\necho \"exit $?\"");
        Assert.Contains("exit 0", run.StandardOutput, StringComparison.Ordinal);
        var renames = run.StandardOutput.Split('\n').Where(l => l.Contains(" name ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["ip link set eth5 name lan5", "ip link set eth7 name lan7"], renames);
        Assert.Contains("\nrename eth5=lan5\nrename eth7=lan7\niface lan5 inet manual\n", rendered, StringComparison.Ordinal);
        Assert.Equal(
            ["eth0=wan0", "eth6=eth1", "/eth*=any0", "lo=lo9"],
            result.Warnings.Select(w => w[(w.IndexOf("'rename ", StringComparison.Ordinal) + 8)..w.IndexOf("' of", StringComparison.Ordinal)]));
    }

    private static RenderResult RenderOver(NetworkConfiguration configuration, string existing) =>
        new IfupdownRenderer().Render(configuration, new InMemoryFileView(new Dictionary<string, string> { [IfupdownRenderer.FilePath] = existing }));

    private static string WriteInterfaces(TemporaryDirectory directory, string rendered)
    {
        var path = directory.Combine("interfaces");
        File.WriteAllText(path, rendered);
        return path;
    }

    /// <summary>Rendering again over our own output changes nothing.</summary>
    private static void AssertRenderingAgainChangesNothing(NetworkConfiguration configuration, string rendered) =>
        Assert.Equal(rendered, RenderOver(configuration, rendered).Files.Single().Contents);
}
