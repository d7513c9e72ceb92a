namespace GuestAgent.Platform;

/// <summary>How a program ended.</summary>
/// <param name="ExitCode">The exit code; <c>-1</c> when it was killed after its timeout.</param>
/// <param name="StandardOutput">What it printed on standard output (capped).</param>
/// <param name="StandardError">What it printed on standard error (capped).</param>
/// <param name="TimedOut">Whether it was killed because it ran past its timeout.</param>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut = false)
{
    /// <summary>Whether the program exited with code 0.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}
