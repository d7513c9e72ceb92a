using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// A manual clock (<see cref="FakeTimeProvider"/>) that also reports the due time of every timer
/// created on it, in order: what a delay asked for, without waiting for it. Time moves only when
/// a test calls <see cref="Advance"/>. It also counts the periodic timers not yet disposed, so a
/// test sees a repeating check released.
/// </summary>
internal sealed class RecordingTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider _clock = new();
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();
    private int _livePeriodic;

    /// <summary>The due times of the timers created so far and not yet taken, oldest first.</summary>
    public ChannelReader<TimeSpan> Timers => _timers.Reader;

    /// <summary>How many timers created with a period (repeating) have not been disposed.</summary>
    public int LivePeriodicTimers => Volatile.Read(ref _livePeriodic);

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _clock.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        if (period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero)
        {
            return timer;
        }

        Interlocked.Increment(ref _livePeriodic);
        return new CountedTimer(timer, this);
    }

    public void Advance(TimeSpan delta) => _clock.Advance(delta);

    /// <summary>The next timer created with a due time of at most <paramref name="longest"/> (others, such as the rescan's, are skipped).</summary>
    public async Task<TimeSpan> NextTimerAsync(TimeSpan longest)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var due = await _timers.Reader.ReadAsync(timeout.Token);
            if (due <= longest)
            {
                return due;
            }
        }
    }

    /// <summary>A repeating timer that counts itself out once disposed (once, however often it is).</summary>
    private sealed class CountedTimer(ITimer inner, RecordingTimeProvider owner) : ITimer
    {
        private int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            inner.Dispose();
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._livePeriodic);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
