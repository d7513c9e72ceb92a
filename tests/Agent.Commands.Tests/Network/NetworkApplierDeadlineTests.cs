using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Rendering;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.Commands.Tests.Network;

/// <summary>
/// One <c>resetnetwork</c> fits in its budget: a program still running when the time for applying
/// runs out is killed, the previous files come back byte for byte and the rollback runs in the
/// time kept for it. Steps are real processes (shell scripts that sleep), killed for real. The
/// budget and the programs' timeouts run on a manual clock that moves only when a test moves it,
/// once a hanging step has said it hangs: the outcome never depends on how fast the machine starts
/// programs or syncs files.
/// </summary>
public sealed class NetworkApplierDeadlineTests : IDisposable
{
    private static readonly UnixFileMode Mode0644 = (UnixFileMode)Convert.ToInt32("644", 8);

    private const string RecordPath = "/var/lib/guest-agent/resetnetwork/transaction.json";

    private readonly FakeTimeProvider _clock = new(CommandRoot.DefaultNow);
    private readonly CommandRoot _root;
    private readonly TemporaryDirectory _work = new("guestagent-deadline-");

    public NetworkApplierDeadlineTests()
    {
        _root = new CommandRoot(processes: new ProcessRunner(_clock), time: _clock);
        _root.WriteFile("/etc/network/interfaces", "old interfaces\n", "640");
        _root.WriteFile("/etc/network/interfaces.bak", "an administrator's backup\n", "600");
        _root.WriteFile("/etc/hostname", "old-name\n", "600");
        _root.WriteFile("/etc/netplan/50-cloud-init.yaml", "network: {version: 2}\n", "600");
    }

    /// <summary>New contents for two files, one file in a directory that does not exist yet, and one file moved aside.</summary>
    private static RenderResult NewFiles() => new(
        [
            new RenderedFile("/etc/network/interfaces", "new interfaces\n", Mode0644),
            new RenderedFile("/etc/hostname", "new-name\n", Mode0644),
            new RenderedFile("/etc/network/interfaces.d/eth1", "new eth1\n", Mode0644),
        ],
        ["/etc/netplan/50-cloud-init.yaml"]);

    /// <summary>Appends <paramref name="word"/> to a marker file, so a test sees that (and how often) the step ran.</summary>
    private ApplyStep Marker(string word) =>
        ApplyStep.Run("/bin/sh", "-c", "echo \"$2\" >> \"$1\"", "sh", _work.Combine("marker"), word);

    /// <summary>
    /// Hangs (a shell waiting on a child sleep, both pids written down) while the new interfaces
    /// file is in place, or always; else marks that the restored configuration was applied.
    /// </summary>
    private ApplyStep Slow(bool always = false, bool mustSucceed = true)
    {
        var step = ApplyStep.Run(
            "/bin/sh", "-c",
            "if [ \"$3\" = always ] || grep -q new \"$1\"; then echo $$ >> \"$2/pids\"; sleep 300 & echo $! >> \"$2/pids\"; wait; " +
            "else echo restored >> \"$2/marker\"; fi",
            "sh", _root.HostPath("/etc/network/interfaces"), _work.Path, always ? "always" : "when-new");
        return step with { MustSucceed = mustSucceed };
    }

    private ApplyBudget Budget(double seconds, double rollbackShare) =>
        ApplyBudget.Start(_clock, new NetworkOptions { Deadline = TimeSpan.FromSeconds(seconds), RollbackShare = rollbackShare });

    /// <summary>
    /// Once the slow step has written <paramref name="pids"/> pids (it is hanging), moves the clock on
    /// by <paramref name="seconds"/>: the time it was given runs out while it hangs.
    /// </summary>
    private async Task RunOutOfTimeWhileHangingAsync(Task<CommandResult> applying, int pids, double seconds)
    {
        await ProcessLiveness.WaitForPidsAsync(_work.Combine("pids"), pids, applying);
        _clock.Advance(TimeSpan.FromSeconds(seconds));
    }

    /// <summary>The answer; bounded only so that a step never stopped fails the test instead of hanging it.</summary>
    private static Task<CommandResult> AnswerAsync(Task<CommandResult> applying) =>
        applying.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

    private async Task<CommandResult> ApplyAsync(ApplyPlan plan, ApplyBudget budget)
    {
        try
        {
            await new NetworkApplier(_root.System, NullLogger.Instance).ApplyAsync(NewFiles(), plan, budget, TestContext.Current.CancellationToken);
            return CommandResult.Ok();
        }
        catch (CommandException error)
        {
            return error.ToResult();
        }
    }

    private string[] Marks() => File.Exists(_work.Combine("marker")) ? File.ReadAllLines(_work.Combine("marker")) : [];

    private async Task AssertEveryStartedProcessDiedAsync(int expected)
    {
        var pids = ProcessLiveness.ReadPids(_work.Combine("pids"));
        Assert.Equal(expected, pids.Length);
        foreach (var pid in pids)
        {
            Assert.True(await ProcessLiveness.BecomesDeadAsync(pid), $"process {pid} is still running");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_step_running_past_the_time_for_applying_is_killed_and_the_previous_configuration_restored(bool mustSucceed)
    {
        var before = TreeSnapshot.TakeExceptState(_root.HostPath("/"));
        var slow = Slow(mustSucceed: mustSucceed);
        var plan = new ApplyPlan([Marker("down")], [Marker("hostname") with { RepeatOnRollback = false }, slow]);

        // 2 s to apply, 4 s kept for the rollback.
        var applying = ApplyAsync(plan, Budget(6, rollbackShare: 4.0 / 6));
        await RunOutOfTimeWhileHangingAsync(applying, pids: 2, seconds: 2);
        var result = await AnswerAsync(applying);

        // Running out of time stops even a step whose failure is tolerated (an ifup that hangs).
        Assert.Equal(new CommandResult("500",
            $"Couldn't apply the network configuration in time: '{slow.Name}' was still running when the 2 s allowed for applying ran out, " +
            "and was stopped; the previous configuration was restored and applied again"), result);
        Assert.Equal(before, TreeSnapshot.TakeExceptState(_root.HostPath("/")));
        Assert.False(File.Exists(_root.HostPath(RecordPath)), "the transaction record is left behind");
        // Taken down with the old files, applied (hostname, hung), taken down with the new files, restored and applied again.
        Assert.Equal(["down", "hostname", "down", "restored"], Marks());
        await AssertEveryStartedProcessDiedAsync(expected: 2);
    }

    [Fact]
    public async Task When_the_rollback_runs_out_of_time_too_the_files_are_still_restored_and_the_answer_says_so()
    {
        var before = TreeSnapshot.TakeExceptState(_root.HostPath("/"));
        var slow = Slow(always: true);

        // 1.5 s to apply, 1.5 s kept for the rollback: the old configuration hangs as well.
        var applying = ApplyAsync(new ApplyPlan([], [slow]), Budget(3, rollbackShare: 0.5));
        await RunOutOfTimeWhileHangingAsync(applying, pids: 2, seconds: 1.5);
        await RunOutOfTimeWhileHangingAsync(applying, pids: 4, seconds: 1.5);
        var result = await AnswerAsync(applying);

        Assert.Equal(new CommandResult("500",
            $"Couldn't apply the network configuration in time: '{slow.Name}' was still running when the 1.5 s allowed for applying ran out, " +
            $"and was stopped; the previous files were restored, but applying them again ran out of time: '{slow.Name}' was still running " +
            "when the 1.5 s kept for the rollback ran out, and was stopped"), result);
        Assert.Equal(before, TreeSnapshot.TakeExceptState(_root.HostPath("/")));
        // Restored but never applied: the record stays for the next start to apply them again.
        Assert.Contains("\"phase\": \"rolling-back\"", File.ReadAllText(_root.HostPath(RecordPath)), StringComparison.Ordinal);
        await AssertEveryStartedProcessDiedAsync(expected: 4);
    }

    [Fact]
    public async Task Running_out_of_time_while_taking_the_old_configuration_down_changes_no_file_and_brings_it_up_again()
    {
        var before = TreeSnapshot.TakeExceptState(_root.HostPath("/"));
        var hangingIfdown = Slow(always: true, mustSucceed: false);
        var plan = new ApplyPlan([hangingIfdown], [Marker("hostname") with { RepeatOnRollback = false }, Marker("up")]);

        var applying = ApplyAsync(plan, Budget(4, rollbackShare: 0.5));
        await RunOutOfTimeWhileHangingAsync(applying, pids: 2, seconds: 2);
        var result = await AnswerAsync(applying);

        Assert.Equal(new CommandResult("500",
            $"Couldn't apply the network configuration in time: '{hangingIfdown.Name}' was still running when the 2 s allowed for applying ran out, " +
            "and was stopped; no file was changed and the previous configuration was applied again"), result);
        Assert.Equal(before, TreeSnapshot.TakeExceptState(_root.HostPath("/")));
        Assert.False(File.Exists(_root.HostPath(RecordPath)), "the transaction record is left behind");
        Assert.Equal(["up"], Marks());
        await AssertEveryStartedProcessDiedAsync(expected: 2);
    }

    [Fact]
    public async Task A_budget_already_spent_changes_nothing_and_runs_nothing()
    {
        var before = TreeSnapshot.TakeExceptState(_root.HostPath("/"));
        var budget = ApplyBudget.Start(new LeapingTimeProvider(), new NetworkOptions { Deadline = TimeSpan.FromSeconds(50) });

        var result = await ApplyAsync(new ApplyPlan([Marker("down")], [Marker("up")]), budget);

        Assert.Equal(new CommandResult("500",
            "Couldn't apply the network configuration in time: the 30 s allowed for applying ran out before it began; nothing was changed"), result);
        Assert.Equal(before, TreeSnapshot.TakeExceptState(_root.HostPath("/")));
        Assert.False(File.Exists(_root.HostPath(RecordPath)), "the transaction record is left behind");
        Assert.Empty(Marks());
    }

    [Fact]
    public async Task A_time_for_applying_spent_to_the_tick_changes_nothing_and_runs_nothing()
    {
        var before = TreeSnapshot.TakeExceptState(_root.HostPath("/"));
        var budget = Budget(6, rollbackShare: 4.0 / 6);
        _clock.Advance(TimeSpan.FromSeconds(2));

        var result = await ApplyAsync(new ApplyPlan([Marker("down")], [Marker("up")]), budget);

        Assert.Equal(new CommandResult("500",
            "Couldn't apply the network configuration in time: the 2 s allowed for applying ran out before it began; nothing was changed"), result);
        Assert.Equal(before, TreeSnapshot.TakeExceptState(_root.HostPath("/")));
        Assert.False(File.Exists(_root.HostPath(RecordPath)), "the transaction record is left behind");
        Assert.Empty(Marks());
    }

    [Fact]
    public async Task A_budget_that_suffices_lets_every_step_run_and_the_new_files_stay()
    {
        var plan = new ApplyPlan([Marker("down")], [Marker("hostname") with { RepeatOnRollback = false }, Marker("up")]);

        var result = await ApplyAsync(plan, Budget(60, rollbackShare: 0.4));

        Assert.Equal(CommandResult.Ok(), result);
        Assert.Equal(["down", "hostname", "up"], Marks());
        Assert.Equal("new interfaces\n", File.ReadAllText(_root.HostPath("/etc/network/interfaces")));
        Assert.Equal("new eth1\n", File.ReadAllText(_root.HostPath("/etc/network/interfaces.d/eth1")));
        Assert.False(File.Exists(_root.HostPath("/etc/netplan/50-cloud-init.yaml")));
    }

    [Fact]
    public void The_rollback_share_is_kept_out_of_the_time_for_applying()
    {
        var budget = ApplyBudget.Start(TimeProvider.System, new NetworkOptions());

        Assert.Equal(TimeSpan.FromSeconds(50), budget.Total);
        Assert.Equal(TimeSpan.FromSeconds(20), budget.RollbackReserve);
        Assert.Equal(TimeSpan.FromSeconds(30), budget.ForApplying);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.2)]
    [InlineData(double.NaN)]
    public void A_rollback_share_outside_zero_to_one_is_refused(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkOptions { RollbackShare = share });

    [Fact]
    public void A_deadline_that_is_not_positive_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkOptions { Deadline = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkOptions { Deadline = TimeSpan.FromSeconds(-1) });
    }

    public void Dispose()
    {
        _root.Dispose();
        _work.Dispose();
    }

    /// <summary>A monotonic clock that moves an hour on every reading: any budget is spent by the time it is looked at.</summary>
    private sealed class LeapingTimeProvider : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _now += TimeSpan.TicksPerHour;
    }
}
