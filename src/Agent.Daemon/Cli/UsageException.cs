namespace GuestAgent.Daemon.Cli;

/// <summary>
/// The command line or the configuration is wrong. The message is printed as one line on stderr
/// and the process exits with <see cref="ExitCodes.Usage"/>.
/// </summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message) : base(message)
    {
    }

    public UsageException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
