namespace GuestAgent.Daemon.NovaHost;

/// <summary>
/// A <see cref="NovaAgentCall"/> was cancelled (Ctrl-C, SIGTERM) after its request may have been
/// written, and says whether the request was withdrawn: only a removal XenStore confirmed counts,
/// so a host is never told a request is gone that an agent may still run.
/// </summary>
internal sealed class NovaCallInterruptedException : OperationCanceledException
{
    public NovaCallInterruptedException(string? withdrawalFailure, CancellationToken cancellationToken)
        : base(Describe(withdrawalFailure), cancellationToken)
    {
        WithdrawalFailure = withdrawalFailure;
    }

    /// <summary>Why the request could not be removed; null when it was.</summary>
    public string? WithdrawalFailure { get; }

    /// <summary>Whether XenStore confirmed the request's removal.</summary>
    public bool Withdrawn => WithdrawalFailure is null;

    private static string Describe(string? withdrawalFailure) => withdrawalFailure is null
        ? "interrupted: the request was withdrawn"
        : $"interrupted: the request could not be withdrawn ({withdrawalFailure}); the agent may still run it";
}
