using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Cli;

/// <summary>
/// The limits <c>guest-agent xenstored</c>'s options set on the embedded server; each <c>null</c>
/// keeps <see cref="XenStoreServerOptions"/>' default. The guest quotas apply to connections on
/// <c>--guest-socket</c> only (dom0's have none); the queue cap applies to every connection.
/// </summary>
/// <param name="MaxQueuedBytes"><c>--max-queued-bytes</c>: <see cref="XenStoreServerOptions.MaxQueuedBytesPerConnection"/>.</param>
/// <param name="GuestMaxNodes"><c>--guest-max-nodes</c>: <see cref="XenStoreServerOptions.MaxNodesPerDomain"/>.</param>
/// <param name="GuestMaxNodeSize"><c>--guest-max-node-size</c>: <see cref="XenStoreServerOptions.MaxNodeSize"/>.</param>
/// <param name="GuestMaxWatches"><c>--guest-max-watches</c>: <see cref="XenStoreServerOptions.MaxWatchesPerDomain"/>.</param>
/// <param name="GuestMaxTransactions"><c>--guest-max-transactions</c>: <see cref="XenStoreServerOptions.MaxTransactionsPerConnection"/>.</param>
/// <param name="GuestMaxPermissions"><c>--guest-max-permissions</c>: <see cref="XenStoreServerOptions.MaxPermissionsPerNode"/>.</param>
/// <param name="GuestMaxTransactionNodes"><c>--guest-max-transaction-nodes</c>: <see cref="XenStoreServerOptions.MaxNodesPerTransaction"/>.</param>
internal readonly record struct XenstoredLimits(
    long? MaxQueuedBytes = null,
    int? GuestMaxNodes = null,
    int? GuestMaxNodeSize = null,
    int? GuestMaxWatches = null,
    int? GuestMaxTransactions = null,
    int? GuestMaxPermissions = null,
    int? GuestMaxTransactionNodes = null)
{
    /// <summary>The server's options: the given limits, the defaults for the rest.</summary>
    public XenStoreServerOptions ToServerOptions()
    {
        var defaults = new XenStoreServerOptions();
        return new XenStoreServerOptions
        {
            MaxQueuedBytesPerConnection = MaxQueuedBytes ?? defaults.MaxQueuedBytesPerConnection,
            MaxNodesPerDomain = GuestMaxNodes ?? defaults.MaxNodesPerDomain,
            MaxNodeSize = GuestMaxNodeSize ?? defaults.MaxNodeSize,
            MaxWatchesPerDomain = GuestMaxWatches ?? defaults.MaxWatchesPerDomain,
            MaxTransactionsPerConnection = GuestMaxTransactions ?? defaults.MaxTransactionsPerConnection,
            MaxPermissionsPerNode = GuestMaxPermissions ?? defaults.MaxPermissionsPerNode,
            MaxNodesPerTransaction = GuestMaxTransactionNodes ?? defaults.MaxNodesPerTransaction,
        };
    }
}
