using System.Collections.Immutable;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// The state every connection shares: the store, the watches, the special paths' permissions, the
/// known domains and the generation counter. Guarded by <see cref="Gate"/>: requests are applied
/// one at a time, like xenstored's single thread.
/// </summary>
internal sealed class ServerState
{
    private long _generation;
    private int _forcedConflicts;

    public ServerState(XenStoreServerOptions options)
    {
        Options = options;
        Tree.Set("/", new StoreNode([], [new XenStorePermission(XenStoreAccess.None, 0)], [], NextGeneration()));
    }

    public Lock Gate { get; } = new();

    public XenStoreServerOptions Options { get; }

    public NodeTree Tree { get; } = new();

    public WatchRegistry Watches { get; } = new();

    /// <summary>The special paths' permissions, as honoured (see <see cref="DomainTable.Honoured"/>).</summary>
    public Dictionary<string, ImmutableArray<XenStorePermission>> SpecialPermissions { get; } = new(StringComparer.Ordinal)
    {
        [XenStorePath.IntroduceDomain] = [new XenStorePermission(XenStoreAccess.None, 0)],
        [XenStorePath.ReleaseDomain] = [new XenStorePermission(XenStoreAccess.None, 0)],
    };

    public DomainTable Domains { get; } = new();

    public int TransactionConflicts { get; private set; }

    public long NextGeneration() => ++_generation;

    public void ForceConflicts(int count) => _forcedConflicts += count;

    /// <summary>Whether the next commit must fail with EAGAIN because a test asked for it.</summary>
    public bool TakeForcedConflict()
    {
        if (_forcedConflicts == 0)
        {
            return false;
        }

        _forcedConflicts--;
        return true;
    }

    public void CountConflict() => TransactionConflicts++;

    /// <summary>
    /// Releases a domain and stops honouring the permission entries that name it, in the store and on
    /// the special paths (C xenstored ignores them from then on, even if the id comes back).
    /// </summary>
    public void Release(uint domainId)
    {
        Domains.Release(domainId);
        foreach (var (path, node) in Tree.All.ToList())
        {
            var honoured = Domains.Honoured(node.Honoured);
            if (honoured.Length != node.Honoured.Length)
            {
                Tree.Revise(path, node with { Honoured = honoured });
            }
        }

        foreach (var (path, permissions) in SpecialPermissions.ToList())
        {
            SpecialPermissions[path] = Domains.Honoured(permissions);
        }
    }

    public void Fire(IEnumerable<StoreEvent> events)
    {
        foreach (var change in events)
        {
            ImmutableArray<XenStorePermission>? parentPermissions = null;
            if (XenStorePath.IsSpecial(change.Path))
            {
                Watches.Fire(change with { Permissions = SpecialPermissions.GetValueOrDefault(change.Path) }, null);
                continue;
            }

            if (!change.ParentPermissions.IsDefault)
            {
                parentPermissions = change.ParentPermissions;
            }
            else if (XenStorePath.Parent(change.Path) is { } parent && Tree.Get(parent) is { } parentNode)
            {
                parentPermissions = parentNode.Honoured;
            }

            Watches.Fire(change, parentPermissions);
        }
    }
}
