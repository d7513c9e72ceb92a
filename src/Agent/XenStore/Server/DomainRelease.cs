using System.Collections.Immutable;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// What RELEASE does to the store, in C xenstored 4.17's order (<c>do_release</c> freeing the domain's
/// connection, whose destructor runs <c>destroy_domain</c>), without its <c>-K</c> option:
/// <list type="number">
/// <item>The domain's connections are closed: their watches and transactions go first, so none of
/// them hears of what follows, and requests they already sent are dropped.</item>
/// <item>Every node the domain owns is removed with its subtree (<c>domain_tree_remove</c>): the tree
/// is walked from <c>/</c> depth first in child order and each owned node removed as dom0's RM would,
/// firing watches the same way (the removed node for watches on it or above, each descendant for
/// exact watches only, children first).</item>
/// <item>Entries naming the domain stop counting, in the store, on the special paths, and in every
/// open transaction: its snapshot (where a node the domain owned is read as dom0's, as C's
/// <c>domain_adjust_node_perms</c> reads it) and the entries its nodes had at its first access, which
/// its commit's watch checks use. There only the entries after the owner are dropped: an owner entry
/// naming the domain is left as it was, as it never counts. It is the record of a node the domain
/// owned in the store when the transaction began, which the release has just removed (or which
/// changed earlier), so that transaction's commit conflicts (EAGAIN) before any watch check.</item>
/// <item><c>@releaseDomain</c> fires. The caller's reply was sent before all of this (DomainRequests.Release), as C xenstored 4.17 sends it.</item>
/// </list>
/// </summary>
internal static class DomainRelease
{
    public static void Apply(ServerState state, uint domainId)
    {
        foreach (var connection in state.ConnectionsOf(domainId))
        {
            state.EndSession(connection);
            connection.Close();
        }

        RemoveOwnedNodes(state, domainId);
        state.Domains.Release(domainId);
        StopHonouring(state, domainId);
        state.Fire([new StoreEvent(XenStorePath.ReleaseDomain, true, default)]);
    }

    private static void RemoveOwnedNodes(ServerState state, uint domainId)
    {
        // C skips the walk when the domain owns nothing.
        if (state.Tree.OwnedBy(domainId) == 0)
        {
            return;
        }

        foreach (var path in TopmostOwned(state.Tree, domainId))
        {
            var events = new List<StoreEvent>();
            var operations = new NodeOperations(state.Tree, XenStoreIdentity.Dom0, state.Options, state.Domains, state.NextGeneration, events);
            operations.Remove(path);
            state.Fire(events);
        }
    }

    // The owned nodes in depth-first, child-order walk from "/", not looking below one already found
    // (its removal takes its subtree, whoever owns the rest).
    private static List<string> TopmostOwned(NodeTree tree, uint domainId)
    {
        var found = new List<string>();
        var pending = new Stack<string>();
        pending.Push("/");
        while (pending.TryPop(out var path))
        {
            if (tree.Get(path) is not { } node)
            {
                continue;
            }

            if (node.Owner == domainId && path != "/")
            {
                found.Add(path);
                continue;
            }

            for (var i = node.Children.Count - 1; i >= 0; i--)
            {
                pending.Push(XenStorePath.Child(path, node.Children[i]));
            }
        }

        return found;
    }

    private static void StopHonouring(ServerState state, uint domainId)
    {
        Revise(state.Tree, state.Domains, domainId);
        foreach (var (path, permissions) in state.SpecialPermissions.ToList())
        {
            state.SpecialPermissions[path] = state.Domains.Honoured(permissions);
        }

        foreach (var transaction in state.Connections.SelectMany(c => c.Transactions.Values))
        {
            Revise(transaction.Tree, state.Domains, domainId);
            transaction.Tree.ReviseFirstAccessPermissions(entries => Honoured(state.Domains, entries));
        }
    }

    private static void Revise(NodeTree tree, DomainTable domains, uint domainId)
    {
        foreach (var (path, node) in tree.All.ToList())
        {
            var honoured = domains.Honoured(node.Honoured);
            if (node.Owner == domainId)
            {
                // Only in a transaction's snapshot: the store no longer holds such a node.
                var owner = new XenStorePermission(node.Permissions[0].Access, 0);
                tree.Revise(path, node with { Permissions = node.Permissions.SetItem(0, owner), Honoured = honoured.SetItem(0, owner) });
            }
            else if (honoured.Length != node.Honoured.Length)
            {
                tree.Revise(path, node with { Honoured = honoured });
            }
        }
    }

    // Default entries (the node did not exist at first access) stay as they are; so does the owner
    // entry (DomainTable.Honoured keeps it): see the summary for why it cannot count.
    private static ImmutableArray<XenStorePermission> Honoured(DomainTable domains, ImmutableArray<XenStorePermission> entries) =>
        entries.IsDefaultOrEmpty ? entries : domains.Honoured(entries);
}
