using System.Runtime.InteropServices;
using GuestAgent.Hosting;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// How the second stop signal runs <c>onAbandoning</c>, the process's last words: waited for until
/// they end (the process ends when the handler returns), but not beyond the limit. Called directly,
/// as the signal's handler does: a real second signal ends the process, and a probe child's last
/// words are a line it prints before the runtime kills it, which cannot tell a wait from a race.
/// </summary>
public sealed class ShutdownSignalsLastWordsTests
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task The_last_words_are_waited_for_until_they_end()
    {
        using var release = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = 0;
        var returned = Task.Run(() =>
        {
            ShutdownSignals.RunAtMost(
                _ =>
                {
                    entered.TrySetResult();
                    release.Wait(SafetyNet);
                    Volatile.Write(ref finished, 1);
                },
                PosixSignal.SIGINT,
                SafetyNet);
            return Volatile.Read(ref finished);
        }, TestContext.Current.CancellationToken);

        await entered.Task.WaitAsync(SafetyNet, TestContext.Current.CancellationToken);
        release.Set();

        // Ended when it returned: the process would not have ended them mid-line.
        Assert.Equal(1, await returned.WaitAsync(SafetyNet, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Last_words_that_never_end_are_not_waited_for_beyond_the_limit()
    {
        using var release = new ManualResetEventSlim();
        var finished = 0;
        var returned = Task.Run(() =>
        {
            ShutdownSignals.RunAtMost(
                _ =>
                {
                    release.Wait(SafetyNet);
                    Volatile.Write(ref finished, 1);
                },
                PosixSignal.SIGTERM,
                TimeSpan.Zero);
            return Volatile.Read(ref finished);
        }, TestContext.Current.CancellationToken);

        // Returned while they were still blocked (a stalled log): the process ends without them.
        Assert.Equal(0, await returned.WaitAsync(SafetyNet, TestContext.Current.CancellationToken));
        release.Set();
    }
}
