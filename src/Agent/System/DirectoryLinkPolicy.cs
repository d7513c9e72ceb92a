namespace GuestAgent.Platform;

/// <summary>What a write does with a symbolic link among the directories of its path.</summary>
public enum DirectoryLinkPolicy
{
    /// <summary>
    /// Refuse every link on the way (<see cref="PathRefusal.LinkOnTheWay"/>): the only choice for
    /// paths a host or a user can influence, since whoever can write a directory on the way could
    /// otherwise redirect a root-owned write anywhere (<c>~/.ssh -&gt; /root/.ssh</c>).
    /// </summary>
    Refuse,

    /// <summary>
    /// Follow a link only when nobody but root (or the agent's own user) can have placed it: the
    /// directory holding it is owned by root or the agent and writable by nobody else, or it is
    /// sticky and the link is owned by root or the agent. The link's target is walked by the same
    /// rules, component by component. For configured system paths that distributions route
    /// through links (merged <c>/usr</c>: <c>/usr/sbin -&gt; bin</c>, <c>/var/run -&gt; /run</c>).
    /// </summary>
    FollowTrusted,
}
