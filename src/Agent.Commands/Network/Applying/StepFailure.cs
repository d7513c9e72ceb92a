namespace GuestAgent.Commands.Network.Applying;

/// <summary>Why a group of apply steps stopped before its end.</summary>
/// <param name="Description">The step and what happened to it, as the answer states it.</param>
/// <param name="OutOfTime">
/// Whether the deadline ran out (the running program was killed, or the next one never started),
/// which stops the group whether or not the step had to succeed.
/// </param>
internal sealed record StepFailure(string Description, bool OutOfTime);
