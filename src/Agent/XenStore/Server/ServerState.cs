using System.Collections.Immutable;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// The state every connection shares: the store, the watches, the special paths' permissions, the
/// known domains, the open connections and the generation counter. Guarded by <see cref="Gate"/>:
/// requests are applied one at a time, like xenstored's single thread.
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

    /// <summary>Every open client connection (registered and removed under <see cref="Gate"/>).</summary>
    public HashSet<ServerConnection> Connections { get; } = [];

    /// <summary>The open connections acting as a domain (C xenstored's one connection per domain).</summary>
    public List<ServerConnection> ConnectionsOf(uint domainId) => [.. Connections.Where(c => c.Identity.DomainId == domainId)];

    /// <summary>
    /// Drops a connection's watches and transactions (C's <c>conn_delete_all_watches</c> and
    /// <c>conn_delete_all_transactions</c>): on RESET_WATCHES, INTRODUCE of its domain, its domain's
    /// release, and when it closes. Nothing fires.
    /// </summary>
    public void EndSession(ServerConnection connection)
    {
        Watches.RemoveAll(connection);
        connection.Transactions.Clear();
    }

    /// <summary>
    /// Fires the watches of a node a commit has just written to the store (C xenstored's
    /// <c>fire_watches</c> from <c>finalize_transaction</c>): a watcher hears of it if it may read the
    /// node as it was at the transaction's first access, or as it is now, or, when the node exists
    /// now, its parent as it is now (before the commit if the transaction accessed the parent later,
    /// since nodes are committed in that order). The entries the node had at each change in between
    /// do not count. A node with neither (created and removed in the transaction) fires for nobody,
    /// dom0 included, as C's <c>watch_permitted</c> finds nothing to check for anyone.
    /// </summary>
    /// <param name="path">The node.</param>
    /// <param name="exactOnly">Whether only exact watches match (every change to it was a removed descendant's).</param>
    /// <param name="atFirstAccess">The node's honoured entries at the transaction's first access; default when it did not exist.</param>
    /// <param name="batch">The commit's events so far: an identical one is not sent twice.</param>
    public void FireCommitted(string path, bool exactOnly, ImmutableArray<XenStorePermission> atFirstAccess, EventBatch batch)
    {
        var node = Tree.Get(path);
        if (node is null && atFirstAccess.IsDefaultOrEmpty)
        {
            return;
        }

        var parent = node is not null && XenStorePath.Parent(path) is { } parentPath ? Tree.Get(parentPath) : null;
        var parentPermissions = parent?.Honoured ?? ImmutableArray<XenStorePermission>.Empty;
        var change = new StoreEvent(path, exactOnly, node?.Honoured ?? ImmutableArray<XenStorePermission>.Empty, atFirstAccess, parentPermissions);
        Watches.Fire(change, parentPermissions, batch);
    }

    /// <summary>Fires the watches of one request's changes, each identical event once (<see cref="EventBatch"/>).</summary>
    public void Fire(IEnumerable<StoreEvent> events)
    {
        var batch = new EventBatch();
        foreach (var change in events)
        {
            ImmutableArray<XenStorePermission>? parentPermissions = null;
            if (XenStorePath.IsSpecial(change.Path))
            {
                Watches.Fire(change with { Permissions = SpecialPermissions.GetValueOrDefault(change.Path) }, null, batch);
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

            Watches.Fire(change, parentPermissions, batch);
        }
    }
}
