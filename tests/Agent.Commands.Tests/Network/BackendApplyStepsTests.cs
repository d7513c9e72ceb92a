using GuestAgent.Commands.Network;
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
}
