using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using Microsoft.Extensions.Logging.Abstractions;
using static GuestAgent.Commands.Tests.Network.ResetNetworkEndToEndTests;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// A <c>resetnetwork</c> rolled back, by itself or by recovery after a crash, sets the running
/// hostname back to the previous one (the name the restored files give, else the kernel's), with the
/// system's own program, before the files go back; a successful one never does.
/// </summary>
public sealed class HostnameRollbackTests
{
    [Fact]
    public async Task A_failing_apply_sets_the_old_name_again_before_the_files_go_back()
    {
        using var root = RackspaceMachine("debian");
        root.Write("/etc/hostname", "old-name\n");

        var result = await ResetAsync(root, VmData(), "hostname");

        Assert.Equal("500", result.ReturnCode);
        Assert.Equal("old-name\n", root.Read("/etc/hostname"));
        Assert.Equal(
            ["ifdown -f eth0", "ifdown -f eth1", "hostname test-server",
             "hostname old-name", "ifdown -f eth0", "ifdown -f eth1",
             "ip addr flush dev eth0 scope global", "ip addr flush dev eth1 scope global", "ifup -f eth0", "ifup -f eth1"],
            root.Actions());
    }

    [Theory]
    [InlineData("ubuntu", "netplan", "hostnamectl set-hostname")]
    [InlineData("fedora", "nmcli", "hostnamectl set-hostname")]
    [InlineData("gentoo", "/etc/init.d/net.eth0", "hostname")]
    public async Task The_old_name_is_set_with_the_program_that_set_the_new_one(string distribution, string failing, string setHostname)
    {
        using var root = RackspaceMachine(distribution);
        root.Write("/etc/hostname", "old-name\n");

        var result = await ResetAsync(root, VmData(), failing);

        Assert.Equal("500", result.ReturnCode);
        var actions = root.Actions().ToList();
        var forward = actions.IndexOf($"{setHostname} test-server");
        var back = actions.IndexOf($"{setHostname} old-name");
        Assert.True(forward >= 0 && back > forward, string.Join(" | ", actions));
        // Set back once, after the failing step and before the old configuration is applied again.
        // (Not NetworkManager's question before the change, which fails too but fails nothing.)
        Assert.True(actions.FindIndex(a => a.StartsWith(failing, StringComparison.Ordinal) && a != NetworkManagerQuery && a != NetworkManagerDevicesQuery) < back, string.Join(" | ", actions));
        Assert.True(actions.FindLastIndex(a => a.StartsWith(failing, StringComparison.Ordinal)) > back, string.Join(" | ", actions));
        Assert.Single(actions, a => a.EndsWith(" old-name", StringComparison.Ordinal));
        Assert.Equal("old-name\n", root.Read("/etc/hostname"));
    }

    [Fact]
    public async Task Without_a_file_naming_it_the_kernel_name_is_the_old_one()
    {
        using var root = RackspaceMachine("debian");
        root.Write("/proc/sys/kernel/hostname", "kernel-name\n");

        var result = await ResetAsync(root, VmData(), "hostname");

        Assert.Equal("500", result.ReturnCode);
        Assert.Contains("hostname kernel-name", root.Actions());
        Assert.Null(root.Read("/etc/hostname"));
    }

    [Fact]
    public async Task A_shortened_rescue_name_is_undone_to_the_old_name()
    {
        const string rescue = "RESCUE-production-database-replica-eu-west-1a-instance-0000042-backups";
        using var root = RackspaceMachine("ubuntu");
        root.Write("/etc/hostname", "production-database\n");

        var result = await ResetAsync(root, VmData(hostname: rescue), "netplan");

        Assert.Equal("500", result.ReturnCode);
        Assert.Equal(
            ["hostnamectl set-hostname RESCUE-production-database-replica-eu-west-1a-instance-0000042", "netplan apply",
             "hostnamectl set-hostname production-database", "netplan apply"],
            root.Actions());
        Assert.Equal("production-database\n", root.Read("/etc/hostname"));
    }

    [Fact]
    public async Task Nothing_is_set_back_when_the_name_did_not_change_or_the_change_succeeded()
    {
        using var unchanged = RackspaceMachine("ubuntu");
        unchanged.Write("/etc/hostname", "test-server\n");
        Assert.Equal("500", (await ResetAsync(unchanged, VmData(), "netplan")).ReturnCode);
        Assert.Single(unchanged.Actions(), a => a.StartsWith("hostnamectl", StringComparison.Ordinal));

        using var succeeded = RackspaceMachine("ubuntu");
        succeeded.Write("/etc/hostname", "old-name\n");
        Assert.Equal(CommandResult.Ok(), await ResetAsync(succeeded, VmData()));
        Assert.Equal(["hostnamectl set-hostname test-server", "netplan apply"], succeeded.Actions());
        Assert.Equal("test-server\n", succeeded.Read("/etc/hostname"));
    }

    [Fact]
    public async Task A_change_after_one_cut_short_plans_its_undo_from_the_name_before_both()
    {
        using var root = RackspaceMachine("ubuntu");
        root.Write("/etc/hostname", "old-name\n");
        await KillDuringNetplanAsync(root);

        // No recovery ran (a host without it): the next resetnetwork fails and rolls back.
        var result = await ResetAsync(root, VmData(hostname: "newer-name"), "netplan");

        Assert.Equal("500", result.ReturnCode);
        Assert.Equal("old-name\n", root.Read("/etc/hostname"));
        // Its undo sets the name from before the first change, not the one the first change wrote.
        Assert.Equal(
            ["hostnamectl set-hostname test-server", "hostnamectl set-hostname newer-name", "netplan apply", "hostnamectl set-hostname old-name", "netplan apply"],
            root.Actions());
        Assert.Null(root.Read(FakeRoot.TransactionRecord));
    }

    [Fact]
    public async Task Recovery_after_a_kill_sets_the_old_name_again()
    {
        using var root = RackspaceMachine("ubuntu");
        root.Write("/etc/hostname", "old-name\n");
        await KillDuringNetplanAsync(root);

        var outcome = await new NetworkRecovery(root.CreateSystem(), new NetworkOptions(), NullLogger.Instance)
            .RecoverAsync(TestContext.Current.CancellationToken);

        Assert.Equal(NetworkRecoveryOutcome.Recovered, outcome);
        Assert.Equal("old-name\n", root.Read("/etc/hostname"));
        Assert.Equal(["hostnamectl set-hostname test-server", "hostnamectl set-hostname old-name", "netplan apply"], root.Actions());
        Assert.Null(root.Read(FakeRoot.TransactionRecord));
    }

    /// <summary>Runs a <c>resetnetwork</c> to <c>test-server</c> that dies while netplan applies it: the new name is already set and written.</summary>
    private static async Task KillDuringNetplanAsync(FakeRoot root)
    {
        var recording = root.CreateSystem();
        var dying = new ScriptedProcessRunner(spec => spec.Program == "netplan"
            ? throw new SimulatedCrash()
            : recording.Processes.RunAsync(spec).GetAwaiter().GetResult());
        var command = new NetworkCommands(recording with { Processes = dying }, VmData());
        await Assert.ThrowsAsync<SimulatedCrash>(() => command.ResetNetworkAsync(ResetNetworkRequest.Context()));
        Assert.Equal("test-server\n", root.Read("/etc/hostname"));
    }
}
