using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Detection;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary><c>/etc/resolv.conf</c> through the whole <c>resetnetwork</c> pipeline under a temporary root.</summary>
public sealed class ResolvConfEndToEndTests
{
    private const string Written = "# Automatically generated, do not edit\nnameserver 69.20.0.164\nnameserver 69.20.0.196\n";

    [Fact]
    public async Task A_dangling_link_into_a_stopped_resolver_is_replaced_by_a_file_with_the_servers()
    {
        using var root = RackspaceMachine("ubuntu");
        root.Link("/etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Null(root.LinkTarget("/etc/resolv.conf"));
        Assert.Equal(Written, root.Read("/etc/resolv.conf"));
        Assert.Equal(RenderedFilePublic, root.Mode("/etc/resolv.conf"));
    }

    [Fact]
    public async Task A_failed_apply_puts_the_replaced_link_back()
    {
        using var root = RackspaceMachine("ubuntu");
        root.Link("/etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf");

        var result = await ResetAsync(root, VmData(), "netplan");

        Assert.Equal("500", result.ReturnCode);
        Assert.Equal("../run/systemd/resolve/stub-resolv.conf", root.LinkTarget("/etc/resolv.conf"));
        Assert.Empty(Directory.GetFiles(root.Host("/etc"), ".resolv.conf*"));
    }

    [Fact]
    public async Task FreeBSD_with_resolvconf_in_base_still_gets_the_servers()
    {
        using var root = new FakeRoot();
        root.Write("/etc/os-release", "NAME=FreeBSD\nID=freebsd\nVERSION_ID=14.1\n");
        root.Write("/sbin/resolvconf", "");
        root.Write("/etc/resolv.conf", "search example.net\nnameserver 192.0.2.53\n");
        root.Write("/etc/rc.conf", "sshd_enable=\"YES\"\n");
        root.Write("/etc/hosts", "127.0.0.1\tlocalhost\n");
        root.AddInterface("eth0", "bc:76:4e:20:6c:5a");
        root.AddInterface("eth1", "bc:76:4e:20:6c:5b");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Equal("# Automatically generated, do not edit\nsearch example.net\nnameserver 69.20.0.164\nnameserver 69.20.0.196\n", root.Read("/etc/resolv.conf"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Alpine_with_openresolv_and_its_ifupdown_hook_gets_resolv_conf_from_the_agent_only_under_ifupdown_ng(bool ifupdownNg)
    {
        // ifupdown-ng runs the hook without ADDRFAM and it exits (AlpineIfupDnsTests); busybox's ifup
        // runs it with ADDRFAM and openresolv writes the file, which the agent then leaves alone.
        using var root = new FakeRoot();
        root.Write("/etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\n");
        root.Write("/sbin/ifup", "");
        root.Write("/etc/network/interfaces", "auto lo\niface lo inet loopback\n");
        root.Write("/sbin/resolvconf", "");
        root.Write("/etc/network/if-up.d/000resolvconf", "");
        root.Write("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        root.Write("/etc/hosts", "127.0.0.1\tlocalhost\n");
        if (ifupdownNg)
        {
            root.Write("/usr/libexec/ifupdown-ng/static", "");
        }

        root.AddInterface("eth0", "bc:76:4e:20:6c:5a");
        root.AddInterface("eth1", "bc:76:4e:20:6c:5b");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Contains("    dns-nameservers 69.20.0.164 69.20.0.196\n", root.Read("/etc/network/interfaces"), StringComparison.Ordinal);
        Assert.Equal(ifupdownNg ? Written : "nameserver 192.0.2.53\n", root.Read("/etc/resolv.conf"));
    }

    [Fact]
    public async Task Networkd_without_systemd_resolved_gets_resolv_conf_keeping_its_mode()
    {
        using var root = RackspaceMachine("debian");
        root.Write("/usr/lib/systemd/systemd-networkd", "");
        root.Link("/etc/systemd/system/multi-user.target.wants/systemd-networkd.service", "/usr/lib/systemd/system/systemd-networkd.service");
        root.Write("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        File.SetUnixFileMode(root.Host("/etc/resolv.conf"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.NotNull(root.Read("/etc/systemd/network/05-guest-agent-eth0.network"));
        Assert.Equal(Written, root.Read("/etc/resolv.conf"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, root.Mode("/etc/resolv.conf"));
        Assert.Equal("nameserver 192.0.2.53\n", root.Read("/etc/resolv.conf.bak"));
    }

    [Fact]
    public async Task Always_replaces_even_a_live_resolver_link_instead_of_refusing()
    {
        using var root = RackspaceMachine("ubuntu");
        root.Write("/run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\n");
        root.Link("/etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf");
        var command = new NetworkCommands(root.CreateSystem(), VmData(), new NetworkOptions { ResolvConf = ResolvConfPolicy.Always });

        Assert.Equal(CommandResult.Ok(), await command.ResetNetworkAsync(ResetNetworkRequest.Context()));

        Assert.Equal(Written, root.Read("/etc/resolv.conf"));
        Assert.Equal("nameserver 127.0.0.53\n", root.Read("/run/systemd/resolve/stub-resolv.conf"));
    }

    [Fact]
    public async Task Never_leaves_a_dangling_link_alone()
    {
        using var root = RackspaceMachine("ubuntu");
        root.Link("/etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf");
        var command = new NetworkCommands(root.CreateSystem(), VmData(), new NetworkOptions { ResolvConf = ResolvConfPolicy.Never });

        Assert.Equal(CommandResult.Ok(), await command.ResetNetworkAsync(ResetNetworkRequest.Context()));

        Assert.Equal("../run/systemd/resolve/stub-resolv.conf", root.LinkTarget("/etc/resolv.conf"));
    }

    [Fact]
    public async Task Ifupdown_with_a_running_systemd_resolved_gives_it_the_servers_and_keeps_the_stub()
    {
        using var root = RackspaceMachine("debian");
        root.Write("/usr/bin/systemctl", "");
        root.Write("/run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\n");
        root.Link("/etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Equal("../run/systemd/resolve/stub-resolv.conf", root.LinkTarget("/etc/resolv.conf"));
        Assert.Equal("# Automatically generated, do not edit\n[Resolve]\nDNS=69.20.0.164 69.20.0.196\n", root.Read(DropIn));
        Assert.Equal("systemctl try-reload-or-restart systemd-resolved.service", root.Actions()[^1]);
    }

    [Fact]
    public async Task A_resolved_that_cannot_reload_rolls_the_change_back_and_the_drop_in_goes()
    {
        using var root = RackspaceMachine("debian");
        root.Write("/usr/bin/systemctl", "");
        root.Write("/run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\n");
        root.Link("/etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf");

        var result = await ResetAsync(root, VmData(), "systemctl");

        Assert.Equal("500", result.ReturnCode);
        Assert.Contains("systemctl try-reload-or-restart systemd-resolved.service", result.Message, StringComparison.Ordinal);
        Assert.Null(root.Read(DropIn));
        Assert.False(Directory.Exists(root.Host("/etc/systemd/resolved.conf.d")));
        Assert.Equal("../run/systemd/resolve/stub-resolv.conf", root.LinkTarget("/etc/resolv.conf"));
    }

    [Fact]
    public async Task A_drop_in_left_by_an_earlier_run_goes_once_the_backend_feeds_resolved_itself()
    {
        using var root = RackspaceMachine("ubuntu");
        root.Write("/run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\n");
        root.Link("/etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf");
        root.Write(DropIn, "[Resolve]\nDNS=192.0.2.53\n");

        Assert.Equal(CommandResult.Ok(), await ResetAsync(root, VmData()));

        Assert.Null(root.Read(DropIn));
        Assert.Equal("[Resolve]\nDNS=192.0.2.53\n", root.Read(DropIn + ".bak"));
        Assert.Equal(["hostnamectl set-hostname test-server", "netplan apply", "systemctl try-reload-or-restart systemd-resolved.service"], root.Actions());
    }

    private const string DropIn = "/etc/systemd/resolved.conf.d/90-guest-agent.conf";

    private static UnixFileMode RenderedFilePublic => GuestAgent.Commands.Network.Rendering.RenderedFile.Public;
}
