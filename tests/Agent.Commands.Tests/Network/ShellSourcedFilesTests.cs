using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using GuestAgent.Commands.Network.Model;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// The files that initscripts, wicked, netctl, netifrc and FreeBSD's rc read by sourcing them as
/// shell are sourced by the real bash (with <c>set -eu</c>), and every variable means what the
/// configuration says: no quoting mistake can turn a value into something else.
/// </summary>
public sealed class ShellSourcedFilesTests
{
    /// <summary>The backends whose files their system reads by sourcing them as shell.</summary>
    internal static NetworkBackend[] Backends { get; } =
        [NetworkBackend.RedHatIfcfg, NetworkBackend.SuseIfcfg, NetworkBackend.Netctl, NetworkBackend.GentooNetifrc, NetworkBackend.FreeBsdRcConf];

    public static TheoryData<NetworkBackend, string> Cases() => NetworkFixture.Cases(Backends);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bash_sources_the_files_and_reads_the_configured_values(NetworkBackend backend, string fixture)
    {
        var bash = ExternalTool.Require("bash", "bash");
        var configuration = NetworkFixture.Load(fixture).Build();
        var files = RendererCatalog.For(backend).Render(configuration, new InMemoryFileView()).Files;
        using var directory = new TemporaryDirectory();

        foreach (var (path, expected) in Expectations(backend, configuration))
        {
            var file = directory.Combine(Path.GetFileName(path));
            await File.WriteAllTextAsync(file, files.Single(f => f.Path == path).Contents, TestContext.Current.CancellationToken);
            var result = await ExternalTool.RunAsync(
                bash,
                ["-c", "set -eu; . \"$1\"; shift; for v in \"$@\"; do declare -n r=\"$v\"; printf '%s=%s\\0' \"$v\" \"${r[*]}\"; done", "check", file, .. expected.Keys],
                environment: new Dictionary<string, string> { ["LC_ALL"] = "C" });

            Assert.True(result.ExitCode == 0, $"bash could not source {path}: {result.StandardError}");
            var values = result.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .ToDictionary(p => p[..p.IndexOf('=', StringComparison.Ordinal)], p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), values.OrderBy(e => e.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Gentoo_keeps_the_other_settings_of_the_old_file_and_bash_still_reads_it()
    {
        var bash = ExternalTool.Require("bash", "bash");
        const string old = "# old\nmodules=\"ifconfig\"\ndescription_eth2=\"the \\\"lab\"\nconfig_eth0=\"10.0.0.5/8\"\nroutes_eth0=\"default via 10.0.0.1\"\nmtu_eth0=\"9000\"\n"
            + "config_eth2=\"dhcp\"\nconfig_eth3=\"192.168.9.9/24\n192.168.9.10/24\"\nbridge_br0=( \"eth3\" )\nconfig_eth10=\"dhcp\"\npreup() {\n    return 0\n}\n";
        var configuration = NetworkFixture.Load("rackspace").Build();
        var current = new InMemoryFileView(new Dictionary<string, string> { [GentooRenderer.FilePath] = old });
        var text = new GentooRenderer().Render(configuration, current).Files.Single().Contents;
        using var directory = new TemporaryDirectory();
        var file = directory.Combine("net");
        await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);

        var result = await ExternalTool.RunAsync(bash, ["-c", "set -eu; . \"$1\"; printf '%s|' \"$modules\" \"$config_eth0\" \"$mtu_eth0\" \"$config_eth2\" \"$config_eth3\" \"${bridge_br0[*]}\" \"$description_eth2\" \"$config_eth10\"", "check", file]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("iproute2|162.209.76.19/24\n2001:4802:7802:104:be76:4eff:fe20:6c5a/64|9000|dhcp|192.168.9.9/24\n192.168.9.10/24|eth3|the \"lab|dhcp|", result.StandardOutput);
        Assert.DoesNotContain("10.0.0.", text, StringComparison.Ordinal);
        Assert.Equal(text, new GentooRenderer().Render(configuration, new InMemoryFileView(new Dictionary<string, string> { [GentooRenderer.FilePath] = text })).Files.Single().Contents);
    }

    private static IEnumerable<(string Path, Dictionary<string, string> Expected)> Expectations(NetworkBackend backend, NetworkConfiguration configuration)
    {
        foreach (var nic in configuration.Interfaces)
        {
            var first = nic.Addresses.First();
            var v4 = nic.IPv4Addresses;
            var v6 = nic.IPv6Addresses;
            switch (backend)
            {
                case NetworkBackend.RedHatIfcfg:
                    var ifcfg = new Dictionary<string, string> { ["DEVICE"] = nic.Name, ["BOOTPROTO"] = "static", ["HWADDR"] = nic.Mac.Value, ["ONBOOT"] = "yes" };
                    if (v4.Count > 0)
                    {
                        ifcfg["IPADDR"] = v4[0].Address.ToString();
                        ifcfg["NETMASK"] = v4[0].Netmask;
                    }

                    if (v6.Count > 0)
                    {
                        ifcfg["IPV6ADDR"] = v6[0].Cidr;
                        ifcfg["IPV6ADDR_SECONDARIES"] = string.Join(' ', v6.Skip(1).Select(a => a.Cidr));
                    }

                    // ifup-eth adds GATEWAY only in IPADDR's network; another is in route-<if> (ShellRoutesKernelTests).
                    if (nic.IPv4Gateway is { } gateway && OnLinkGateway.Contains(v4[0], gateway))
                    {
                        ifcfg["GATEWAY"] = gateway.ToString();
                    }

                    yield return ($"/etc/sysconfig/network-scripts/ifcfg-{nic.Name}", ifcfg);
                    break;
                case NetworkBackend.SuseIfcfg:
                    yield return ($"/etc/sysconfig/network/ifcfg-{nic.Name}", new Dictionary<string, string>
                    {
                        ["BOOTPROTO"] = "static", ["IPADDR"] = first.Address.ToString(), ["STARTMODE"] = "auto",
                    });
                    break;
                case NetworkBackend.Netctl:
                    var profile = new Dictionary<string, string>
                    {
                        ["Interface"] = nic.Name, ["Connection"] = "ethernet",
                        ["IP"] = v4.Count > 0 ? "static" : "no", ["IP6"] = v6.Count > 0 ? "static" : "no",
                        ["DNS"] = string.Join(' ', nic.ScopedDnsServers),
                    };
                    if (v4.Count > 0)
                    {
                        profile["Address"] = string.Join(' ', v4.Select(a => a.Cidr));
                    }

                    if (v6.Count > 0)
                    {
                        profile["Address6"] = string.Join(' ', v6.Select(a => a.Cidr));
                    }

                    yield return ($"/etc/netctl/{nic.Name}", profile);
                    break;
                case NetworkBackend.GentooNetifrc:
                    yield return ("/etc/conf.d/net", new Dictionary<string, string>
                    {
                        ["modules"] = "iproute2",
                        [$"config_{InterfaceNames.ForVariable(nic.Name)}"] = string.Join('\n', nic.Addresses.Select(a => a.Cidr)),
                        [$"dns_servers_{InterfaceNames.ForVariable(nic.Name)}"] = string.Join(' ', nic.ScopedDnsServers),
                    });
                    break;
                case NetworkBackend.FreeBsdRcConf:
                    var rc = new Dictionary<string, string>();
                    if (v4.Count > 0)
                    {
                        rc[$"ifconfig_{InterfaceNames.ForVariable(nic.Name)}"] = $"{v4[0].Address} netmask {v4[0].Netmask} up";
                    }

                    if (v6.Count > 0)
                    {
                        rc[$"ifconfig_{InterfaceNames.ForVariable(nic.Name)}_ipv6"] = $"inet6 {v6[0].Address} prefixlen {v6[0].PrefixLength}";
                    }

                    if (configuration.Hostname is { } hostname)
                    {
                        rc["hostname"] = hostname;
                    }

                    yield return ("/etc/rc.conf", rc);
                    break;
            }
        }
    }
}
