namespace GuestAgent.Platform;

/// <summary>Runs external programs (service managers, network tools, registration tools).</summary>
public interface IProcessRunner
{
    /// <summary>Runs a program to completion (or until its timeout) and returns how it ended.</summary>
    /// <exception cref="IOException">The program could not be started (<see cref="ProcessRunner"/> throws a <see cref="ProgramStartException"/>).</exception>
    Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default);
}
