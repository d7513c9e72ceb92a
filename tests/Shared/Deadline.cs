using System.Diagnostics;

namespace GuestAgent.Testing;

/// <summary>
/// The end of a polling loop's safety net, on the monotonic clock as <see cref="Task.Delay(TimeSpan)"/> and
/// <see cref="Task.WaitAsync(TimeSpan)"/> are: a step of the wall clock (an NTP correction, a virtual machine's
/// clock catching up after a pause) neither fails a wait that has barely begun nor stretches one.
/// </summary>
internal readonly struct Deadline
{
    private readonly long _start;
    private readonly TimeSpan _limit;

    private Deadline(TimeSpan limit)
    {
        _start = Stopwatch.GetTimestamp();
        _limit = limit;
    }

    /// <summary>A deadline <paramref name="limit"/> from now.</summary>
    public static Deadline After(TimeSpan limit) => new(limit);

    /// <summary>Whether more than the limit has gone by since the deadline was set.</summary>
    public bool HasPassed => Stopwatch.GetElapsedTime(_start) > _limit;
}
