using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// Limits of the embedded server. The quotas apply to unprivileged (guest) connections only, with C
/// xenstored 4.17's defaults; <see cref="MaxQueuedBytesPerConnection"/> applies to every connection.
/// </summary>
public sealed class XenStoreServerOptions
{
    /// <summary>The default of <see cref="MaxQueuedBytesPerConnection"/>: 16 MiB.</summary>
    public const long DefaultMaxQueuedBytesPerConnection = 16 * 1024 * 1024;

    /// <summary>The smallest <see cref="MaxQueuedBytesPerConnection"/> allowed: one message of the largest size (4112 bytes).</summary>
    public const long MinQueuedBytesPerConnection = XenStoreLimits.HeaderSize + XenStoreLimits.PayloadMax;

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

    /// <summary>
    /// The nodes one guest transaction may access (read, write or look up, nodes that do not exist
    /// included), C xenstored 4.17's <c>quota_trans_nodes</c>. Default 1024. A transaction remembers
    /// every node it touched until it ends, so without this a guest could make the server hold any
    /// amount of memory by reading made-up paths in a transaction it never ends. The request that
    /// would access one node more fails with ENOSPC and the transaction can no longer commit: its
    /// TRANSACTION_END <c>T</c> answers ENOMEM, as C answers for a failed transaction (<c>F</c> is OK).
    /// </summary>
    public int MaxNodesPerTransaction { get; init; } = 1024;

    /// <summary>Permission entries per node. Default 5.</summary>
    public int MaxPermissionsPerNode { get; init; } = 5;

    /// <summary>
    /// The bytes of replies and watch events one connection may have waiting to be written, for
    /// every connection, dom0's included. A client that stops reading while more than this piles up
    /// (requests it keeps sending, or watches that keep firing) is disconnected, so it cannot make
    /// the server hold its output without bound; other connections are not affected. Default 16 MiB
    /// (<see cref="DefaultMaxQueuedBytesPerConnection"/>): four times the backlog of a client with
    /// 1,000 requests in flight whose replies are all of the largest size, and some 150,000 watch
    /// events for a busy <c>data/host</c>. At least <see cref="MinQueuedBytesPerConnection"/>.
    /// </summary>
    public long MaxQueuedBytesPerConnection { get; init; } = DefaultMaxQueuedBytesPerConnection;
}
