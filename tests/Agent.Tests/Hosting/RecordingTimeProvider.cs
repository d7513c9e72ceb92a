using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.Tests.Hosting;

/// <summary>
/// A manual clock that says each time a finite wait starts on it (the due time of every timer
/// created with one), so a test advances the clock only once the wait it means to end exists.
/// </summary>
internal sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>The due times of the finite timers created, in order.</summary>
    public ChannelReader<TimeSpan> Waits => _waits.Reader;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _waits.Writer.TryWrite(dueTime);
        }

        return timer;
    }
}
