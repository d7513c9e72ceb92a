using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// A manual clock (time moves only when the test advances it) that reports when code schedules a
/// timer shorter than <paramref name="longerThanRetries"/>: how a test learns, without timing, that
/// a wait has begun (a lock found busy and retried) before it lets that wait's time run out.
/// </summary>
internal sealed class RetryObservingManualClock(TimeSpan longerThanRetries) : FakeTimeProvider(CommandRoot.DefaultNow)
{
    private readonly TaskCompletionSource _retrying = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first short timer (a retry) is created.</summary>
    public Task Retrying => _retrying.Task;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < longerThanRetries)
        {
            _retrying.TrySetResult();
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
