using System.Text;
using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Sources;
using GuestAgent.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// <c>resetnetwork</c> from vm-data to files and actions, under a temporary root that looks like
/// each supported distribution (programs are recorded in actions.log instead of run).
/// </summary>
public sealed class ResetNetworkEndToEndTests
{
    internal static async Task<CommandResult> ResetAsync(FakeRoot root, IVmDataSource vmData, params string[] failingPrograms)
    {
        var command = new NetworkCommands(root.CreateSystem(failingPrograms), vmData);
        try
        {
            return await command.ResetNetworkAsync(ResetNetworkRequest.Context());
        }
        catch (CommandException error)
        {
            return error.ToResult();
        }
    }

    internal static InMemoryVmDataSource VmData(string fixture = "rackspace", string? hostname = "test-server")
    {
        var data = NetworkFixture.Load(fixture);
        return new InMemoryVmDataSource(data.Networking.Select(e => new KeyValuePair<string, string>(e.Key, Encoding.UTF8.GetString(e.Value))), hostname);
    }

    /// <summary>How the actions log shows the question asked of NetworkManager before a change (root mode records it and answers nothing).</summary>
    internal const string NetworkManagerQuery = "nmcli --terse --escape yes --fields DEVICE,UUID,NAME connection show --active";

    /// <summary>How the actions log shows the second question asked of NetworkManager: each device's state and autoconnect.</summary>
    internal const string NetworkManagerDevicesQuery = "nmcli --terse --escape yes --fields GENERAL.DEVICE,GENERAL.STATE,GENERAL.AUTOCONNECT device show";

    /// <summary>How the actions log shows the idempotent <c>ln -s net.lo /etc/init.d/net.&lt;if&gt;</c>.</summary>
    internal static string NetifrcLink(string interfaceName) =>
        $"sh -c [ \"$(readlink \"$1\")\" = net.lo ] || ln -s net.lo \"$1\" sh /etc/init.d/net.{interfaceName}";

    internal static FakeRoot RackspaceMachine(string distribution)
    {
        var root = FakeRoot.For(distribution);
        root.AddInterface("eth0", "bc:76:4e:20:6c:5a");
        root.AddInterface("eth1", "bc:76:4e:20:6c:5b");
        return root;
    }

    public static TheoryData<string, string[], string[]> Distributions() => new()
    {
        {
            "ubuntu",
            ["/etc/netplan/90-guest-agent.yaml", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf"],
            ["hostnamectl set-hostname test-server", "netplan apply"]
        },
        {
            "debian",
            ["/etc/network/interfaces", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf"],
            ["ifdown -f eth0", "ifdown -f eth1", "hostname test-server", "ip addr flush dev eth0 scope global", "ip addr flush dev eth1 scope global", "ifup -f eth0", "ifup -f eth1"]
        },
        {
            "fedora",
            ["/etc/NetworkManager/system-connections/guest-agent-eth0.nmconnection", "/etc/NetworkManager/system-connections/guest-agent-eth1.nmconnection", "/etc/hostname", "/etc/hosts"],
            [NetworkManagerQuery, NetworkManagerDevicesQuery, "hostnamectl set-hostname test-server", "nmcli connection reload", "nmcli connection up guest-agent-eth0", "nmcli connection up guest-agent-eth1"]
        },
        {
            "centos",
            ["/etc/sysconfig/network-scripts/ifcfg-eth0", "/etc/sysconfig/network-scripts/ifcfg-eth1", "/etc/sysconfig/network-scripts/route-eth1", "/etc/sysconfig/network", "/etc/hostname", "/etc/hosts"],
            ["hostnamectl set-hostname test-server", "ip addr flush dev eth0 scope global", "ip addr flush dev eth1 scope global", "systemctl restart network.service"]
        },
        {
            "opensuse",
            ["/etc/sysconfig/network/ifcfg-eth0", "/etc/sysconfig/network/ifroute-eth0", "/etc/sysconfig/network/ifcfg-eth1", "/etc/sysconfig/network/ifroute-eth1", "/etc/sysconfig/network/config", "/etc/HOSTNAME", "/etc/hostname", "/etc/hosts"],
            ["hostnamectl set-hostname test-server", "systemctl restart network.service"]
        },
        {
            "arch",
            ["/etc/netctl/eth0", "/etc/netctl/eth1", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf"],
            ["hostnamectl set-hostname test-server", "netctl reenable eth0", "netctl restart eth0", "netctl reenable eth1", "netctl restart eth1"]
        },
        {
            "gentoo",
            ["/etc/conf.d/net", "/etc/conf.d/hostname", "/etc/hostname", "/etc/hosts"],
            ["hostname test-server", NetifrcLink("eth0"), "/etc/init.d/net.eth0 restart", NetifrcLink("eth1"), "/etc/init.d/net.eth1 restart"]
        },
    };

    [Theory]
    [MemberData(nameof(Distributions))]
    public async Task Resetnetwork_writes_the_distributions_files_and_applies_them(string distribution, string[] files, string[] actions)
    {
        using var root = RackspaceMachine(distribution);

        var result = await ResetAsync(root, VmData());

        Assert.Equal(CommandResult.Ok(), result);
        foreach (var file in files)
        {
            var text = root.Read(file);
            Assert.True(text is not null, $"{file} was not written");
            Assert.True(file.EndsWith("hostname", StringComparison.OrdinalIgnoreCase) || file.EndsWith("/config", StringComparison.Ordinal)
                || text.Contains("162.209.76.", StringComparison.Ordinal) || text.Contains("10.208.", StringComparison.Ordinal)
                || text.Contains("69.20.0.164", StringComparison.Ordinal) || text.Contains("NETWORKING=yes", StringComparison.Ordinal),
                $"{file} does not describe the network:\n{text}");
        }

        Assert.Equal(actions, root.Actions());
        Assert.Contains("162.209.76.19\ttest-server", root.Read("/etc/hosts"), StringComparison.Ordinal);
        Assert.StartsWith("127.0.0.1\tlocalhost\n", root.Read("/etc/hosts"), StringComparison.Ordinal);
        // Every distribution's file list holds /etc/hostname: checked unconditionally.
        Assert.Equal("test-server\n", root.Read("/etc/hostname"));
    }

    [Fact]
    public async Task Gentoo_restarts_an_interface_service_that_is_there_without_making_its_link()
    {
        // The link step refuses anything in its place but its own link: an administrator's own
        // net.eth0 is restarted as it is, never handed to it.
        using var root = RackspaceMachine("gentoo");
        root.Write("/etc/init.d/net.eth0", "#!/sbin/openrc-run\n");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Equal(["hostname test-server", "/etc/init.d/net.eth0 restart", NetifrcLink("eth1"), "/etc/init.d/net.eth1 restart"], root.Actions());
    }

    [Fact]
    public async Task Ubuntu_netplan_file_is_private_and_cloud_init_is_moved_aside()
    {
        using var root = RackspaceMachine("ubuntu");
        const string cloudInit = "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n";
        root.Write("/etc/netplan/50-cloud-init.yaml", cloudInit);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, root.Mode("/etc/netplan/90-guest-agent.yaml"));
        Assert.Null(root.Read("/etc/netplan/50-cloud-init.yaml"));
        Assert.Equal(cloudInit, root.Read("/etc/netplan/50-cloud-init.yaml.bak"));
        Assert.Equal("# Automatically generated, do not edit\nnameserver 69.20.0.164\nnameserver 69.20.0.196\n", root.Read("/etc/resolv.conf"));
    }

    [Fact]
    public async Task Red_hat_keeps_unknown_ifcfg_keys_and_removes_files_of_vanished_interfaces()
    {
        using var root = RackspaceMachine("centos");
        const string old = "DEVICE=eth0\nBOOTPROTO=dhcp\nZONE=public\nMTU=9000\nIPADDR=10.0.0.5\nPEERDNS=no\n";
        root.Write("/etc/sysconfig/network-scripts/ifcfg-eth0", old);
        root.Write("/etc/sysconfig/network-scripts/ifcfg-eth9", "DEVICE=eth9\n");
        root.Write("/etc/sysconfig/network-scripts/route-eth0", "ADDRESS0=10.1.0.0\n");
        root.Write("/etc/sysconfig/network", "NETWORKING=yes\nNOZEROCONF=yes\nHOSTNAME=old\n");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        var ifcfg = root.Read("/etc/sysconfig/network-scripts/ifcfg-eth0")!;
        Assert.Contains("\nZONE=public\n", ifcfg, StringComparison.Ordinal);
        Assert.Contains("\nMTU=9000\n", ifcfg, StringComparison.Ordinal);
        Assert.DoesNotContain("dhcp", ifcfg, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.5", ifcfg, StringComparison.Ordinal);
        Assert.DoesNotContain("PEERDNS", ifcfg, StringComparison.Ordinal);
        Assert.Equal(old, root.Read("/etc/sysconfig/network-scripts/ifcfg-eth0.bak"));
        Assert.Null(root.Read("/etc/sysconfig/network-scripts/ifcfg-eth9"));
        Assert.Null(root.Read("/etc/sysconfig/network-scripts/route-eth0"));
        Assert.Equal("NETWORKING=yes\nNOZEROCONF=yes\nHOSTNAME=test-server\nNETWORKING_IPV6=yes\n", root.Read("/etc/sysconfig/network"));
    }

    [Fact]
    public async Task A_missing_hostname_keeps_the_current_one()
    {
        using var root = RackspaceMachine("debian");
        root.Write("/etc/hostname", "current-name\n");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData(hostname: null)));

        Assert.Equal("current-name\n", root.Read("/etc/hostname"));
        Assert.DoesNotContain(root.Actions(), a => a.StartsWith("hostname", StringComparison.Ordinal));
        Assert.Contains("162.209.76.19\tcurrent-name", root.Read("/etc/hosts"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resolv_conf_linked_to_a_running_systemd_resolved_is_left_to_it()
    {
        using var root = RackspaceMachine("ubuntu");
        root.Write("/run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\n");
        root.Link("/etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Equal("../run/systemd/resolve/stub-resolv.conf", root.LinkTarget("/etc/resolv.conf"));
        Assert.Equal("nameserver 127.0.0.53\n", root.Read("/run/systemd/resolve/stub-resolv.conf"));
        Assert.Contains("69.20.0.164", root.Read("/etc/netplan/90-guest-agent.yaml"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ubuntu")]
    [InlineData("centos")]
    [InlineData("opensuse")]
    public async Task A_second_identical_reset_changes_no_file(string distribution)
    {
        using var root = RackspaceMachine(distribution);
        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));
        var first = root.Hash("/var");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Equal(first, root.Hash("/var"));
    }

    public static TheoryData<string> AllDistributions() => new(FakeRoot.Distributions.Keys);

    [Theory]
    [MemberData(nameof(AllDistributions))]
    public async Task Repeated_resets_with_changing_data_keep_one_backup_per_file(string distribution)
    {
        using var root = RackspaceMachine(distribution);

        var networking = NetworkFixture.Load("rackspace").Networking.Select(e => (e.Key, Json: Encoding.UTF8.GetString(e.Value))).ToArray();
        foreach (var (hostname, round) in new[] { "first", "second", "third", "fourth" }.Select((h, i) => (h, i)))
        {
            // Every round changes every interface's configuration (its DNS, its first address).
            var changed = networking.Select(e => new KeyValuePair<string, string>(
                e.Key, e.Json.Replace("69.20.0.164", $"69.20.0.{170 + round}", StringComparison.Ordinal).Replace("10.208.227.239", $"10.208.227.{240 + round}", StringComparison.Ordinal)));
            Assert.Equal(CommandResult.Ok(), await ResetAsync(root, new InMemoryVmDataSource(changed, hostname)));
        }

        var files = Directory.EnumerateFiles(root.Path, "*", SearchOption.AllDirectories).ToArray();
        Assert.DoesNotContain(files, f => f.EndsWith(".bak.bak", StringComparison.Ordinal));
        Assert.Equal("fourth\n", root.Read("/etc/hostname"));
    }

    [Fact]
    public async Task The_kernel_sysfs_and_ip_link_agree_on_this_machines_ethernet_interfaces()
    {
        var sysfs = GuestAgent.Commands.Network.Detection.SysfsInterfaceReader.Read(
            new GuestAgent.Commands.Network.FileSystemView(GuestAgent.Platform.AgentSystem.ForRoot("/").FileSystem));
        var kernel = GuestAgent.Commands.Network.Detection.KernelInterfaceReader.Read();
        // A machine without Ethernet (a container with only loopback) still checks the readers
        // against iproute2 below: then none of the three may list an interface.
        if (sysfs.Count > 0)
        {
            var common = sysfs.Where(s => kernel.Any(k => k.Name == s.Name)).ToArray();
            Assert.NotEmpty(common);
            Assert.All(common, s => Assert.Equal(s.Mac, kernel.Single(k => k.Name == s.Name).Mac));
        }

        // iproute2's own view (netlink), independent of both readers: every Ethernet interface the
        // readers list is there with the same MAC, and the kernel reader misses none it should list.
        var ip = ExternalTool.Require("ip", "iproute2");
        var links = await ExternalTool.RunAsync(ip, ["-j", "link", "show"]);
        Assert.Equal(0, links.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(links.StandardOutput);
        var ether = json.RootElement.EnumerateArray()
            .Where(l => l.TryGetProperty("link_type", out var type) && type.GetString() == "ether")
            .ToDictionary(l => l.GetProperty("ifname").GetString()!, l => l.GetProperty("address").GetString()!);
        Assert.All(sysfs, s => Assert.Equal(ether.GetValueOrDefault(s.Name), s.Mac.Value));
        Assert.All(kernel, k => Assert.Equal(ether.GetValueOrDefault(k.Name), k.Mac.Value));
        var listable = ether.Where(e => GuestAgent.Commands.Network.Detection.InterfaceNames.IsSafe(e.Key) && e.Value != "00:00:00:00:00:00").Select(e => e.Key);
        Assert.Equal(listable.Order(StringComparer.Ordinal), kernel.Select(k => k.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task With_setHostname_off_the_network_is_configured_and_the_hostname_left_as_it_is()
    {
        using var root = RackspaceMachine("ubuntu");
        root.Write("/etc/hostname", "old-name\n");
        var command = new NetworkCommands(root.CreateSystem(), VmData(hostname: "test-server"), new NetworkOptions { SetHostname = false });

        Assert.Equal(CommandResult.Ok(), await command.ResetNetworkAsync(ResetNetworkRequest.Context()));

        Assert.Equal(["netplan apply"], root.Actions());
        Assert.Equal("old-name\n", root.Read("/etc/hostname"));
        Assert.Contains("162.209.76.19", root.Read("/etc/netplan/90-guest-agent.yaml"), StringComparison.Ordinal);
    }
}
