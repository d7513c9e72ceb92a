using System.Runtime.InteropServices;

namespace GuestAgent.XenStore.Server;

/// <summary>An open transaction: a private snapshot of the store plus the nodes whose watches fire if it commits.</summary>
/// <param name="id">The transaction's id on its connection.</param>
/// <param name="tree">The snapshot it reads and changes.</param>
/// <param name="ownedAtStart">How many nodes the connection's domain owned in the snapshot: its quota at commit counts the change since.</param>
internal sealed class StoreTransaction(uint id, NodeTree tree, int ownedAtStart)
{
    private readonly Dictionary<string, bool> _watchesToFire = new(StringComparer.Ordinal);

    public uint Id { get; } = id;

    public NodeTree Tree { get; } = tree;

    /// <summary>
    /// Whether a request in it was refused for the transaction-node quota
    /// (<see cref="XenStoreServerOptions.MaxNodesPerTransaction"/>): it can no longer commit, as a C
    /// xenstored transaction marked failed cannot.
    /// </summary>
    public bool Failed { get; set; }

    /// <summary>
    /// The nodes whose watches fire if it commits, each with whether only exact watches match (true
    /// while every change to the node was as a removed subtree's descendant). One entry per node
    /// however often it changed, as C xenstored keeps one "fire watch" flag per accessed node: a node
    /// written a million times holds one entry, so for a guest the transaction-node quota bounds
    /// this too. The order the events fire in, and who may see them, are decided at the commit from
    /// the tree's first-access records and the store then (<see cref="ServerState.FireCommitted"/>),
    /// so nothing else of a change needs keeping.
    /// </summary>
    public IReadOnlyDictionary<string, bool> WatchesToFire => _watchesToFire;

    /// <summary>Adds a request's changes to <see cref="WatchesToFire"/> (a node's exactness is ANDed over its changes).</summary>
    public void Record(List<StoreEvent> changes)
    {
        foreach (var change in changes)
        {
            ref var exactOnly = ref CollectionsMarshal.GetValueRefOrAddDefault(_watchesToFire, change.Path, out var known);
            exactOnly = known ? exactOnly && change.ExactOnly : change.ExactOnly;
        }
    }

    /// <summary>The nodes the transaction added to its domain's count (negative when it removed more than it created).</summary>
    public int OwnedGrowth(uint domainId) => Tree.OwnedBy(domainId) - ownedAtStart;
}
