namespace GuestAgent.Commands.Tests.Support;

/// <summary>
/// Tests that let go of the network change lock and take it again at once without waiting, as
/// recovery does at the agent's start. The lock is an <c>flock</c>, which belongs to the open file
/// description: a program that another test starts in this process at that moment holds a copy of
/// the descriptor from fork to exec, and recovery then finds the change "in progress elsewhere"
/// (seen about once in five runs of this project). These tests run on their own, while no other
/// test starts programs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChangeLockCollection
{
    public const string Name = "Network change lock taken again at once";
}
