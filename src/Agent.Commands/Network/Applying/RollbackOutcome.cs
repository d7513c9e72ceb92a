namespace GuestAgent.Commands.Network.Applying;

/// <summary>How putting the previous configuration back went, and how the answer ends because of it.</summary>
/// <param name="Unrestored">The paths that could not be put back; the configuration is then not applied again.</param>
/// <param name="ReapplyFailure">Why applying the restored files again stopped, or <c>null</c> when it succeeded.</param>
internal sealed record RollbackOutcome(IReadOnlyList<string> Unrestored, StepFailure? ReapplyFailure)
{
    /// <summary>The end of the error text.</summary>
    public string Describe() =>
        Unrestored.Count > 0 ? $"restoring the previous files failed for {string.Join(", ", Unrestored)}" :
        ReapplyFailure is null ? "the previous configuration was restored and applied again" :
        ReapplyFailure.OutOfTime ? $"the previous files were restored, but applying them again ran out of time: {ReapplyFailure.Description}" :
        "the previous configuration was restored but applying it again failed too";
}
