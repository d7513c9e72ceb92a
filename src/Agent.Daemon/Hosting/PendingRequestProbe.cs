using GuestAgent.Protocol;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;

namespace GuestAgent.Daemon.Hosting;

/// <summary>Looks at the requests already waiting in <c>data/host</c> when the agent starts.</summary>
internal static class PendingRequestProbe
{
    /// <summary>
    /// Whether a <c>resetnetwork</c> request is waiting (first boot, or written while the agent was
    /// down). Any XenStore error answers <c>false</c>: readiness must never block on the probe.
    /// </summary>
    public static async Task<bool> HasResetNetworkAsync(XenStoreOperations xenstore, string requestDirectory, CancellationToken cancellationToken)
    {
        try
        {
            // A backlog being answered keeps data/host changing: the names read across the changes will do.
            var listing = await xenstore.DirectoryAsync(requestDirectory, tolerateChanges: true, cancellationToken).ConfigureAwait(false);
            foreach (var id in listing.Names)
            {
                if (await xenstore.TryReadAsync($"{requestDirectory}/{id}", cancellationToken).ConfigureAwait(false) is { } request
                    && NovaRequestReader.IsCommand(request, "resetnetwork"u8))
                {
                    return true;
                }
            }
        }
        catch (XenStoreException)
        {
        }

        return false;
    }
}
