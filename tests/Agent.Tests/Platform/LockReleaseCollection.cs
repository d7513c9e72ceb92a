namespace GuestAgent.Tests.Platform;

/// <summary>
/// Tests that let go of an <c>flock</c> and expect another open (or another process) to get it at
/// once. An flock belongs to the open file description: a program that another test starts in this
/// process at that moment holds a copy of the descriptor from fork to exec, and the lock with it.
/// These tests run on their own, while no other test starts programs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LockReleaseCollection
{
    public const string Name = "flock released and taken again at once";
}
