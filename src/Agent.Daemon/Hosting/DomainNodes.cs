using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// Whether the domain the agent was told to serve (<c>--domain-path</c>, <c>xenstore.domainPath</c>)
/// is there at start. A path naming no domain is not an error: on real Xen the toolstack may create
/// the nodes after the agent starts, and the exchange's watch sees requests once they are written.
/// But a mistyped path would otherwise be served in silence, so <c>run</c> says so once.
/// </summary>
internal static class DomainNodes
{
    /// <summary>
    /// The first of <paramref name="domainPath"/> and <paramref name="requestDirectory"/> (its
    /// <c>data/host</c>) that XenStore does not have, or <c>null</c> when both are there or XenStore
    /// will not say (a node the connection may not read: the exchange reports its own errors). An
    /// absent node is XenStore's ordinary ENOENT answer, read without an exception.
    /// </summary>
    public static async Task<string?> FindMissingAsync(XenStoreOperations xenstore, string domainPath, string requestDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(xenstore);
        try
        {
            if (await xenstore.TryReadAsync(domainPath, cancellationToken).ConfigureAwait(false) is null)
            {
                return domainPath;
            }

            return await xenstore.TryReadAsync(requestDirectory, cancellationToken).ConfigureAwait(false) is null ? requestDirectory : null;
        }
        catch (XenStoreErrorException)
        {
            return null;
        }
    }
}
