namespace GuestAgent.XenStore.Server;

/// <summary>Quotas of the embedded server, applied to unprivileged (guest) connections only. Defaults are C xenstored 4.17's.</summary>
public sealed class XenStoreServerOptions
{
    /// <summary>Nodes a domain may own. Default 1000.</summary>
    public int MaxNodesPerDomain { get; set; } = 1000;

    /// <summary>
    /// The size a guest may not reach in one node record, in bytes: value, 8 per permission entry and
    /// the children's names (each with a NUL), as C xenstored counts them. Default 2048.
    /// </summary>
    public int MaxNodeSize { get; set; } = 2048;

    /// <summary>Watches per connection. Default 128.</summary>
    public int MaxWatchesPerConnection { get; set; } = 128;

    /// <summary>Open transactions per connection. Default 10.</summary>
    public int MaxTransactionsPerConnection { get; set; } = 10;

    /// <summary>Permission entries per node. Default 5.</summary>
    public int MaxPermissionsPerNode { get; set; } = 5;
}
