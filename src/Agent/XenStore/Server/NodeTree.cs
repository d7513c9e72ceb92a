using System.Collections.Immutable;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// The node map, persistent (immutable dictionaries) so a transaction's snapshot is an O(1) copy.
/// Counts the nodes each domain owns for the quota. When <see cref="Accessed"/> is set (inside a
/// transaction) every path touched is recorded with the generation it had when first seen, and the
/// order of those first accesses (<see cref="AccessOrder"/>) and the
/// entries the node had then (<see cref="PermissionsAtFirstAccess"/>) are kept.
/// </summary>
internal sealed class NodeTree
{
    public const long Absent = -1;

    private ImmutableDictionary<string, StoreNode> _nodes;
    private ImmutableDictionary<uint, int> _owned;
    private List<string>? _accessed;
    private Dictionary<string, ImmutableArray<XenStorePermission>>? _firstPermissions;

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
    public ImmutableHashSet<string>? Modified { get; private set; }

    public int Count => _nodes.Count;

    /// <summary>
    /// The most paths this (transaction) tree records; a path past it is read but not recorded and
    /// counted in <see cref="RefusedAccesses"/>. <c>null</c>: no limit.
    /// </summary>
    public int? AccessLimit { get; private init; }

    /// <summary>How many first accesses <see cref="AccessLimit"/> has refused.</summary>
    public int RefusedAccesses { get; private set; }

    /// <summary>A snapshot that records accesses and changes: a transaction's private store.</summary>
    /// <param name="accessLimit">The most paths it records (<see cref="AccessLimit"/>).</param>
    public NodeTree Snapshot(int? accessLimit = null) => new(_nodes, _owned)
    {
        AccessLimit = accessLimit,
        Accessed = new(StringComparer.Ordinal),
        Modified = ImmutableHashSet.Create<string>(StringComparer.Ordinal),
        _accessed = [],
        _firstPermissions = new(StringComparer.Ordinal),
    };

    /// <summary>The paths this (transaction) tree has touched, in the order of their first access.</summary>
    public IReadOnlyList<string> AccessOrder => _accessed ?? [];

    public StoreNode? Get(string path)
    {
        var node = _nodes.GetValueOrDefault(path);
        if (Accessed is not null && Accessed.Count >= AccessLimit && !Accessed.ContainsKey(path))
        {
            RefusedAccesses++;
            return node;
        }

        if (Accessed?.TryAdd(path, node?.Generation ?? Absent) == true)
        {
            _accessed!.Add(path);
            if (node is not null)
            {
                _firstPermissions![path] = node.Honoured;
            }
        }

        return node;
    }

    /// <summary>
    /// The honoured entries the node had when this (transaction) tree first accessed it, which C
    /// xenstored keeps for the watch checks of the commit (<c>access_node</c>); default when the node
    /// did not exist then.
    /// </summary>
    public ImmutableArray<XenStorePermission> PermissionsAtFirstAccess(string path) =>
        _firstPermissions?.GetValueOrDefault(path) ?? default;

    /// <summary>
    /// Narrows the entries recorded at first access (a domain was released: <see cref="DomainRelease"/>
    /// says which entries naming it are dropped and why an owner entry naming it never counts).
    /// </summary>
    public void ReviseFirstAccessPermissions(Func<ImmutableArray<XenStorePermission>, ImmutableArray<XenStorePermission>> revise)
    {
        foreach (var (path, permissions) in _firstPermissions?.ToList() ?? [])
        {
            _firstPermissions![path] = revise(permissions);
        }
    }

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
        Modified = Modified?.Add(path);
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
        Modified = Modified?.Add(path);
    }

    /// <summary>The nodes, owners' counts and changed paths as they are now (all persistent: O(1)).</summary>
    public Checkpoint Save() => new(_nodes, _owned, Modified);

    /// <summary>
    /// Puts the nodes, owners' counts and changed paths back as <paramref name="checkpoint"/> saved
    /// them. The accesses recorded since stay recorded, as C's <c>access_node</c> keeps them.
    /// </summary>
    public void Restore(Checkpoint checkpoint) => (_nodes, _owned, Modified) = (checkpoint.Nodes, checkpoint.Owned, checkpoint.Modified);

    /// <summary>What <see cref="Save"/> keeps.</summary>
    internal readonly record struct Checkpoint(ImmutableDictionary<string, StoreNode> Nodes, ImmutableDictionary<uint, int> Owned, ImmutableHashSet<string>? Modified);

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
