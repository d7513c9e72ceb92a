namespace GuestAgent.XenStore.Server;

/// <summary>An open transaction: a private snapshot of the store plus the changes whose watches fire if it commits.</summary>
/// <param name="id">The transaction's id on its connection.</param>
/// <param name="tree">The snapshot it reads and changes.</param>
/// <param name="ownedAtStart">How many nodes the connection's domain owned in the snapshot: its quota at commit counts the change since.</param>
internal sealed class StoreTransaction(uint id, NodeTree tree, int ownedAtStart)
{
    public uint Id { get; } = id;

    public NodeTree Tree { get; } = tree;

    /// <summary>
    /// Whether a request in it was refused for the transaction-node quota
    /// (<see cref="XenStoreServerOptions.MaxNodesPerTransaction"/>): it can no longer commit, as a C
    /// xenstored transaction marked failed cannot.
    /// </summary>
    public bool Failed { get; set; }

    /// <summary>
    /// The changes made, for the paths and exactness of the commit's events; who may see them is
    /// decided at the commit (<see cref="ServerState.FireCommitted"/>), not by the entries recorded here.
    /// </summary>
    public List<StoreEvent> Events { get; } = [];

    /// <summary>The nodes the transaction added to its domain's count (negative when it removed more than it created).</summary>
    public int OwnedGrowth(uint domainId) => Tree.OwnedBy(domainId) - ownedAtStart;
}
