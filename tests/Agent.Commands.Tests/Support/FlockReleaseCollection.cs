namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// Tests in which the agent lets go of an <c>flock</c> and it is taken again at once without waiting:
/// the network change lock by recovery (as at the agent's start), FreeBSD's <c>master.passwd</c> by
/// the test's own read (.NET takes a shared flock on the files it opens). An flock belongs to the
/// open file description: a program that another test starts in this process at that moment holds a
/// copy of the descriptor from fork to exec, and the lock with it, so recovery found the change "in
/// progress elsewhere" (about once in five runs of this project). These tests run on their own, while
/// no other test starts programs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FlockReleaseCollection
{
    public const string Name = "flock released and taken again at once";
}
