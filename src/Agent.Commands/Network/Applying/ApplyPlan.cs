namespace GuestAgent.Commands.Network.Applying;

/// <summary>
/// The programs that make the written configuration live: <see cref="BeforeWrite"/> runs against
/// the old files (ifupdown must take interfaces down with the configuration they came up with),
/// <see cref="AfterWrite"/> against the new ones.
/// </summary>
/// <param name="BeforeWrite">Steps run before any file changes.</param>
/// <param name="AfterWrite">Steps run once every file is written.</param>
internal sealed record ApplyPlan(IReadOnlyList<ApplyStep> BeforeWrite, IReadOnlyList<ApplyStep> AfterWrite)
{
    /// <summary>
    /// Steps a rollback (and recovery after a crash) runs after the repeated <see cref="AfterWrite"/>
    /// steps, never the change itself: what brings back a restored file that the change moved aside,
    /// which NetworkManager's autoconnect does not activate over a connection it gave the device since,
    /// and (<see cref="ApplyStep.ThisBootOnly"/>, skipped by recovery in a later boot) a connection
    /// not ours that was active before the change.
    /// </summary>
    public IReadOnlyList<ApplyStep> OnlyOnRollback { get; init; } = [];
}
