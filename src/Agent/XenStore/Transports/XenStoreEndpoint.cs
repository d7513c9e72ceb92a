using System.Net.Sockets;

namespace GuestAgent.XenStore.Transports;

/// <summary>
/// Chooses and opens the XenStore endpoint the way libxenstore's <c>xs_open()</c> does:
/// <c>$XENSTORED_PATH</c> when set (even empty, which names no endpoint, so opening fails as
/// libxenstore's does); otherwise <c>${XENSTORED_RUNDIR-/var/run/xenstored}/socket</c>, then
/// <c>/dev/xen/xenbus</c> if it exists, else <c>/proc/xen/xenbus</c>. A socket is connected; a character
/// device (or a pty standing in for one) or the legacy <c>xenbus</c> file is opened read-write as the
/// xenbus device. Anything else (a regular file, a directory) is refused without being written to,
/// where libxenstore would write a request into it.
/// </summary>
public static class XenStoreEndpoint
{
    /// <summary>The variable naming the one endpoint to use, as for libxenstore.</summary>
    public const string PathVariable = "XENSTORED_PATH";

    /// <summary>The environment variable naming the directory of the default socket (<c>$XENSTORED_RUNDIR/socket</c>) when <see cref="PathVariable"/> is unset.</summary>
    public const string RunDirectoryVariable = "XENSTORED_RUNDIR";

    /// <summary>The default daemon socket directory.</summary>
    public const string DefaultRunDirectory = "/var/run/xenstored";

    /// <summary>The guest device.</summary>
    public const string XenbusDevice = "/dev/xen/xenbus";

    /// <summary>The guest device on old kernels (xenfs).</summary>
    public const string LegacyXenbusDevice = "/proc/xen/xenbus";

    /// <summary>The paths to try, in order, given the environment (the process environment when null).</summary>
    public static IReadOnlyList<string> Candidates(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        // Set means set, as for libxenstore's getenv(): an empty XENSTORED_PATH names no endpoint, and
        // xs_open() then tries nothing else; an empty XENSTORED_RUNDIR means the root directory.
        if (environment(PathVariable) is { } explicitPath)
        {
            return [explicitPath];
        }

        var runDirectory = environment(RunDirectoryVariable) ?? DefaultRunDirectory;
        return [runDirectory.TrimEnd('/') + "/socket", File.Exists(XenbusDevice) ? XenbusDevice : LegacyXenbusDevice];
    }

    /// <summary>
    /// Opens <paramref name="path"/>, or the first candidate that opens when it is null. A socket whose
    /// daemon's listen queue is full is waited for, as libxenstore's blocking <c>connect()</c> waits:
    /// <paramref name="cancellationToken"/> bounds that wait.
    /// </summary>
    /// <exception cref="XenStoreConnectionException">No endpoint could be opened.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting for room in a daemon's listen queue.</exception>
    public static async Task<IXenStoreTransport> OpenAsync(string? path = null, CancellationToken cancellationToken = default)
    {
        var candidates = path is null ? Candidates() : [path];
        var failures = new List<string>();
        foreach (var candidate in candidates)
        {
            if (candidate.Length == 0)
            {
                failures.Add($"{PathVariable} is set but empty, which names no endpoint; as libxenstore does, nothing else is tried (unset it for the default endpoints)");
                continue;
            }

            try
            {
                return await OpenPathAsync(candidate, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or SocketException or UnauthorizedAccessException or ArgumentException)
            {
                failures.Add($"{candidate}: {exception.Message}");
            }
        }

        throw new XenStoreConnectionException("Cannot open XenStore (" + string.Join("; ", failures) + ").");
    }

    private static async Task<IXenStoreTransport> OpenPathAsync(string path, CancellationToken cancellationToken)
    {
        var kind = EndpointFile.Examine(path);
        switch (kind)
        {
            case EndpointFileKind.Socket:
                try
                {
                    return await UnixSocketTransport.ConnectAsync(path, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    throw new IOException("Connection refused: no XenStore daemon is listening on this socket", exception);
                }

            case EndpointFileKind.Device or EndpointFileKind.LegacyXenbusFile:
                return DeviceTransport.Open(path);
            default:
                throw EndpointFile.NotAnEndpoint(kind);
        }
    }
}
