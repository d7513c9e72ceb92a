namespace GuestAgent.Commands.Network.Applying;

/// <summary>The moment a group of apply steps must be done by, on the budget's monotonic clock.</summary>
/// <param name="time">The clock the budget was started on.</param>
/// <param name="started">The budget's start, as a <see cref="TimeProvider.GetTimestamp"/> value.</param>
/// <param name="end">How long after <paramref name="started"/> the steps must be done.</param>
/// <param name="allowance">The time allowed, as the answer names it (<c>the 30 s allowed for applying</c>).</param>
internal sealed class StepDeadline(TimeProvider time, long started, TimeSpan end, string allowance)
{
    /// <summary>What is left; zero or less once the deadline has passed.</summary>
    public TimeSpan Remaining => end - time.GetElapsedTime(started);

    /// <summary>The time allowed, as the answer names it.</summary>
    public string Allowance => allowance;
}
