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
            foreach (var id in await xenstore.DirectoryAsync(requestDirectory, cancellationToken).ConfigureAwait(false))
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
