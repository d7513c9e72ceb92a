using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Backends;
using GuestAgent.Commands.Network.Detection;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>The programs a backend runs to make its files live, where no distribution's end-to-end case shows them.</summary>
public sealed class BackendApplyStepsTests
{
    [Fact]
    public void Networkd_reloads_its_files_then_reconfigures_each_interface()
    {
        // networkctl up would bring a link up with the configuration networkd already has;
        // reconfigure makes it apply the .network file just written.
        var view = new InMemoryFileView();

        var plan = NetworkBackends.For(NetworkBackend.SystemdNetworkd).PlanApply(["eth0", "eth1"], SystemProbe.Probe(view), view);

        Assert.Empty(plan.BeforeWrite);
        Assert.Equal(["networkctl reload", "networkctl reconfigure eth0", "networkctl reconfigure eth1"], plan.AfterWrite.Select(s => s.Name));
    }

    [Fact]
    public async Task FreeBSD_answers_0_when_only_the_routing_restart_fails()
    {
        // netif's restart must work; the routing restart after it is tried, its failure no reason to roll back.
        using var root = new FakeRoot();
        root.Write("/etc/os-release", "NAME=FreeBSD\nID=freebsd\nVERSION_ID=14.1\n");
        root.Write("/etc/rc.conf", "sshd_enable=\"YES\"\n");
        root.Write("/etc/hosts", "127.0.0.1\tlocalhost\n");
        root.AddInterface("eth0", "bc:76:4e:20:6c:5a");
        root.AddInterface("eth1", "bc:76:4e:20:6c:5b");

        var result = await ResetNetworkEndToEndTests.ResetAsync(root, ResetNetworkEndToEndTests.VmData(), "/etc/rc.d/routing");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(["hostname test-server", "/etc/rc.d/netif restart", "/etc/rc.d/routing restart"], root.Actions());
        Assert.Contains("ifconfig_eth0=", root.Read("/etc/rc.conf"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NetworkBackend.RedHatIfcfg, "/usr/bin/systemctl", new[] { "ip addr flush dev eth0 scope global", "systemctl restart network.service" })]
    [InlineData(NetworkBackend.RedHatIfcfg, null, new[] { "ip addr flush dev eth0 scope global", "/etc/init.d/network restart" })]
    [InlineData(NetworkBackend.SuseIfcfg, "/bin/systemctl", new[] { "systemctl restart network.service" })]
    [InlineData(NetworkBackend.SuseIfcfg, null, new[] { "/etc/init.d/network restart" })]
    public void The_network_service_is_restarted_by_systemctl_where_there_is_one_else_by_its_init_script(NetworkBackend backend, string? systemctl, string[] expected)
    {
        // Only the restart must work: a flush of an address the interface does not have fails harmlessly.
        var files = new Dictionary<string, string> { ["/etc/os-release"] = "ID=linux\n" };
        if (systemctl is not null)
        {
            files[systemctl] = "";
        }

        var view = new InMemoryFileView(files);

        var plan = NetworkBackends.For(backend).PlanApply(["eth0"], SystemProbe.Probe(view), view);

        Assert.Equal(expected, plan.AfterWrite.Select(s => s.Name));
        Assert.Equal(expected.Select(name => !name.StartsWith("ip ", StringComparison.Ordinal)), plan.AfterWrite.Select(s => s.MustSucceed));
    }

    [Theory]
    [InlineData(new[] { "/run/systemd/system", "/usr/bin/systemd-run" }, "systemd-run --scope --quiet --collect ifup -f eth0")]
    [InlineData(new[] { "/usr/bin/systemd-run" }, "ifup -f eth0")]
    [InlineData(new[] { "/run/systemd/system" }, "ifup -f eth0")]
    [InlineData(new string[0], "ifup -f eth0")]
    public void Ifupdown_brings_an_interface_up_in_a_scope_of_its_own_where_systemd_runs(string[] paths, string ifup)
    {
        // A daemon ifup starts (a restored DHCP stanza's dhclient) must not live in the agent's
        // service, whose KillMode kills it when the agent stops (IfupdownDhcpImageSystemdTests).
        // Without systemd as PID 1 (a container, SysV init) systemd-run would fail: plain ifup.
        var view = new InMemoryFileView(paths.ToDictionary(path => path, _ => ""));

        var plan = NetworkBackends.For(NetworkBackend.Ifupdown).PlanApply(["eth0"], SystemProbe.Probe(view), view);

        Assert.Equal(["ifdown -f eth0"], plan.BeforeWrite.Select(s => s.Name));
        Assert.Equal(["ip addr flush dev eth0 scope global", ifup], plan.AfterWrite.Select(s => s.Name));
        Assert.All(plan.AfterWrite, step => Assert.False(step.MustSucceed));
    }

    [Fact]
    public void Ifupdown_sets_each_interfaces_router_advertisement_settings_back_to_their_values_before_the_change_before_any_ifup()
    {
        // A rollback's ifup of the image's stanzas must find them as the image left them, not as our
        // inet6 static stanza set them (0), which its ifdown leaves (IfupdownInet6ImageKernelTests).
        var view = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/proc/sys/net/ipv6/conf/eth0/accept_ra"] = "2\n",
            ["/proc/sys/net/ipv6/conf/eth0/autoconf"] = "1\n",
            ["/proc/sys/net/ipv6/conf/eth0.100/accept_ra"] = "-1\n",
            ["/proc/sys/net/ipv6/conf/eth0.100/autoconf"] = "0\n",
            ["/proc/sys/net/ipv6/conf/eth2/accept_ra"] = "0\n",
            ["/proc/sys/net/ipv6/conf/eth2/autoconf"] = "x\n",
        });

        var plan = NetworkBackends.For(NetworkBackend.Ifupdown).PlanApply(["eth0", "eth0.100", "eth1", "eth2"], SystemProbe.Probe(view), view);

        // eth1 has no IPv6 (nothing to read), eth2's autoconf is no number: nothing set for either.
        Assert.Equal(
            [
                "ip addr flush dev eth0 scope global", "ip addr flush dev eth0.100 scope global", "ip addr flush dev eth1 scope global", "ip addr flush dev eth2 scope global",
                "sysctl -q -w net/ipv6/conf/eth0/accept_ra=2 net/ipv6/conf/eth0/autoconf=1",
                "sysctl -q -w net/ipv6/conf/eth0.100/accept_ra=-1 net/ipv6/conf/eth0.100/autoconf=0",
                "ifup -f eth0", "ifup -f eth0.100", "ifup -f eth1", "ifup -f eth2",
            ],
            plan.AfterWrite.Select(s => s.Name));
        Assert.All(plan.AfterWrite, step => Assert.True(step.RepeatOnRollback && !step.MustSucceed));
    }

    [Theory]
    [InlineData("ipv4-only", "/etc/network/interfaces", "iface eth0 inet6 static", "1 1")]
    [InlineData("ipv4-only", "/etc/network/interfaces.d/50-cloud-init", "  iface\teth0  inet6 auto", "1 1")]
    [InlineData("ipv4-only", "/etc/network/interfaces", "iface eth0 inet static\niface eth1 inet6 static\n# iface eth0 inet6 static", "0 0")]
    [InlineData("dual-stack", "/etc/network/interfaces", "iface eth0 inet6 static", "0 0")]
    public void Ifupdown_gives_an_interface_the_kernels_router_advertisement_settings_when_its_inet6_stanza_goes(string fixture, string file, string stanzas, string expected)
    {
        // An inet6 stanza set accept_ra and autoconf (ours, inet6 static: 0), and its ifdown leaves them:
        // with no inet6 stanza in the new file nothing sets them at a boot, which gives conf/default's
        // (IfupdownInet6ImageKernelTests). Set by no stanza (an administrator's), or set again by ours, they are kept.
        var view = new InMemoryFileView(new Dictionary<string, string>
        {
            [file] = stanzas + "\n",
            ["/proc/sys/net/ipv6/conf/eth0/accept_ra"] = "0\n",
            ["/proc/sys/net/ipv6/conf/eth0/autoconf"] = "0\n",
            ["/proc/sys/net/ipv6/conf/default/accept_ra"] = "1\n",
            ["/proc/sys/net/ipv6/conf/default/autoconf"] = "1\n",
        });
        var configuration = NetworkFixture.Load(fixture).Build() with { Hostname = null };

        var plan = ApplyPlanner.Plan(NetworkBackend.Ifupdown, configuration, SystemProbe.Probe(view), view);

        var values = expected.Split(' ');
        Assert.Equal(
            ["ip addr flush dev eth0 scope global", $"sysctl -q -w net/ipv6/conf/eth0/accept_ra={values[0]} net/ipv6/conf/eth0/autoconf={values[1]}", "ifup -f eth0"],
            plan.AfterWrite.Select(s => s.Name));
    }
}
