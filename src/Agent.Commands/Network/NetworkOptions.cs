using GuestAgent.Commands.Network.Detection;
using GuestAgent.Platform;

namespace GuestAgent.Commands.Network;

/// <summary>How <c>resetnetwork</c> behaves; registered as a service, defaults apply when it is not.</summary>
public sealed record NetworkOptions
{
    /// <summary>The default <see cref="Deadline"/>: 50 s.</summary>
    /// <remarks>
    /// Nova waits 60 s for the answer (<c>agent_resetnetwork_timeout</c>); the other 10 s cover the
    /// agent noticing the request (up to a 1 s poll), reading <c>vm-data</c> and rendering, the
    /// output grace after a killed program, writing the answer and dom0's 0.5 s polling.
    /// </remarks>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(50);

    /// <summary>The default <see cref="RollbackShare"/>: two fifths, 20 s of the default 50 s.</summary>
    /// <remarks>
    /// Putting the old configuration back runs the same kind of programs as applying it (a service
    /// restart, <c>netplan apply</c>); 20 s lets them finish on a slow guest while leaving 30 s to
    /// apply the new one.
    /// </remarks>
    public const double DefaultRollbackShare = 0.4;

    /// <summary>
    /// The agent's state directory (an absolute path under the agent's root). The record of the
    /// <c>resetnetwork</c> in progress lives in its <c>resetnetwork/</c> directory, so a change cut
    /// short by a crash is rolled back at the next start. Default <see cref="AgentPaths.DefaultStateDirectory"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The value is not an absolute path, or has a <c>.</c> or <c>..</c> component.</exception>
    public string StateDirectory
    {
        get;
        init => field = ConfiguredDirectory.Require(value, "state directory", nameof(StateDirectory));
    } = AgentPaths.DefaultStateDirectory;

    /// <summary>Forces a network backend instead of detecting it.</summary>
    public NetworkBackend? Backend { get; init; }

    /// <summary>Whether the agent writes <c>/etc/resolv.conf</c>.</summary>
    public ResolvConfPolicy ResolvConf { get; init; } = ResolvConfPolicy.Auto;

    /// <summary>Whether the agent sets the hostname from <c>vm-data/hostname</c>.</summary>
    public bool SetHostname { get; init; } = true;

    /// <summary>
    /// How long one <c>resetnetwork</c> may take in all, from the start of the command to its
    /// answer, rollback included. Every program run gets at most what is left of it; a program
    /// still running when the share for applying is used up is killed and the previous
    /// configuration restored. Default <see cref="DefaultDeadline"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive, or longer than a timer can wait (4,294,967,294 ms, about 49 days: each step's time is one).</exception>
    public TimeSpan Deadline
    {
        get;
        init => field = TimerDelay.Fits(value, allowZero: false, allowInfinite: false)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Deadline), value, "The resetnetwork deadline must be positive and at most 4294967294 ms");
    } = DefaultDeadline;

    /// <summary>
    /// The share of <see cref="Deadline"/> kept for a rollback, which applying never uses: when
    /// applying runs out of time, putting the old configuration back still has this much.
    /// Default <see cref="DefaultRollbackShare"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not strictly between 0 and 1.</exception>
    public double RollbackShare
    {
        get;
        init => field = value is > 0 and < 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(RollbackShare), value, "The rollback share must be between 0 and 1 (both excluded)");
    } = DefaultRollbackShare;
}
