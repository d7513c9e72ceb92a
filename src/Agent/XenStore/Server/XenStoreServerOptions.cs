namespace GuestAgent.XenStore.Server;

/// <summary>Quotas of the embedded server, applied to unprivileged (guest) connections only. Defaults are C xenstored 4.17's.</summary>
public sealed class XenStoreServerOptions
{
    /// <summary>Nodes a domain may own. Default 1000.</summary>
    public int MaxNodesPerDomain { get; init; } = 1000;

    /// <summary>
    /// The size a guest may not reach in one node record, in bytes, counted as C xenstored stores the
    /// record: a 24-byte header, 8 bytes per permission entry, the value and the children's names
    /// (each with its NUL). Default 2048: a guest's value on a node with one permission entry may be
    /// at most 2015 bytes.
    /// </summary>
    public int MaxNodeSize { get; init; } = 2048;

    /// <summary>
    /// The watch quota of a guest domain, counted over all the connections acting as it. Default 128.
    /// As in C xenstored 4.17, a WATCH is refused (E2BIG) only when the domain already holds more than
    /// this, so it may hold one more (129).
    /// </summary>
    public int MaxWatchesPerDomain { get; init; } = 128;

    /// <summary>
    /// The transaction quota of a guest connection. Default 10. As in C xenstored 4.17, a
    /// TRANSACTION_START is refused (ENOSPC) only when more than this are open, so 11 may be.
    /// </summary>
    public int MaxTransactionsPerConnection { get; init; } = 10;

    /// <summary>Permission entries per node. Default 5.</summary>
    public int MaxPermissionsPerNode { get; init; } = 5;
}
