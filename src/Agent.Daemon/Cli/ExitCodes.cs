namespace GuestAgent.Daemon.Cli;

/// <summary>The process exit codes of <c>guest-agent</c> (design.md §5); scripts and systemd rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>The verb did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>A run-time failure: XenStore unreachable, a timeout, an I/O error.</summary>
    public const int Failure = 1;

    /// <summary>
    /// The agent was invoked wrongly: a bad option or argument, or a bad configuration file. Retrying
    /// cannot help, so the systemd unit does not restart on this code.
    /// </summary>
    public const int Usage = 2;
}
