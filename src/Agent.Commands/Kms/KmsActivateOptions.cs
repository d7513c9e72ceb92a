using GuestAgent.Platform;

namespace GuestAgent.Commands.Kms;

/// <summary>Policy for <c>kmsactivate</c> and its start-up recovery, resolved from the agent's services.</summary>
public sealed class KmsActivateOptions
{
    /// <summary>The defaults: the lock in <see cref="AgentPaths.DefaultStateDirectory"/>, waited for up to 2 minutes.</summary>
    public static KmsActivateOptions Default { get; } = new();

    /// <summary>
    /// The agent path of the state directory, where an activation holds its lock file
    /// (<c>kmsactivate.lock</c>) for its whole run, so that two never change the RHN registration at
    /// once. Created 0700 when missing. Default <see cref="AgentPaths.DefaultStateDirectory"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not an absolute path, or has a <c>.</c> or <c>..</c> component.</exception>
    public string StateDirectory
    {
        get;
        init => field = ConfiguredDirectory.Require(value, "kmsactivate state directory", nameof(StateDirectory));
    } = AgentPaths.DefaultStateDirectory;

    /// <summary>
    /// How long an activation waits for another one in progress (on another exchange, or in a second
    /// agent process) before answering that one is in progress. Default 2 minutes, as long as
    /// <c>rhnreg_ks</c> may run: a second activation waits out the first, as the original agent, which
    /// ran one request at a time, made it. Zero does not wait; <see cref="Timeout.InfiniteTimeSpan"/>
    /// waits until the other is done or the agent stops.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The value is negative (other than infinite), or longer than a timer can wait (4,294,967,294 ms, about 49 days).
    /// </exception>
    public TimeSpan LockTimeout
    {
        get;
        init => field = TimerDelay.Fits(value, allowZero: true, allowInfinite: true)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(LockTimeout), value, "The kmsactivate lock timeout must be zero or positive and at most 4294967294 ms, or infinite");
    } = KmsActivateCommand.RhnRegKsTimeout;
}
