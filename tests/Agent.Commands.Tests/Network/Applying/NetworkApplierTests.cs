using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.Commands.Tests.Network.Applying;

/// <summary>
/// The applier's edges that the whole-pipeline tests do not reach: a stale path that is a directory,
/// a required step failing before any file is written, and what a rollback puts back beyond the
/// contents and mode of the files it rewrote (the inode of a file moved aside, the owner of a
/// <c>.bak</c> copy).
/// </summary>
public sealed class NetworkApplierTests : IDisposable
{
    private const string RecordPath = "/var/lib/guest-agent/resetnetwork/transaction.json";
    private static readonly ProcessResult Success = new(0, "", "");
    private static readonly ProcessResult IfupFails = new(1, "", "ifup: no such device\n");

    private readonly CommandRoot _root = new();

    public NetworkApplierTests()
    {
        _root.WriteFile("/etc/network/interfaces", "old interfaces\n", "640");
        _root.WriteFile("/etc/netplan/50-cloud-init.yaml", "network: {version: 2}\n", "600");
    }

    private static RenderResult NewInterfaces(params string[] removals) =>
        new([new RenderedFile("/etc/network/interfaces", "new interfaces\n", RenderedFile.Public)], removals);

    private Task ApplyAsync(IProcessRunner programs, RenderResult files, ApplyPlan plan) =>
        new NetworkApplier(_root.System with { Processes = programs }, NullLogger.Instance).ApplyAsync(files, plan, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_directory_where_a_stale_file_would_be_moved_aside_is_refused_before_anything_changes()
    {
        _root.CreateDirectory("/etc/network/interfaces.d/eth1");
        _root.WriteFile("/etc/network/interfaces.d/eth1/keep", "an administrator's file\n");
        var before = TreeSnapshot.TakeExceptState(_root.HostPath("/"));
        var programs = new ScriptedProcessRunner(_ => Success);

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            ApplyAsync(programs, NewInterfaces("/etc/network/interfaces.d/eth1"), new ApplyPlan([], [ApplyStep.Run("ifup", "-a")])));

        Assert.Equal("Couldn't move /etc/network/interfaces.d/eth1 aside: it is not a file; nothing was changed", error.Message);
        Assert.Equal(before, TreeSnapshot.TakeExceptState(_root.HostPath("/")));
        Assert.Empty(programs.Calls);
    }

    [Fact]
    public async Task A_required_step_failing_before_any_file_is_written_ends_the_change_and_its_record()
    {
        var before = TreeSnapshot.TakeExceptState(_root.HostPath("/"));
        var programs = new ScriptedProcessRunner(spec => spec.Program == "ifdown" ? new ProcessResult(1, "", "ifdown: interface eth0 not configured\n") : Success);

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            ApplyAsync(programs, NewInterfaces(), new ApplyPlan([ApplyStep.Run("ifdown", "eth0")], [ApplyStep.Run("ifup", "eth0")])));

        Assert.Equal("Couldn't prepare the network change: 'ifdown eth0' exited with code 1: ifdown: interface eth0 not configured; nothing was changed", error.Message);
        Assert.Equal(before, TreeSnapshot.TakeExceptState(_root.HostPath("/")));
        Assert.Equal(["ifdown eth0"], programs.Calls.Select(c => c.ToDisplayString()));
        // No record is left for the next start to "recover" a change that never began.
        Assert.False(File.Exists(_root.HostPath(RecordPath)), "the transaction record is left behind");
    }

    [Fact]
    public async Task A_stale_file_moved_aside_comes_back_as_the_same_file()
    {
        // The same inode, and with it what only the inode carries (a SELinux label, an ACL, other hard links).
        var inode = Inodes.Of(_root.HostPath("/etc/netplan/50-cloud-init.yaml"));
        var before = TreeSnapshot.TakeExceptState(_root.HostPath("/"));

        await Assert.ThrowsAsync<CommandException>(() =>
            ApplyAsync(new ScriptedProcessRunner(_ => IfupFails), NewInterfaces("/etc/netplan/50-cloud-init.yaml"), new ApplyPlan([], [ApplyStep.Run("ifup", "-a")])));

        Assert.Equal(before, TreeSnapshot.TakeExceptState(_root.HostPath("/")));
        Assert.Equal(inode, Inodes.Of(_root.HostPath("/etc/netplan/50-cloud-init.yaml")));
    }

    [Fact]
    public async Task A_rollback_gives_the_bak_copy_back_to_its_owner()
    {
        // The writer replaced the .bak with a copy of the file, the file's owner with it.
        Owners.SkipUnlessRoot();
        var otherUser = new FileOwner(4321, 4322);
        _root.WriteFile("/etc/network/interfaces.bak", "an administrator's backup\n", "600");
        _root.System.FileSystem.SetOwner("/etc/network/interfaces.bak", otherUser);

        await Assert.ThrowsAsync<CommandException>(() =>
            ApplyAsync(new ScriptedProcessRunner(_ => IfupFails), NewInterfaces(), new ApplyPlan([], [ApplyStep.Run("ifup", "-a")])));

        Assert.Equal("an administrator's backup\n", File.ReadAllText(_root.HostPath("/etc/network/interfaces.bak")));
        Assert.Equal(otherUser, _root.System.FileSystem.GetStatus("/etc/network/interfaces.bak")!.Value.Owner);
        Assert.Equal(new FileOwner(0, 0), _root.System.FileSystem.GetStatus("/etc/network/interfaces")!.Value.Owner);
    }

    [Fact]
    public async Task An_undo_that_fails_does_not_stop_the_take_down_nor_applying_the_old_configuration_again()
    {
        var before = TreeSnapshot.TakeExceptState(_root.HostPath("/"));
        var programs = new ScriptedProcessRunner(spec => spec.ToDisplayString() switch
        {
            "hostname old-name" => new ProcessResult(1, "", "hostname: you must be root to change the host name\n"),
            "ifup eth0" when NewFilesInPlace() => IfupFails,
            _ => Success,
        });

        var error = await Assert.ThrowsAsync<CommandException>(() => ApplyAsync(programs, NewInterfaces(), HostnamePlan()));

        Assert.Equal("Couldn't apply the network configuration: 'ifup eth0' exited with code 1: ifup: no such device; the previous configuration was restored and applied again", error.Message);
        Assert.Equal(["ifdown eth0", "hostname new-name", "ifup eth0", "hostname old-name", "ifdown eth0", "ifup eth0"], programs.Calls.Select(c => c.ToDisplayString()));
        Assert.Equal(before, TreeSnapshot.TakeExceptState(_root.HostPath("/")));
    }

    [Fact]
    public async Task A_take_down_that_runs_out_the_rollback_time_leaves_the_old_files_in_place_unapplied_and_says_so()
    {
        var clock = new FakeTimeProvider();
        var budget = ApplyBudget.Start(clock, new NetworkOptions { Deadline = TimeSpan.FromSeconds(10), RollbackShare = 0.5 });
        var before = TreeSnapshot.TakeExceptState(_root.HostPath("/"));
        var programs = new ScriptedProcessRunner(spec =>
        {
            if (spec.ToDisplayString() == "hostname old-name")
            {
                // Hangs until the runner's timeout, cut to the time left, kills it.
                clock.Advance(spec.Timeout);
                return new ProcessResult(-1, "", "", TimedOut: true);
            }

            return spec.Program == "ifup" ? IfupFails : Success;
        });

        var error = await Assert.ThrowsAsync<CommandException>(() =>
            new NetworkApplier(_root.System with { Processes = programs }, NullLogger.Instance).ApplyAsync(NewInterfaces(), HostnamePlan() with { BeforeWrite = [] }, budget, TestContext.Current.CancellationToken));

        Assert.Equal(
            "Couldn't apply the network configuration: 'ifup eth0' exited with code 1: ifup: no such device; the previous files were restored, " +
            "but applying them again ran out of time: 'hostname old-name' was still running when the 5 s kept for the rollback ran out, and was stopped",
            error.Message);
        Assert.Equal(["hostname new-name", "ifup eth0", "hostname old-name"], programs.Calls.Select(c => c.ToDisplayString()));
        Assert.Equal(before, TreeSnapshot.TakeExceptState(_root.HostPath("/")));
        // Restored but not applied: the record stays for the next start to apply them.
        Assert.Contains("\"phase\": \"rolling-back\"", File.ReadAllText(_root.HostPath(RecordPath)), StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();

    /// <summary>ifupdown's plan with a hostname change, undone by setting the old name, as <see cref="ApplyPlanner"/> plans it.</summary>
    private static ApplyPlan HostnamePlan() => new(
        [ApplyStep.Try("ifdown", "eth0")],
        [ApplyStep.Run("hostname", "new-name") with { RepeatOnRollback = false, Undo = ApplyStep.Run("hostname", "old-name") }, ApplyStep.Run("ifup", "eth0")]);

    private bool NewFilesInPlace() => File.ReadAllText(_root.HostPath("/etc/network/interfaces")).StartsWith("new", StringComparison.Ordinal);
}
