namespace GuestAgent.Hosting;

/// <summary>Options of <see cref="AgentHost"/>.</summary>
public sealed class AgentHostOptions
{
    /// <summary>
    /// How long a request in progress may still run after shutdown begins. Default 30 s.
    /// </summary>
    /// <remarks>
    /// The bound is cooperative first: when it runs out the command's cancellation token
    /// (<see cref="GuestAgent.Commands.CommandContext.CancellationToken"/>) is cancelled, and a command
    /// that honours it answers (the Nova parser says <c>Command '…' was cancelled</c>); that answer
    /// then has 5 s more to be delivered. A command that ignores its token is not waited for beyond
    /// that: once <c>ShutdownTimeout</c> + 5 s have passed, <see cref="AgentHost.RunAsync"/> logs each
    /// abandoned request (a warning with its id and exchange) and returns, and the request is left
    /// in <see cref="AgentHost.RequestsInProgress"/>. Its command is still running, unanswered, on the
    /// thread pool: a process that exits then ends it there, as a kill would.
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits for the request in progress for ever.
    /// </remarks>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a loop waits after its exchange failed to get a request before asking again. Default
    /// 1 s, as the original. Each further failure in a row doubles the wait, up to
    /// <see cref="MaxRetryDelay"/>; a request taken resets it.
    /// </summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between two attempts of an exchange that keeps failing (exponential backoff
    /// from <see cref="RetryDelay"/>). Default 1 min: an exchange that is gone for a day logs one
    /// warning a minute, not one a second. Never shorter than <see cref="RetryDelay"/>.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The clock of the host's waits (the shutdown timeout, the delivery grace, retry delays). The
    /// system clock by default; a test passes a manual one.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
