namespace GuestAgent.Daemon.NovaHost;

/// <summary>
/// A <see cref="NovaAgentCall"/> was cancelled (Ctrl-C, SIGTERM), and says whether the request was
/// withdrawn (or never sent): only a removal XenStore confirmed counts,
/// so a host is never told a request is gone that an agent may still run.
/// </summary>
internal sealed class NovaCallInterruptedException : OperationCanceledException
{
    public NovaCallInterruptedException(string? withdrawalFailure, CancellationToken cancellationToken)
        : this(Describe(withdrawalFailure), withdrawalFailure, cancellationToken)
    {
    }

    private NovaCallInterruptedException(string message, string? withdrawalFailure, CancellationToken cancellationToken)
        : base(message, cancellationToken)
    {
        WithdrawalFailure = withdrawalFailure;
    }

    /// <summary>Interrupted before the request was written: there is nothing an agent could run.</summary>
    public static NovaCallInterruptedException NothingSent(CancellationToken cancellationToken) =>
        new("interrupted: the request was not sent", null, cancellationToken);

    /// <summary>Why the request could not be removed; null when it was.</summary>
    public string? WithdrawalFailure { get; }

    /// <summary>Whether no request is left that an agent could run: XenStore confirmed its removal, or it was never sent.</summary>
    public bool Withdrawn => WithdrawalFailure is null;

    private static string Describe(string? withdrawalFailure) => withdrawalFailure is null
        ? "interrupted: the request was withdrawn"
        : $"interrupted: the request could not be withdrawn ({withdrawalFailure}); the agent may still run it";
}
