using System.Collections.Immutable;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// The node map, persistent (immutable dictionaries) so a transaction's snapshot is an O(1) copy.
/// Counts the nodes each domain owns for the quota. When <see cref="Accessed"/> is set (inside a
/// transaction) every path touched is recorded with the generation it had when first seen, and the
/// order of those first accesses (<see cref="FirstAccess"/>) is kept.
/// </summary>
internal sealed class NodeTree
{
    public const long Absent = -1;

    private ImmutableDictionary<string, StoreNode> _nodes;
    private ImmutableDictionary<uint, int> _owned;
    private Dictionary<string, int>? _accessOrder;

    public NodeTree()
        : this(ImmutableDictionary.Create<string, StoreNode>(StringComparer.Ordinal), ImmutableDictionary<uint, int>.Empty)
    {
    }

    private NodeTree(ImmutableDictionary<string, StoreNode> nodes, ImmutableDictionary<uint, int> owned)
    {
        _nodes = nodes;
        _owned = owned;
    }

    /// <summary>Paths this (transaction) tree has touched, with the generation first seen.</summary>
    public Dictionary<string, long>? Accessed { get; private init; }

    /// <summary>Paths this (transaction) tree has changed.</summary>
    public HashSet<string>? Modified { get; private init; }

    public int Count => _nodes.Count;

    /// <summary>Whether this is a transaction's private store.</summary>
    public bool IsSnapshot => Accessed is not null;

    /// <summary>A snapshot that records accesses and changes: a transaction's private store.</summary>
    public NodeTree Snapshot() => new(_nodes, _owned)
    {
        Accessed = new(StringComparer.Ordinal),
        Modified = new(StringComparer.Ordinal),
        _accessOrder = new(StringComparer.Ordinal),
    };

    public StoreNode? Get(string path)
    {
        var node = _nodes.GetValueOrDefault(path);
        if (Accessed?.TryAdd(path, node?.Generation ?? Absent) == true)
        {
            _accessOrder![path] = _accessOrder.Count;
        }

        return node;
    }

    /// <summary>
    /// The rank of the path's first access in this (transaction) tree, reads included: 0 for the
    /// first path touched. <see cref="int.MaxValue"/> for a path never touched.
    /// </summary>
    public int FirstAccess(string path) => _accessOrder?.GetValueOrDefault(path, int.MaxValue) ?? int.MaxValue;

    /// <summary>Reads without recording an access (commit checks).</summary>
    public long GenerationOf(string path) => _nodes.TryGetValue(path, out var node) ? node.Generation : Absent;

    public void Set(string path, StoreNode node)
    {
        var previous = Get(path);
        if (previous is not null)
        {
            Adjust(previous.Owner, -1);
        }

        Adjust(node.Owner, +1);
        _nodes = _nodes.SetItem(path, node);
        Modified?.Add(path);
    }

    public void Remove(string path)
    {
        var previous = Get(path);
        if (previous is null)
        {
            return;
        }

        Adjust(previous.Owner, -1);
        _nodes = _nodes.Remove(path);
        Modified?.Add(path);
    }

    /// <summary>Copies one path's state (present or absent) from a transaction's tree.</summary>
    public void CopyFrom(NodeTree other, string path)
    {
        if (other._nodes.TryGetValue(path, out var node))
        {
            Set(path, node);
        }
        else
        {
            Remove(path);
        }
    }

    /// <summary>Every node, without recording accesses.</summary>
    public IEnumerable<KeyValuePair<string, StoreNode>> All => _nodes;

    /// <summary>
    /// Replaces a node by the same node as C xenstored would now read it (<see cref="StoreNode.Honoured"/>
    /// narrowed, or an owner that no longer exists read as dom0): no change to the generation or the
    /// transaction's records; the owners' counts follow.
    /// </summary>
    public void Revise(string path, StoreNode node)
    {
        if (_nodes.TryGetValue(path, out var previous) && previous.Owner != node.Owner)
        {
            Adjust(previous.Owner, -1);
            Adjust(node.Owner, +1);
        }

        _nodes = _nodes.SetItem(path, node);
    }

    public int OwnedBy(uint domainId) => _owned.GetValueOrDefault(domainId);

    private void Adjust(uint owner, int delta)
    {
        var count = _owned.GetValueOrDefault(owner) + delta;
        _owned = count == 0 ? _owned.Remove(owner) : _owned.SetItem(owner, count);
    }
}
