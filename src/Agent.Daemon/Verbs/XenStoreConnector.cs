using GuestAgent.Daemon.Cli;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;

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
            throw new DaemonException($"XenStore is unreachable: {exception.Message}", exception);
        }
    }
}
