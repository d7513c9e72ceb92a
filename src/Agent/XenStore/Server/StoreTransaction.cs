namespace GuestAgent.XenStore.Server;

/// <summary>An open transaction: a private snapshot of the store plus the events to fire if it commits.</summary>
internal sealed class StoreTransaction(uint id, NodeTree tree)
{
    public uint Id { get; } = id;

    public NodeTree Tree { get; } = tree;

    public List<StoreEvent> Events { get; } = [];
}
