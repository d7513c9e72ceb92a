using System.Globalization;
using GuestAgent.Daemon.Cli;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Transports;

namespace GuestAgent.Daemon.Verbs;

/// <summary>Opens the XenStore connection of a verb, turning "cannot connect" into one clear line (exit 1).</summary>
internal static class XenStoreConnector
{
    /// <summary>
    /// As <see cref="ConnectAsync(string?, CancellationToken)"/>, giving up after <paramref name="timeout"/>:
    /// the one thing connecting can wait for is a daemon whose listen queue is full (libxenstore's
    /// blocking <c>connect()</c> would wait for ever), and a host's <c>call</c> must not.
    /// </summary>
    /// <exception cref="DaemonException">Unreachable, or not connected within <paramref name="timeout"/>.</exception>
    public static async Task<XenStoreClient> ConnectAsync(string? path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            return await ConnectAsync(path, bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var where = path ?? XenStoreEndpoint.Candidates()[0];
            throw new DaemonException(
                $"TIMEOUT: XenStore ({where}) did not accept the connection within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds: its listen queue stayed full. Nothing was sent.");
        }
    }

    public static async Task<XenStoreClient> ConnectAsync(string? path, CancellationToken cancellationToken)
    {
        try
        {
            return await XenStoreClient.ConnectAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (XenStoreException exception)
        {
            throw new DaemonException($"XenStore is unreachable: {exception.Message}{NotXenHint(path)}", exception);
        }
    }

    /// <summary>
    /// When none of libxenstore's default endpoints exists, the likely cause is not the agent but the
    /// machine (not a Xen guest, or xenfs not mounted): say so rather than leave two "no such file"s.
    /// </summary>
    private static string NotXenHint(string? path)
    {
        if (path is not null || Environment.GetEnvironmentVariable("XENSTORED_PATH") is { Length: > 0 } ||
            XenStoreEndpoint.Candidates().Any(Path.Exists))
        {
            return "";
        }

        return Directory.Exists("/proc/xen")
            ? " Is this a Xen guest? (xenfs not mounted on /proc/xen?)"
            : " Is this a Xen guest? (no /proc/xen; xenfs not mounted?)";
    }
}
