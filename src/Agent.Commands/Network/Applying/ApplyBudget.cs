using System.Globalization;

namespace GuestAgent.Commands.Network.Applying;

/// <summary>
/// The time one <c>resetnetwork</c> may take (<see cref="NetworkOptions.Deadline"/>), measured on
/// the monotonic clock from its start. Applying must end before the rollback's reserved share
/// begins, so a rollback always has time to bring the previous configuration back, and the
/// answer reaches Nova before it stops waiting.
/// </summary>
internal sealed class ApplyBudget
{
    private readonly TimeProvider _time;
    private readonly long _started;

    private ApplyBudget(TimeProvider time, TimeSpan total, TimeSpan rollbackReserve)
    {
        _time = time;
        _started = time.GetTimestamp();
        Total = total;
        RollbackReserve = rollbackReserve;
    }

    /// <summary>The whole budget.</summary>
    public TimeSpan Total { get; }

    /// <summary>The part kept for a rollback, which applying never uses.</summary>
    public TimeSpan RollbackReserve { get; }

    /// <summary>The part for everything up to and including applying.</summary>
    public TimeSpan ForApplying => Total - RollbackReserve;

    /// <summary>Starts the clock now, with the deadline and rollback share of <paramref name="options"/>.</summary>
    public static ApplyBudget Start(TimeProvider time, NetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        return new ApplyBudget(time, options.Deadline, options.Deadline * options.RollbackShare);
    }

    /// <summary>The deadline of the steps that apply the new configuration.</summary>
    internal StepDeadline Applying() =>
        new(_time, _started, ForApplying, $"the {Seconds(ForApplying)} allowed for applying");

    /// <summary>
    /// The deadline of a rollback starting now: what is left of the whole budget, and never less
    /// than the reserve (a program killed at the end of applying takes a moment to die, and that
    /// moment must not come out of the time that brings the network back).
    /// </summary>
    internal StepDeadline Rollback()
    {
        var reserved = _time.GetElapsedTime(_started) + RollbackReserve;
        return new(_time, _started, reserved > Total ? reserved : Total, $"the {Seconds(RollbackReserve)} kept for the rollback");
    }

    /// <summary>
    /// The deadline of taking down the new configuration of a <c>resetnetwork</c> the agent never
    /// finished, at its next start: the same share as applying, so a take-down that hangs leaves
    /// the reserve (<see cref="Rollback"/>) for applying the restored files again.
    /// </summary>
    internal StepDeadline TakingDown() =>
        new(_time, _started, ForApplying, $"the {Seconds(ForApplying)} allowed for taking the unfinished change down");

    /// <summary>A duration as the answer states it: <c>30 s</c>, <c>1.5 s</c>.</summary>
    private static string Seconds(TimeSpan duration) =>
        duration.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " s";
}
