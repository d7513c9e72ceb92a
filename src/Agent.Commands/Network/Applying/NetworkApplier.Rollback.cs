using GuestAgent.Commands.Network.Recovery;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Commands.Network.Applying;

/// <summary>How a change that failed part-way is undone: taken down, its files put back, the old configuration applied again.</summary>
internal sealed partial class NetworkApplier
{
    /// <summary>The steps that make restored files live again: all but the hostname's, then those only a rollback runs.</summary>
    internal static ApplyStep[] RepeatedOnRollback(ApplyPlan plan) => [.. plan.AfterWrite.Where(step => step.RepeatOnRollback), .. plan.OnlyOnRollback];

    /// <summary>
    /// What takes the new configuration down before the files go back, best effort: the undos of the
    /// steps that changed what no file holds (the running hostname), latest first, then the steps
    /// that ran before writing (ifupdown's <c>ifdown</c>).
    /// </summary>
    internal static ApplyStep[] TakeDown(ApplyPlan plan) =>
        [.. Enumerable.Reverse(plan.AfterWrite).Select(step => step.Undo).OfType<ApplyStep>()
            .Concat(plan.BeforeWrite)
            .Select(step => step with { MustSucceed = false })];

    /// <summary>
    /// Puts the files back and, when they all are, applies the old configuration again. The files
    /// are put back whatever the programs do, with no time limit: they are local writes, and the
    /// next boot depends on them. The transaction ends here unless the agent is stopping.
    /// </summary>
    private async Task<RollbackOutcome> RestoreAsync(PendingChange change, StepDeadline deadline, CancellationToken cancellationToken)
    {
        change.Transaction.Enter(TransactionPhase.RollingBack);

        // The new configuration is taken down the way it came up (ifupdown needs its own files for
        // that, or ifup later finds the interfaces "already configured"), and the running hostname
        // set back, best effort, while the new files are still there.
        StepFailure? takeDown;
        try
        {
            takeDown = await _steps.RunAsync(TakeDown(change.Plan), deadline, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The agent is stopping in the middle of the rollback: the files still go back (the
            // record stays, for the next start to apply them).
            RestoreFiles(change);
            throw;
        }

        var unrestored = RestoreFiles(change);

        // Applying a half-restored configuration could cut the guest off for good: leave it to the operator.
        if (unrestored.Count > 0)
        {
            change.Transaction.End(unrestored);
            return new RollbackOutcome(unrestored, null);
        }

        // Only running out of time stops the best-effort take-down; nothing is left to apply with then.
        var reapply = takeDown ?? await _steps.RunAsync(RepeatedOnRollback(change.Plan), deadline, cancellationToken).ConfigureAwait(false);
        if (reapply is { OutOfTime: true })
        {
            // Restored but not applied: the record stays, so the next start applies them again (as
            // a recovery cut short by its time does); a new resetnetwork first finds them in place.
            return new RollbackOutcome(unrestored, reapply);
        }

        change.Transaction.End(unrestored);
        return new RollbackOutcome(unrestored, reapply);
    }

    /// <summary>Puts every file back, each on its own: one that fails does not stop the others.</summary>
    /// <returns>The paths that could not be put back.</returns>
    private List<string> RestoreFiles(PendingChange change)
    {
        var unrestored = _restorer.Restore(change.Snapshots, change.Removed, change.CreatedDirectories);
        if (unrestored.Count == 0)
        {
            LogRestored(_logger, CountText.Of(change.Snapshots.Count, "file", "files"));
        }

        return unrestored;
    }

    /// <summary>A change under way: its record, and what a rollback needs to put everything back.</summary>
    /// <param name="Transaction">The record in the state directory, moved through the phases.</param>
    /// <param name="Plan">The programs that apply it.</param>
    /// <param name="Snapshots">Every file as it was before the change.</param>
    /// <param name="CreatedDirectories">The directories writing creates, removed again by a rollback.</param>
    private sealed record PendingChange(NetworkTransaction Transaction, ApplyPlan Plan, IReadOnlyList<FileSnapshot> Snapshots, IReadOnlyList<string> CreatedDirectories)
    {
        /// <summary>The stale files moved aside so far.</summary>
        public List<string> Removed { get; } = [];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "resetnetwork: restored {Files} after a failed apply")]
    private static partial void LogRestored(ILogger logger, string files);
}
