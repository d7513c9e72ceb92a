using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The real NetworkManager reads the connections we hand it: our keyfiles, and the ones netplan
/// writes from our YAML when NetworkManager is its renderer. <c>nmcli --offline connection modify</c>
/// reads a keyfile from its input with NetworkManager's own keyfile reader, checks the connection as
/// the daemon does before loading it (a connection that fails is one NetworkManager never brings up)
/// and prints what it understood.
/// </summary>
public sealed class NetworkManagerKeyfileTests
{
    public static TheoryData<string> Fixtures() => new(NetworkFixture.Names);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task NetworkManager_accepts_every_keyfile_and_reads_the_configuration_in_it(string fixture)
    {
        var nmcli = ExternalTool.Require("nmcli", "network-manager");
        var configuration = NetworkFixture.Load(fixture).Build();
        var files = new NetworkManagerRenderer().Render(configuration, new InMemoryFileView()).Files;
        Assert.Equal(configuration.Interfaces.Count, files.Count);

        var dns = new List<string>();
        foreach (var nic in configuration.Interfaces)
        {
            var read = await ReadAsync(nmcli, files.Single(f => f.Path == NetworkManagerRenderer.PathFor(nic.Name)).Contents);

            Assert.Equal(nic.Name, read.Single("connection", "interface-name"));
            Assert.Equal(nic.IPv4Addresses.Select(a => a.Cidr), read.Addresses("ipv4"));
            Assert.Equal(nic.IPv6Addresses.Select(a => a.Cidr), read.Addresses("ipv6"));
            // The default gateway is gateway=, or (off-link) a default route: the kernel says which (KeyfileRoutesInstallInTheKernel).
            Assert.Equal(nic.IPv4Gateway?.ToString(), read.Gateway("ipv4") ?? read.DefaultRouteVia("ipv4", "0.0.0.0/0"));
            Assert.Equal(nic.IPv6Gateway?.ToString(), read.Gateway("ipv6") ?? read.DefaultRouteVia("ipv6", "::/0"));
            Assert.Equal(nic.Routes.Where(r => !r.IsIPv6).Select(r => $"{r.Destination},{r.Gateway}"), read.Numbered("ipv4", "route").Where(r => !r.StartsWith("0.0.0.0/0,", StringComparison.Ordinal)));
            Assert.Equal(nic.Routes.Where(r => r.IsIPv6).Select(r => $"{r.Destination},{r.Gateway}"), read.Numbered("ipv6", "route").Where(r => !r.StartsWith("::/0,", StringComparison.Ordinal)));
            dns.AddRange(read.Dns("ipv4").Concat(read.Dns("ipv6")));
        }

        // NetworkManager merges every connection's servers: each one some interface can reach is among them.
        Assert.Equal(Placeable(configuration), dns.Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task NetworkManager_accepts_what_netplan_writes_for_it_from_our_yaml(string fixture)
    {
        var nmcli = ExternalTool.Require("nmcli", "network-manager");
        var netplan = ExternalTool.Require("netplan", "netplan.io");
        var configuration = NetworkFixture.Load(fixture).Build();
        using var root = new TemporaryDirectory();
        OurNetplanYaml.WriteUnder(root, configuration);
        Write(root.Combine("etc", "netplan", "00-renderer.yaml"), "network:\n  version: 2\n  renderer: NetworkManager\n");

        var generate = await ExternalTool.RunAsync(netplan, ["generate", "--root-dir", root.Path]);
        Assert.True(generate.ExitCode == 0, generate.StandardError);

        var dns = new List<string>();
        var keyfiles = Directory.GetFiles(root.Combine("run", "NetworkManager", "system-connections"), "*.nmconnection").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(configuration.Interfaces.Count, keyfiles.Length);
        foreach (var keyfile in keyfiles)
        {
            var read = await ReadAsync(nmcli, await File.ReadAllTextAsync(keyfile, TestContext.Current.CancellationToken));
            var nic = configuration.Interfaces.Single(i => i.Name == read.Single("connection", "interface-name"));
            Assert.Equal(nic.IPv4Addresses.Select(a => a.Cidr), read.Addresses("ipv4"));
            Assert.Equal(nic.IPv6Addresses.Select(a => a.Cidr), read.Addresses("ipv6"));
            dns.AddRange(read.Dns("ipv4").Concat(read.Dns("ipv6")));
        }

        Assert.Equal(Placeable(configuration), dns.Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task KeyfileRoutesInstallInTheKernel(string fixture)
    {
        // What NetworkManager asks of the kernel first, as nmcli read it: gateway= a default route as
        // it is, a route with its onlink option. (After a refusal NetworkManager would retry through a
        // direct route to the gateway; our keyfiles must not need that.)
        var nmcli = ExternalTool.Require("nmcli", "network-manager");
        var configuration = NetworkFixture.Load(fixture).Build();
        var routes = new List<string>();
        foreach (var file in new NetworkManagerRenderer().Render(configuration, new InMemoryFileView()).Files)
        {
            var read = await ReadAsync(nmcli, file.Contents);
            var name = read.Single("connection", "interface-name")!;
            foreach (var (section, any) in new[] { ("ipv4", "0.0.0.0/0"), ("ipv6", "::/0") })
            {
                // route-metric is the metric of every route of the connection without its own.
                var metric = read.Single(section, "route-metric") is { } value ? $" metric {value}" : "";
                if (read.Gateway(section) is { } gateway)
                {
                    routes.Add($"{any} via {gateway} dev {name}{metric}");
                }

                routes.AddRange(read.Routes(section).Select(r => $"{r.Destination} via {r.Gateway} dev {name}{(r.OnLink ? " onlink" : "")}{metric}"));
            }
        }

        await OnLinkGatewayKernelTests.AssertInstallableAndMinimal(configuration, routes, inOrder: true);
    }

    /// <summary>Every server of the configuration except those no interface has an address of the family of.</summary>
    private static IEnumerable<string> Placeable(NetworkConfiguration configuration) =>
        configuration.DnsServers.Except(LinkDnsServers.Unplaced(configuration)).Select(d => d.ToString()).Order(StringComparer.Ordinal);

    private static void Write(string path, string contents)
    {
        FixtureDirectories.Create(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, contents);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>The connection as NetworkManager reads it; fails the test when it refuses the keyfile.</summary>
    private static async Task<Keyfile> ReadAsync(string nmcli, string keyfile)
    {
        // A modification that changes nothing this test reads: nmcli only prints a connection it has modified.
        var result = await ExternalTool.RunAsync(nmcli, ["--offline", "connection", "modify", "connection.zone", "guest-agent-test"], standardInput: keyfile);
        Assert.True(result.ExitCode == 0, $"NetworkManager refuses the connection: {result.StandardError}\n{keyfile}");
        return Keyfile.Parse(result.StandardOutput);
    }

    private sealed record Keyfile(IReadOnlyList<(string Section, string Key, string Value)> Entries)
    {
        public static Keyfile Parse(string text)
        {
            var entries = new List<(string, string, string)>();
            var section = "";
            foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                if (line.StartsWith('['))
                {
                    section = line.Trim('[', ']');
                    continue;
                }

                var equals = line.IndexOf('=', StringComparison.Ordinal);
                entries.Add((section, line[..equals], line[(equals + 1)..]));
            }

            return new Keyfile(entries);
        }

        public string? Single(string section, string key) => Entries.SingleOrDefault(e => e.Section == section && e.Key == key).Value;

        /// <summary><c>address1</c>, <c>address2</c>, … (or <c>route…</c>) in order.</summary>
        public IEnumerable<string> Numbered(string section, string prefix) =>
            Entries.Where(e => e.Section == section && e.Key.StartsWith(prefix, StringComparison.Ordinal) && e.Key[prefix.Length..].All(char.IsAsciiDigit) && e.Key.Length > prefix.Length)
                .OrderBy(e => int.Parse(e.Key[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture))
                .Select(e => e.Value);

        /// <summary>The addresses, without the gateway NetworkManager writes after the first one.</summary>
        public IEnumerable<string> Addresses(string section) => Numbered(section, "address").Select(a => a.Split(',')[0]);

        public string? Gateway(string section) =>
            Single(section, "gateway") ?? Numbered(section, "address").Select(a => a.Split(',')).FirstOrDefault(parts => parts.Length > 1)?[1];

        /// <summary>The gateway of the route to <paramref name="any"/> (<c>0.0.0.0/0</c>, <c>::/0</c>), if there is one.</summary>
        public string? DefaultRouteVia(string section, string any) =>
            Numbered(section, "route").Select(r => r.Split(',')).FirstOrDefault(parts => parts[0] == any)?[1];

        /// <summary>Each <c>routeN</c> with whether its <c>routeN_options</c> say <c>onlink=true</c>.</summary>
        public IEnumerable<(string Destination, string Gateway, bool OnLink)> Routes(string section) =>
            Entries.Where(e => e.Section == section && e.Key.StartsWith("route", StringComparison.Ordinal) && e.Key.Length > 5 && e.Key[5..].All(char.IsAsciiDigit))
                .Select(e => (Parts: e.Value.Split(','), Options: Single(section, e.Key + "_options") ?? ""))
                .Select(r => (r.Parts[0], r.Parts[1], r.Options.Split(',').Contains("onlink=true")));

        public IEnumerable<string> Dns(string section) =>
            (Single(section, "dns") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
    }
}
