using GuestAgent.Daemon.Cli;
using GuestAgent.XenStore.Transports;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Configuration;

/// <summary>
/// What <c>check-config</c> says about the XenStore endpoint, without opening it (check-config never
/// contacts XenStore). Only a configured path is looked at: <c>--xenstore</c>, <c>xenstore.path</c>,
/// or <c>XENSTORED_PATH</c> when it is the endpoint. libxenstore's defaults are absent wherever the
/// image is built or checked before it first boots as a Xen guest, where silence is right; a
/// configured path is a choice someone made, and a typo in it only shows when <c>run</c> cannot
/// connect. Everything here is a warning, never an error: xenstored may simply not have started yet
/// (its socket appears when it does). A path too long for a unix socket never gets here: it is a
/// configuration error (exit 2) already (<see cref="UnixSocketPathLength"/>).
/// </summary>
internal static partial class XenStorePathCheck
{
    /// <summary>Logs the warnings of <see cref="Of"/> as <c>check-config</c> prints its others.</summary>
    public static void Write(ILogger logger, RunInvocation invocation, AgentSettings settings)
    {
        foreach (var warning in Of(invocation, settings))
        {
            LogWarning(logger, warning);
        }
    }

    /// <summary>The warnings about the configured XenStore endpoint; none when it is a socket or a device, or none is configured.</summary>
    /// <param name="invocation">The command line (whether <c>--xenstore</c> named the path).</param>
    /// <param name="settings">The resolved settings (whether the file did).</param>
    /// <param name="environment">The environment <c>XENSTORED_PATH</c> is read from (the process's when <c>null</c>).</param>
    public static IReadOnlyList<string> Of(RunInvocation invocation, AgentSettings settings, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(settings);
        environment ??= Environment.GetEnvironmentVariable;
        string path;
        string origin;
        if (invocation.XenStorePath is { } option)
        {
            (path, origin) = (option, "option '--xenstore'");
        }
        else if (settings.XenStorePath is { } configured)
        {
            (path, origin) = (configured, $"'xenstore.path' in {settings.ConfigurationFile}");
        }
        else if (environment(XenStoreEndpoint.PathVariable) is { } variable)
        {
            (path, origin) = (UnixSocketPathLength.XenStorePath(variable), $"environment variable {XenStoreEndpoint.PathVariable}");
        }
        else
        {
            return [];
        }

        if (path.Length == 0)
        {
            return [$"{XenStoreEndpoint.PathVariable} is set but empty, which names no endpoint: run would not connect (as libxenstore's tools would not); unset it for the default endpoints"];
        }

        EndpointFileKind kind;
        try
        {
            kind = EndpointFile.Examine(path);
        }
        catch (FileNotFoundException)
        {
            return [$"The XenStore endpoint {path} ({origin}) does not exist: run cannot connect until it does (it exits 1 at start, and the unit restarts it); fine if xenstored creates it later, otherwise check the path"];
        }
        catch (IOException exception)
        {
            return [$"The XenStore endpoint {path} ({origin}) could not be examined ({exception.Message}): run may not be able to connect"];
        }

        var what = kind switch
        {
            EndpointFileKind.Socket or EndpointFileKind.Device or EndpointFileKind.LegacyXenbusFile => null,
            EndpointFileKind.Directory => "a directory",
            EndpointFileKind.RegularFile => "a regular file",
            _ => "a FIFO or a block device",
        };
        return what is null
            ? []
            : [$"The XenStore endpoint {path} ({origin}) is {what}, not a unix socket or a character device: run refuses it at start (exit 1) and never writes to it; check the path"];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);
}
