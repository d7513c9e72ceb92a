using GuestAgent.Daemon.Cli;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Transports;

namespace GuestAgent.Daemon.Verbs;

/// <summary>Opens the XenStore connection of a verb, turning "cannot connect" into one clear line (exit 1).</summary>
internal static class XenStoreConnector
{
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
