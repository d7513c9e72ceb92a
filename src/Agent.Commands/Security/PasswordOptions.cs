namespace GuestAgent.Commands.Security;

/// <summary>Policy for <c>password</c>, resolved from the agent's services.</summary>
public sealed class PasswordOptions
{
    /// <summary>The defaults: wait up to 15 seconds for the password file lock; keys live 10 minutes.</summary>
    public static PasswordOptions Default { get; } = new();

    /// <summary>
    /// How long to wait for another program (<c>useradd</c>, <c>chpasswd</c>, <c>passwd</c>, FreeBSD's
    /// <c>pw</c>) to release the password file lock before answering that the file is locked.
    /// 15 seconds, as glibc's <c>lckpwdf</c> waits. Zero does not wait; <see cref="Timeout.InfiniteTimeSpan"/>
    /// waits until the lock is free or the agent stops.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The value is negative (other than infinite), or longer than a timer can wait (4,294,967,294 ms, about 49 days).
    /// </exception>
    public TimeSpan LockTimeout
    {
        get;
        // Refused here: password would find out only when it waits for the lock.
        init => field = TimerDelay.Fits(value, allowZero: true, allowInfinite: true)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(LockTimeout), value, "The password file lock timeout must be zero or positive and at most 4294967294 ms, or infinite");
    } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long the key a <c>keyinit</c> agrees stays usable by a <c>password</c> on the same exchange;
    /// after that it is zeroed and a <c>password</c> needs a new <c>keyinit</c>. Nova sends the two
    /// back to back (its agent calls time out after 30 seconds), so 10 minutes is ample for the host
    /// and keeps an abandoned exchange's key from living in memory for the life of the agent.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The value is not positive, or longer than a timer can wait (4,294,967,294 ms, about 49 days);
    /// <see cref="Timeout.InfiniteTimeSpan"/> keeps the key until it is used or replaced.
    /// </exception>
    public TimeSpan KeyLifetime
    {
        get;
        // Refused here: keyinit would find out only when it arms the expiry, after storing the key.
        init => field = TimerDelay.Fits(value, allowZero: false, allowInfinite: true)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(KeyLifetime), "The key lifetime must be positive and at most 4294967294 ms, or infinite");
    } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The agent path of the state directory, where a <c>password</c> marks its request before it
    /// changes the password file (<c>password-attempt</c>), so that the same request run again after
    /// a crash answers that the password may have changed. Default <see cref="Platform.AgentPaths.DefaultStateDirectory"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not an absolute path, or has a <c>.</c> or <c>..</c> component.</exception>
    public string StateDirectory
    {
        get;
        init => field = ConfiguredDirectory.Require(value, "password state directory", nameof(StateDirectory));
    } = Platform.AgentPaths.DefaultStateDirectory;

    /// <summary>
    /// Identifies the current boot, which the <c>password-attempt</c> marks are bound to, as the
    /// XenStore journal is: a mark of an earlier boot never matches. Null reads
    /// <see cref="Platform.KernelBootId"/>; where the kernel offers none, marks match across boots.
    /// </summary>
    public string? BootId { get; init; }
}
