namespace GuestAgent.Platform;

/// <summary>Runs external programs (service managers, network tools, registration tools).</summary>
public interface IProcessRunner
{
    /// <summary>Runs a program to completion (or until its timeout) and returns how it ended.</summary>
    /// <exception cref="IOException">
    /// The program could not be started: <see cref="ProcessRunner"/> throws a <see cref="ProgramStartException"/>
    /// when the system refused to run it, and a plain <see cref="IOException"/> when it was not found or is
    /// not an executable file.
    /// </exception>
    Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken = default);
}
