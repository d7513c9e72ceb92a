namespace GuestAgent.Daemon.Cli;

/// <summary>
/// A run-time failure the daemon explains itself ("XenStore at '/x' is unreachable: …"). Printed as
/// one line on stderr, exit code <see cref="ExitCodes.Failure"/>. The message must never contain a
/// secret.
/// </summary>
internal sealed class DaemonException : Exception
{
    public DaemonException(string message) : base(message)
    {
    }

    public DaemonException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
