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
        // The last words block until the test releases them, and the test does so only once the
        // signal's thread is either waiting (its context told of the wait) or gone: gone, it returned
        // while they were still blocked (read as 0); waiting, it returns once they end (read as 1).
        // Its thread state cannot say which: starting the last words' thread shows WaitSleepJoin too,
        // even after they began. The context can: a wait asks it, starting a thread does not.
        using var release = new ManualResetEventSlim();
        var waitingOrGone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = 0;
        var finishedWhenReturned = -1;
        var signalThread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(new WaitWitness(waitingOrGone));
            ShutdownSignals.RunAtMost(
                _ =>
                {
                    release.Wait(SafetyNet);
                    Volatile.Write(ref finished, 1);
                },
                PosixSignal.SIGINT,
                SafetyNet);
            Volatile.Write(ref finishedWhenReturned, Volatile.Read(ref finished));
            waitingOrGone.TrySetResult();
        }) { IsBackground = true };
        signalThread.Start();
        await waitingOrGone.Task.WaitAsync(SafetyNet, TestContext.Current.CancellationToken);

        release.Set();
        Assert.True(signalThread.Join(SafetyNet), "the signal's thread did not end");

        // Ended when it returned: the process would not have ended them mid-line.
        Assert.Equal(1, Volatile.Read(ref finishedWhenReturned));
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

    /// <summary>
    /// A context that says when its thread begins a wait (<see cref="Thread.Join()"/> included: the
    /// runtime hands every wait to a context that asks to be told), then waits as the default does.
    /// </summary>
    private sealed class WaitWitness : SynchronizationContext
    {
        private readonly TaskCompletionSource _waiting;

        public WaitWitness(TaskCompletionSource waiting)
        {
            _waiting = waiting;
            SetWaitNotificationRequired();
        }

        public override int Wait(IntPtr[] waitHandles, bool waitAll, int millisecondsTimeout)
        {
            _waiting.TrySetResult();
            return base.Wait(waitHandles, waitAll, millisecondsTimeout);
        }
    }
}
