using GuestAgent.Commands.Network.Sources;
using GuestAgent.Platform;
using GuestAgent.Testing;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>Refusals change nothing; a failed apply puts every file back and applies it again.</summary>
public sealed class ResetNetworkFailureTests
{
    public static TheoryData<string, string> FailingSteps() => new()
    {
        { "ubuntu", "netplan" },
        { "debian", "hostname" },
        { "fedora", "nmcli" },
        { "centos", "systemctl" },
        { "opensuse", "systemctl" },
        { "arch", "netctl" },
        { "gentoo", "/etc/init.d/net.eth0" },
    };

    [Theory]
    [MemberData(nameof(FailingSteps))]
    public async Task A_failing_apply_step_restores_every_previous_file_and_names_the_step(string distribution, string failing)
    {
        using var root = RackspaceMachine(distribution);
        root.Write("/etc/hostname", "old-name\n");
        root.Write("/etc/resolv.conf", "nameserver 192.0.2.53\n");
        foreach (var (path, text) in ExistingConfiguration[distribution])
        {
            root.Write(path, text);
        }

        var before = root.Hash("/var");

        var result = await ResetAsync(root, VmData(), failing);

        Assert.Equal("500", result.ReturnCode);
        Assert.True(result.Message.Contains($"'{failing}", StringComparison.Ordinal), result.Message);
        Assert.Contains("exited with code 1", result.Message, StringComparison.Ordinal);
        Assert.Contains("the previous configuration was restored", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, root.Hash("/var"));

        // The failed step ran once for the new configuration and once more for the restored one; the
        // hostname is not set again (that would set the new name the restored files no longer hold).
        var failedStep = root.Actions().First(x => x.StartsWith(failing, StringComparison.Ordinal) && x != NetworkManagerQuery && x != NetworkManagerDevicesQuery);
        Assert.Equal(failing == "hostname" ? 1 : 2, root.Actions().Count(a => a == failedStep));
    }

    [Fact]
    public async Task On_ifupdown_a_failing_ifup_is_tolerated_as_by_the_original()
    {
        // Two interfaces with a gateway each: the second ifup fails on the duplicate default route
        // although its interface works; the original ignored ifup's errors (spec §5.7).
        using var root = RackspaceMachine("debian");

        var result = await ResetAsync(root, VmData(), "ifup");

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Contains("auto eth0", root.Read("/etc/network/interfaces"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rollback_on_ifupdown_takes_the_new_interfaces_down_before_bringing_the_old_ones_up()
    {
        using var root = RackspaceMachine("debian");
        root.Write("/etc/network/interfaces", "auto eth0\niface eth0 inet dhcp\n");

        var result = await ResetAsync(root, VmData(), "hostname");

        Assert.Equal("500", result.ReturnCode);
        Assert.Equal("auto eth0\niface eth0 inet dhcp\n", root.Read("/etc/network/interfaces"));
        Assert.Equal(
            ["ifdown -f eth0", "ifdown -f eth1", "hostname test-server",
             "ifdown -f eth0", "ifdown -f eth1", "ip addr flush dev eth0 scope global", "ip addr flush dev eth1 scope global", "ifup -f eth0", "ifup -f eth1"],
            root.Actions());
    }

    private static readonly Dictionary<string, (string, string)[]> ExistingConfiguration = new()
    {
        ["ubuntu"] = [("/etc/netplan/50-cloud-init.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n")],
        ["debian"] = [("/etc/network/interfaces", "auto eth0\niface eth0 inet dhcp\n"), ("/etc/network/interfaces.bak", "an administrator's own backup\n")],
        ["fedora"] = [],
        ["centos"] = [("/etc/sysconfig/network-scripts/ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\n"), ("/etc/sysconfig/network-scripts/ifcfg-eth7", "DEVICE=eth7\n")],
        ["opensuse"] = [("/etc/sysconfig/network/ifcfg-eth0", "BOOTPROTO='dhcp'\n"), ("/etc/sysconfig/network/routes", "default 10.0.0.1 - -\n")],
        ["arch"] = [("/etc/netctl/eth0", "Interface=eth0\nConnection=ethernet\nIP=dhcp\n")],
        ["gentoo"] = [("/etc/conf.d/net", "config_eth0=\"dhcp\"\n")],
    };

    public static TheoryData<string, string?> InvalidInputs() => new()
    {
        { """{"mac":"BC:76:4E:20:6C:5A","ips":[{"ip":"192.0.2.42","netmask":"255.0.255.0","enabled":"1"}]}""", "test-server" },
        { """{"mac":"BC:76:4E:20:6C:5A","ips":[{"ip":"192.0.2.420","netmask":"255.255.255.0","enabled":"1"}]}""", "test-server" },
        { """{"mac":"DE:AD:BE:EF:00:01","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}]}""", "test-server" },
        { """{"mac":"BC:76:4E:20:6C:5A"}""", "test-server" },
        { """{"mac":"BC:76:4E:20:6C:5A","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"0"}]}""", "test-server" },
        { """{"mac":"BC:76:4E:20:6C:5A","ip6s":[{"ip":"2001:db8::1","netmask":"abc","enabled":"1"}]}""", "test-server" },
        { """{"mac":"BC:76:4E:20:6C:5A","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}],"dns":["1.1.1.1;reboot"]}""", "test-server" },
        { """{"mac":"BC:76:4E:20:6C:5A","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}]}""", "evil$(reboot)" },
        { """{"mac":"BC:76:4E:20:6C:5A","ips":[{"ip":"192.0.2.42","netmask":"255.255.255.0","enabled":"1"}]}""", "two\nlines" },
        { "{not json", "test-server" },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public async Task Invalid_input_answers_500_and_leaves_the_root_byte_identical(string entry, string? hostname)
    {
        foreach (var distribution in FakeRoot.Distributions.Keys)
        {
            using var root = RackspaceMachine(distribution);
            root.Write("/etc/hostname", "old-name\n");
            var before = root.Hash(FakeRoot.StateDirectory);

            var result = await ResetAsync(root, new InMemoryVmDataSource([new("BC764E206C5A", entry)], hostname));

            Assert.Equal("500", result.ReturnCode);
            Assert.False(string.IsNullOrWhiteSpace(result.Message));
            Assert.Equal(before, root.Hash(FakeRoot.StateDirectory));
        }
    }

    [Fact]
    public async Task No_networking_entries_at_all_answers_500_and_changes_nothing()
    {
        using var root = RackspaceMachine("debian");
        var before = root.Hash(FakeRoot.StateDirectory);

        var result = await ResetAsync(root, new InMemoryVmDataSource([], "test-server"));

        Assert.Equal(("500", "vm-data/networking describes no interface with an enabled address"), (result.ReturnCode, result.Message));
        Assert.Equal(before, root.Hash(FakeRoot.StateDirectory));
    }

    [Fact]
    public async Task An_unknown_system_answers_500_and_changes_nothing()
    {
        using var root = new FakeRoot();
        root.Write("/etc/os-release", "ID=plan9\n");
        root.AddInterface("eth0", "bc:76:4e:20:6c:5a");
        var before = root.Hash(FakeRoot.StateDirectory);

        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.Contains("Couldn't figure out my OS", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, root.Hash(FakeRoot.StateDirectory));
    }

    [Fact]
    public async Task A_target_that_is_a_symbolic_link_is_refused_before_anything_changes()
    {
        using var root = RackspaceMachine("debian");
        root.Write("/srv/elsewhere", "not network configuration\n");
        File.Delete(root.Host("/etc/network/interfaces"));
        File.CreateSymbolicLink(root.Host("/etc/network/interfaces"), "../../srv/elsewhere");
        var before = root.Hash(FakeRoot.StateDirectory);

        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.Contains("/etc/network/interfaces: it is a symbolic link", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, root.Hash(FakeRoot.StateDirectory));
    }

    [Fact]
    public async Task A_target_below_a_linked_directory_is_refused_before_anything_changes()
    {
        using var root = RackspaceMachine("debian");
        FixtureDirectories.Create(root.Host("/srv"));
        Directory.Move(root.Host("/etc/network"), root.Host("/srv/network"));
        File.CreateSymbolicLink(root.Host("/etc/network"), "../srv/network");
        var before = root.Hash(FakeRoot.StateDirectory);

        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.Contains("/etc/network/interfaces: /etc/network is a symbolic link", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, root.Hash(FakeRoot.StateDirectory));
    }

    [Fact]
    public async Task A_shell_file_that_would_keep_the_old_value_is_refused_before_anything_changes()
    {
        // bash would run the if (NETWORKING=no) and return before any line the agent could add.
        using var root = RackspaceMachine("centos");
        root.Write("/etc/sysconfig/network", "if true; then NETWORKING=no; return; fi\n");
        var before = root.Hash(FakeRoot.StateDirectory);

        var result = await ResetAsync(root, VmData());

        Assert.Equal("500", result.ReturnCode);
        Assert.StartsWith("/etc/sysconfig/network: NETWORKING cannot be set safely: ", result.Message, StringComparison.Ordinal);
        Assert.Equal(before, root.Hash(FakeRoot.StateDirectory));
    }

    private sealed class StoppingRunner(IProcessRunner inner, string program) : IProcessRunner
    {
        public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default) =>
            spec.Program == program ? throw new OperationCanceledException("the agent is stopping") : inner.RunAsync(spec, cancellationToken);
    }

    [Fact]
    public async Task A_shutdown_during_apply_puts_the_previous_files_back()
    {
        using var root = RackspaceMachine("ubuntu");
        root.Write("/etc/netplan/50-cloud-init.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n");
        var before = root.Hash("/var");
        var system = root.CreateSystem();
        var stopping = system with { Processes = new StoppingRunner(system.Processes, "netplan") };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new GuestAgent.Commands.Network.NetworkCommands(stopping, VmData()).ResetNetworkAsync(ResetNetworkRequest.Context()));

        Assert.Equal(before, root.Hash("/var"));
    }
}
