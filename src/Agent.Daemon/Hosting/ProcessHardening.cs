using System.Runtime.InteropServices;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Platform.Native;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// What <c>guest-agent run</c> does to its own process before it serves: leave the directory it was
/// started from, and make itself non-dumpable.
/// </summary>
/// <remarks>
/// <para>
/// The working directory: an operator may start the agent by hand from <c>/tmp</c> or a user's
/// directory. Nothing the agent does may depend on it (programs are found by
/// <see cref="Platform.ProgramLocator"/>, never there), and a daemon holding a directory open would
/// also keep a file system from being unmounted. So the agent moves to <c>/</c>, as systemd starts it.
/// Settings resolved from the command line are made absolute first, while they still mean what the
/// operator typed, and so is a relative <c>XENSTORED_PATH</c> that names the endpoint (or <c>XENSTORED_RUNDIR</c>, the default socket's directory).
/// </para>
/// <para>
/// Non-dumpable (<c>prctl(PR_SET_DUMPABLE, 0)</c>): a request's value (an injected private key, in
/// base64) may stay in the managed heap after it was answered, out of reach of zeroing. A crash then
/// writes no core file holding it, and a process that is not root cannot ptrace the agent or read its
/// <c>/proc/PID/mem</c>. Root, and the agent itself, still read its <c>/proc</c> entries.
/// </para>
/// </remarks>
internal static partial class ProcessHardening
{
    private const int PrSetDumpable = 4;

    /// <summary>The directory <c>run</c> works from, whatever it was started from.</summary>
    public const string WorkingDirectory = "/";

    /// <summary>
    /// Applies both; returns <paramref name="settings"/> with the XenStore endpoint
    /// <c>XENSTORED_PATH</c> names made absolute when it is the one (no <c>--xenstore</c>, no
    /// <c>xenstore.path</c>, which are absolute already, as the configuration file is).
    /// </summary>
    public static AgentSettings Apply(AgentSettings settings, ILogger logger)
    {
        // --xenstore, xenstore.path and --config are absolute already (VerbOptions, SettingsResolver); a
        // relative XENSTORED_PATH would name something under / from now on, where libxenstore's
        // tools started from the same directory see it under that directory.
        var absolute = settings.XenStorePath is null && UnixSocketPathLength.EnvironmentEndpoint("run") is { } variable
            ? settings with { XenStorePath = variable }
            : settings;
        if (absolute.XenStorePath is null)
        {
            // Nor a relative XENSTORED_RUNDIR, under which the default socket is.
            UnixSocketPathLength.AnchorRunDirectory("run");
        }

        try
        {
            Directory.SetCurrentDirectory(WorkingDirectory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Nothing the agent runs or opens depends on it; only an unmount would be held up.
            LogStayed(logger, exception.Message);
        }

        if (Syscalls.Prctl(PrSetDumpable, 0, 0, 0, 0) != 0)
        {
            LogStillDumpable(logger, Marshal.GetLastPInvokeError());
        }

        return absolute;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not change to the directory /: {Reason}; carrying on in the current one")]
    private static partial void LogStayed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not make the process non-dumpable (errno {Errno}): a crash could write a core file holding a request's value")]
    private static partial void LogStillDumpable(ILogger logger, int errno);
}
