using GuestAgent.Commands.Network;
using GuestAgent.Commands.Network.Applying;
using GuestAgent.Commands.Network.Recovery;
using GuestAgent.Commands.Tests.Support;
using GuestAgent.Platform;
using GuestAgent.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// One change or recovery at a time: a <c>resetnetwork</c> that overlaps one in progress (in this
/// process, as two exchanges' loops would run them) waits for it and, when it is not done in time,
/// is refused with nothing changed; a recovery that finds the lock held leaves the live change
/// alone. Neither ever takes the live record for a crashed change.
/// </summary>
public sealed class ChangeLockTests : InterruptedChangeTests
{
    private readonly ManualResetEventSlim _inIfup = new();
    private readonly ManualResetEventSlim _release = new();

    [Fact]
    public async Task A_change_overlapping_one_in_progress_is_refused_and_touches_nothing_of_it()
    {
        var first = StartBlockedChangeAsync();
        var recordOfFirst = _change.Record();
        var second = new ScriptedProcessRunner(_ => Success);
        var clock = new RetryObservingManualClock(TimeSpan.FromSeconds(0.5));

        var refused = Assert.ThrowsAsync<CommandException>(() =>
            new NetworkApplier(_change.Root.System with { Processes = second, Time = clock }, new NetworkOptions { Deadline = TimeSpan.FromSeconds(1) }, NullLogger.Instance)
                .ApplyAsync(InterruptedChange.Files("newer"), InterruptedChange.Plan, TestContext.Current.CancellationToken));
        // Once the second has found the lock held and waits for it, its 0.6 s for applying run out.
        await clock.Retrying.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(0.6));
        var error = await refused.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal("Couldn't apply the network configuration: another resetnetwork is in progress and was still running when the 0.6 s allowed for applying ran out; nothing was changed", error.Message);
        Assert.Empty(second.Calls);
        Assert.Equal(recordOfFirst, _change.Record());
        Assert.Equal("new interfaces\n", File.ReadAllText(_change.Root.HostPath("/etc/network/interfaces")));

        _release.Set();
        await first;
        Assert.Equal("new interfaces\n", File.ReadAllText(_change.Root.HostPath("/etc/network/interfaces")));
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task A_change_waits_for_the_one_in_progress_and_then_runs()
    {
        var first = StartBlockedChangeAsync();
        var clock = new RetryObservingTimeProvider(TimeSpan.FromSeconds(1));
        var second = Task.Run(() =>
            new NetworkApplier(_change.Root.System with { Processes = new ScriptedProcessRunner(_ => Success), Time = clock }, NullLogger.Instance)
                .ApplyAsync(InterruptedChange.Files("newer") with { Removals = [] }, InterruptedChange.Plan, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken);

        // The second found the lock held and is waiting for it.
        await clock.Retrying.WaitAsync(TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);
        _release.Set();
        await first;
        await second;

        Assert.Equal("newer interfaces\n", File.ReadAllText(_change.Root.HostPath("/etc/network/interfaces")));
        Assert.Empty(_change.RecordDirectory());
    }

    [Fact]
    public async Task A_recovery_that_finds_the_change_in_progress_leaves_it_alone()
    {
        var first = StartBlockedChangeAsync();
        var recordOfFirst = _change.Record();
        var backend = new ScriptedProcessRunner(_ => Success);
        var logger = new RecordingLogger<NetworkRecovery>();

        Assert.Equal(NetworkRecoveryOutcome.InProgressElsewhere, await _change.RecoverAsync(backend, logger));

        Assert.Empty(backend.Calls);
        Assert.Equal(recordOfFirst, _change.Record());
        Assert.Equal("new interfaces\n", File.ReadAllText(_change.Root.HostPath("/etc/network/interfaces")));
        Assert.Contains("still in progress", Assert.Single(logger.At(LogLevel.Warning)), StringComparison.Ordinal);

        _release.Set();
        await first;
        Assert.Empty(_change.RecordDirectory());
        Assert.Equal(NetworkRecoveryOutcome.NothingToRecover, await _change.RecoverAsync(backend));
    }

    protected override void Dispose(bool disposing)
    {
        _release.Set();
        _inIfup.Dispose();
        _release.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>
    /// Starts a change that stops in <c>ifup</c>, its new files written and its record live, until
    /// released. Its budget is far longer than any test holds it: a held change whose own time ran
    /// out would roll itself back.
    /// </summary>
    private Task StartBlockedChangeAsync()
    {
        var programs = new ScriptedProcessRunner(spec =>
        {
            if (spec.Program == "ifup")
            {
                _inIfup.Set();
                _release.Wait(TestContext.Current.CancellationToken);
            }

            return Success;
        });
        var first = Task.Run(() => new NetworkApplier(_change.Root.System with { Processes = programs }, new NetworkOptions { Deadline = TimeSpan.FromHours(1) }, NullLogger.Instance)
            .ApplyAsync(InterruptedChange.Files(), InterruptedChange.Plan, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken);
        _inIfup.Wait(TestContext.Current.CancellationToken);
        Assert.NotNull(_change.Record());
        return first;
    }
}
