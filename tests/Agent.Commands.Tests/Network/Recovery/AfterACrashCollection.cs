namespace GuestAgent.Commands.Tests.Network.Recovery;

/// <summary>
/// Tests that take the change lock again right after a simulated crash released it, run alone.
/// The lock is an open-file-description <c>flock</c>: a process that other tests start meanwhile
/// (ifquery, netplan, sh) gets a copy of every descriptor at fork and keeps it until its exec
/// closes it (close-on-exec). On two busy cores that can take long enough for the recovery that
/// follows to find the lock still held and answer "in progress elsewhere" (seen in about half of the
/// runs of the Network tests together, never with this class alone). The agent does not meet it:
/// a change waits for the lock, and recovery runs at start, before the agent starts any process.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AfterACrashCollection
{
    public const string Name = "after a crash (change lock taken again at once)";
}
