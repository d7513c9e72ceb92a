namespace GuestAgent.Commands;

/// <summary>
/// The delays a timer or a <see cref="CancellationTokenSource"/> takes: the options that become one
/// are checked against this when they are made, so a command never finds out half-way through.
/// </summary>
internal static class TimerDelay
{
    /// <summary>The longest due time a timer takes: 4,294,967,294 ms, about 49.7 days.</summary>
    public const double MaxMilliseconds = uint.MaxValue - 1.0;

    /// <summary>
    /// Whether a timer takes <paramref name="value"/>: zero (when <paramref name="allowZero"/>) or
    /// positive and at most <see cref="MaxMilliseconds"/>, or <see cref="Timeout.InfiniteTimeSpan"/>
    /// (when <paramref name="allowInfinite"/>).
    /// </summary>
    public static bool Fits(TimeSpan value, bool allowZero, bool allowInfinite) =>
        value == Timeout.InfiniteTimeSpan
            ? allowInfinite
            : (value > TimeSpan.Zero || (allowZero && value == TimeSpan.Zero)) && value.TotalMilliseconds <= MaxMilliseconds;
}
