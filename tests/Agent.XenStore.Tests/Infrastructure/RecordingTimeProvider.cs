using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// A manual clock (<see cref="FakeTimeProvider"/>) that also reports the due time of every timer
/// created on it, in order: what a delay asked for, without waiting for it. Time moves only when
/// a test calls <see cref="Advance"/>.
/// </summary>
internal sealed class RecordingTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider _clock = new();
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>The due times of the timers created so far and not yet taken, oldest first.</summary>
    public ChannelReader<TimeSpan> Timers => _timers.Reader;

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _clock.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
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
}
