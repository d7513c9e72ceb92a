using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// A manual clock that says each time a finite wait starts on it (the due time of every timer
/// created with one), so a test advances the clock only once the wait it means to end exists; and,
/// apart, each finite deadline set on a timer already made (a <see cref="CancellationTokenSource"/>
/// made on this clock, then <c>CancelAfter</c>).
/// </summary>
internal sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();
    private readonly Channel<TimeSpan> _deadlines = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>The due times of the finite timers created, in order.</summary>
    public ChannelReader<TimeSpan> Waits => _waits.Reader;

    /// <summary>The finite due times given to timers after they were made (<see cref="ITimer.Change"/>), in order.</summary>
    public ChannelReader<TimeSpan> Deadlines => _deadlines.Reader;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _waits.Writer.TryWrite(dueTime);
        }

        return new DeadlineRecordingTimer(timer, _deadlines.Writer);
    }

    private sealed class DeadlineRecordingTimer(ITimer inner, ChannelWriter<TimeSpan> deadlines) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                deadlines.TryWrite(dueTime);
            }

            return inner.Change(dueTime, period);
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
