namespace GuestAgent.Hosting;

/// <summary>Options of <see cref="AgentHost"/>.</summary>
/// <remarks>
/// Each value is checked when it is set (<see cref="ArgumentOutOfRangeException"/>), and the pair
/// <see cref="RetryDelay"/>/<see cref="MaxRetryDelay"/> when an <see cref="AgentHost"/> is created with
/// them: a zero retry delay would spin a failing exchange's loop, and a wait beyond what a timer
/// takes (about 49 days) would only fail later, on a signal thread at shutdown.
/// </remarks>
public sealed class AgentHostOptions
{
    // A timer takes at most uint.MaxValue - 1 ms (about 49.7 days); the answer's 5 s of delivery
    // time come on top of the shutdown timeout.
    private static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);
    private static readonly TimeSpan LongestShutdownTimeout = LongestWait - TimeSpan.FromSeconds(5);

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
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits for the request in progress for ever, its command
    /// and its answer's delivery (an SDK user whose commands must never be cut off).
    /// The timeout is for requests in progress only. An exchange whose <c>GetRequestAsync</c> or
    /// <c>StartAsync</c> ignores the host's token holds no request: whatever the timeout, such an
    /// exchange is given up on, with a warning, 5 s after the stop, or later while another exchange's
    /// request in progress still holds the host (once it is answered, or abandoned); a request it hands
    /// over before that is still served and waited for as this timeout says. So a stop with nothing
    /// in progress ends the host within 5 s instead of leaving a process only a kill ends. The give-up
    /// and the exchange's hand-over are decided by one atomic claim: a request handed over after the
    /// host gave up on its exchange is not started nor answered, and is left to the exchange (logged
    /// once, with its id and command name, never its value). So is one handed over once this timeout
    /// has run out (a timeout under those 5 s, or a host held by another request): its command would
    /// only start already cancelled, and its cancelled answer would make the exchange drop it.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">Negative (other than <see cref="Timeout.InfiniteTimeSpan"/>), or longer than 49 days.</exception>
    public TimeSpan ShutdownTimeout
    {
        get;
        init
        {
            if (value != Timeout.InfiniteTimeSpan && (value < TimeSpan.Zero || value > LongestShutdownTimeout))
            {
                throw new ArgumentOutOfRangeException(nameof(ShutdownTimeout), value, $"The shutdown timeout must be between 0 and {LongestShutdownTimeout} (a timer's limit, less the answer's 5 s of delivery time), or Timeout.InfiniteTimeSpan to wait for ever.");
            }

            field = value;
        }
    } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a loop waits after its exchange failed to get a request before asking again. Default
    /// 1 s, as the original. Each further failure in a row doubles the wait, up to
    /// <see cref="MaxRetryDelay"/>; a request taken resets it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative, or longer than 49 days.</exception>
    public TimeSpan RetryDelay
    {
        get;
        init => field = CheckRetryDelay(value, nameof(RetryDelay));
    } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between two attempts of an exchange that keeps failing (exponential backoff
    /// from <see cref="RetryDelay"/>). Default 1 min: an exchange that is gone for a day logs one
    /// warning a minute, not one a second. It must not be shorter than <see cref="RetryDelay"/>
    /// (<see cref="AgentHost"/>'s constructor checks the pair).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative, or longer than 49 days.</exception>
    public TimeSpan MaxRetryDelay
    {
        get;
        init => field = CheckRetryDelay(value, nameof(MaxRetryDelay));
    } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The clock of the host's waits (the shutdown timeout, the delivery grace, retry delays). The
    /// system clock by default; a test passes a manual one.
    /// </summary>
    public TimeProvider TimeProvider
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(TimeProvider));
            field = value;
        }
    } = TimeProvider.System;

    /// <summary>Fails unless <see cref="MaxRetryDelay"/> is at least <see cref="RetryDelay"/>: the pair is set in any order, so it is checked once both are.</summary>
    internal void CheckRetryDelays()
    {
        if (MaxRetryDelay < RetryDelay)
        {
            throw new ArgumentOutOfRangeException("options", MaxRetryDelay, $"AgentHostOptions.MaxRetryDelay ({MaxRetryDelay}) is shorter than RetryDelay ({RetryDelay}); the backoff starts at RetryDelay and grows up to MaxRetryDelay, so set MaxRetryDelay to at least RetryDelay.");
        }
    }

    private static TimeSpan CheckRetryDelay(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value > LongestWait)
        {
            throw new ArgumentOutOfRangeException(name, value, $"The {name} must be more than zero (a zero delay would spin a failing exchange's loop) and at most {LongestWait} (a timer's limit).");
        }

        return value;
    }
}
