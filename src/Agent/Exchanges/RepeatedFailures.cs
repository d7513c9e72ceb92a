namespace GuestAgent.Exchanges;

/// <summary>
/// Decides how loud to log failures that can repeat for ever (XenStore unreachable, a request the
/// guest may not read or remove): the first failure of a condition is a warning, repeats of the
/// same condition are quiet (debug) except for a reminder warning at most once per
/// <c>reminder</c>, a different reason is a warning again, and the caller hears when the condition
/// clears (to log that once). Keyed, so one instance tracks many requests; thread-safe.
/// </summary>
internal sealed class RepeatedFailures(TimeProvider time, TimeSpan reminder)
{
    private readonly Dictionary<string, Streak> _streaks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How a failure should be logged.</summary>
    public enum Loudness
    {
        /// <summary>The first failure of this condition: a warning.</summary>
        First,

        /// <summary>The same condition, still failing after <c>reminder</c>: a warning again, saying so.</summary>
        Reminder,

        /// <summary>A repeat of a condition already warned about: debug only.</summary>
        Repeat,
    }

    /// <summary>Records a failure of <paramref name="key"/> for <paramref name="reason"/>.</summary>
    public Failure Report(string key, string reason)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (!_streaks.TryGetValue(key, out var streak))
            {
                _streaks[key] = new Streak(reason, now, now, 1);
                return new Failure(Loudness.First, 1, TimeSpan.Zero);
            }

            streak.Count++;
            var since = time.GetElapsedTime(streak.Since, now);
            if (!string.Equals(streak.Reason, reason, StringComparison.Ordinal))
            {
                streak.Reason = reason;
                streak.WarnedAt = now;
                return new Failure(Loudness.First, streak.Count, since);
            }

            if (time.GetElapsedTime(streak.WarnedAt, now) >= reminder)
            {
                streak.WarnedAt = now;
                return new Failure(Loudness.Reminder, streak.Count, since);
            }

            return new Failure(Loudness.Repeat, streak.Count, since);
        }
    }

    /// <summary>Whether <paramref name="key"/> is failing now.</summary>
    public bool IsFailing(string key)
    {
        lock (_gate)
        {
            return _streaks.ContainsKey(key);
        }
    }

    /// <summary>
    /// <paramref name="key"/> succeeded: forgets its failures. Returns how many there were and for
    /// how long (0 when it was not failing), so the caller can log that the condition cleared.
    /// </summary>
    public Failure Clear(string key)
    {
        lock (_gate)
        {
            if (!_streaks.Remove(key, out var streak))
            {
                return default;
            }

            return new Failure(Loudness.Repeat, streak.Count, time.GetElapsedTime(streak.Since));
        }
    }

    /// <summary>Forgets the keys <paramref name="stillThere"/> rejects (requests gone from <c>data/host</c>): bounded by what exists.</summary>
    public void Retain(Func<string, bool> stillThere)
    {
        lock (_gate)
        {
            if (_streaks.Count == 0)
            {
                return;
            }

            foreach (var key in _streaks.Keys.Where(key => !stillThere(key)).ToList())
            {
                _streaks.Remove(key);
            }
        }
    }

    /// <summary>One failure (or, from <see cref="Clear"/>, a cleared condition): how loud, the how-manieth, since when.</summary>
    internal readonly record struct Failure(Loudness Loudness, int Count, TimeSpan Duration);

    private sealed class Streak(string reason, long since, long warnedAt, int count)
    {
        public string Reason { get; set; } = reason;

        public long Since { get; } = since;

        public long WarnedAt { get; set; } = warnedAt;

        public int Count { get; set; } = count;
    }
}
