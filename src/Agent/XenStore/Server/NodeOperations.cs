using System.Collections.Immutable;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// The node operations of one request, on the global store or a transaction's snapshot: permission
/// checks, guest quotas, creation of missing parents (inheriting permissions), recursive removal and
/// the events each change fires. Methods return an error name, or null on success. <c>committed</c> is
/// the global store when <c>tree</c> is a transaction's view (null otherwise): a guest's creations in
/// a transaction are checked against the nodes it owns there.
/// </summary>
internal sealed class NodeOperations(NodeTree tree, XenStoreIdentity caller, XenStoreServerOptions options, DomainTable domains, Func<long> nextGeneration, List<StoreEvent> events, NodeTree? committed = null)
{
    /// <summary>
    /// Whether the request was refused a record by the node-size quota. In a transaction that fails
    /// the transaction: C xenstored 4.17's <c>write_node</c> marks it failed when the record it writes
    /// is refused (the node-count and entry-count checks come before it and do not).
    /// </summary>
    public bool RefusedRecord { get; private set; }

    public string? Read(string path, out StoreNode? node)
    {
        node = tree.Get(path);
        if (node is null)
        {
            return PermissionChecker.MissingNodeError(caller, tree, path);
        }

        return PermissionChecker.Allows(caller, node, XenStoreAccess.Read) ? null : XenStoreErrors.AccessDenied;
    }

    public string? Write(string path, byte[] value)
    {
        var node = tree.Get(path);
        if (node is null)
        {
            return Create(path, value);
        }

        if (!PermissionChecker.Allows(caller, node, XenStoreAccess.Write))
        {
            return XenStoreErrors.AccessDenied;
        }

        var updated = node with { Value = value, Generation = nextGeneration() };
        if (OverSize(updated.RecordSize))
        {
            return XenStoreErrors.NoSpace;
        }

        tree.Set(path, updated);
        events.Add(new StoreEvent(path, false, updated.Honoured));
        return null;
    }

    public string? Mkdir(string path)
    {
        var node = tree.Get(path);
        if (node is not null)
        {
            return PermissionChecker.Allows(caller, node, XenStoreAccess.Write) ? null : XenStoreErrors.AccessDenied;
        }

        return Create(path, []);
    }

    public string? Remove(string path)
    {
        var node = tree.Get(path);
        if (node is not null && !PermissionChecker.Allows(caller, node, XenStoreAccess.Write))
        {
            return XenStoreErrors.AccessDenied;
        }

        // After the permission check, as in xenstored: a guest removing / is told EACCES.
        if (path == "/")
        {
            return XenStoreErrors.InvalidArgument;
        }

        var parentPath = XenStorePath.Parent(path)!;
        var parent = tree.Get(parentPath);
        if (node is null)
        {
            // C xenstored looks the node up for writing, so a caller who may not write the nearest
            // existing ancestor gets EACCES; otherwise removing an absent node is fine when its
            // parent exists, and ENOENT when the parent is missing too.
            var missing = PermissionChecker.MissingNodeError(caller, tree, path, XenStoreAccess.Write);
            return missing == XenStoreErrors.NotFound && parent is not null ? null : missing;
        }

        RemoveSubtree(path, node, isRoot: true, parent is null ? default : parent.Honoured);
        if (parent is not null)
        {
            tree.Set(parentPath, parent with { Children = parent.Children.Remove(XenStorePath.Name(path)), Generation = nextGeneration() });
        }

        return null;
    }

    /// <summary>
    /// SET_PERMS' first check, before the entries are even parsed: a guest's entry count (ENOSPC).
    /// </summary>
    public string? CheckEntryCount(int entries) =>
        !caller.IsPrivileged && entries > options.MaxPermissionsPerNode ? XenStoreErrors.NoSpace : null;

    /// <summary>
    /// SET_PERMS' check once the entries are parsed, before the node or special path is looked up: an
    /// owner that does not exist is ENOENT (<c>domain_alloc_permrefs</c> marks its entry ignored and
    /// <c>do_set_perms</c> refuses that).
    /// </summary>
    public string? CheckOwnerExists(ImmutableArray<XenStorePermission> permissions) =>
        domains.Exists(permissions[0].DomainId) ? null : XenStoreErrors.NotFound;

    public string? SetPermissions(string path, ImmutableArray<XenStorePermission> permissions)
    {
        if ((CheckEntryCount(permissions.Length) ?? CheckOwnerExists(permissions)) is { } refused)
        {
            return refused;
        }

        var node = tree.Get(path);
        if (node is null)
        {
            return PermissionChecker.MissingNodeError(caller, tree, path, XenStoreAccess.Write);
        }

        if (!PermissionChecker.Allows(caller, node, XenStoreAccess.Write) || (!caller.IsPrivileged && node.Owner != caller.DomainId))
        {
            return XenStoreErrors.AccessDenied;
        }

        if (!caller.IsPrivileged && permissions[0].DomainId != node.Owner)
        {
            return XenStoreErrors.NotPermitted;
        }

        // More entries make a bigger record: the node-size quota applies to SET_PERMS too.
        var updated = node with { Permissions = permissions, Honoured = domains.Honoured(permissions), Generation = nextGeneration() };
        if (OverSize(updated.RecordSize))
        {
            return XenStoreErrors.NoSpace;
        }

        tree.Set(path, updated);
        events.Add(new StoreEvent(path, false, updated.Honoured, node.Honoured));
        return null;
    }

    private string? Create(string path, byte[] value)
    {
        var (existingPath, existing) = PermissionChecker.NearestExisting(tree, path)!.Value;
        if (!PermissionChecker.Allows(caller, existing, XenStoreAccess.Write))
        {
            return XenStoreErrors.AccessDenied;
        }

        var missing = new List<string>();
        for (var current = path; current != existingPath; current = XenStorePath.Parent(current)!)
        {
            missing.Add(current);
        }

        missing.Reverse();
        // Created nodes inherit the entries and which of them are ignored.
        var permissions = existing.Permissions;
        var honoured = existing.Honoured;
        if (!caller.IsPrivileged)
        {
            // A node an unprivileged domain creates belongs to it.
            permissions = permissions.SetItem(0, new XenStorePermission(permissions[0].Access, caller.DomainId));
            honoured = honoured.SetItem(0, permissions[0]);
            // In a transaction C xenstored 4.17 checks each creation against the nodes the domain
            // owns outside it, as committed (domain_nbentry ignores the transaction's own changes):
            // its removals make no room, its creations take none, and the commit checks the net
            // change (SessionRequests). Outside one, every new node counts at once.
            if ((committed is null
                    ? tree.OwnedBy(caller.DomainId) + missing.Count > options.MaxNodesPerDomain
                    : committed.OwnedBy(caller.DomainId) >= options.MaxNodesPerDomain)
                || CreatedRecordsOverSize(existing, missing, value.Length, permissions.Length))
            {
                return XenStoreErrors.NoSpace;
            }
        }

        var generation = nextGeneration();
        var parentPath = existingPath;
        foreach (var created in missing)
        {
            var parent = tree.Get(parentPath)!;
            tree.Set(parentPath, parent with { Children = parent.Children.Add(XenStorePath.Name(created)), Generation = generation });
            tree.Set(created, new StoreNode(created == path ? value : [], permissions, [], generation) { Honoured = honoured });
            parentPath = created;
        }

        // Intermediate parents fire nothing of their own; watchers above still match the target.
        events.Add(new StoreEvent(path, false, honoured));
        return null;
    }

    /// <summary>
    /// Whether a creation would write a record a guest may not reach. C xenstored writes (and checks)
    /// every record a creation touches: the existing parent, grown by the first new name; each new
    /// intermediate node, holding the next name; and the target, holding the value.
    /// </summary>
    private bool CreatedRecordsOverSize(StoreNode existing, List<string> missing, int valueBytes, int permissionEntries)
    {
        if (OverSize(existing.RecordSize + StoreNode.ChildNameBytes(XenStorePath.Name(missing[0]))))
        {
            return true;
        }

        for (var i = 0; i < missing.Count - 1; i++)
        {
            if (OverSize(StoreNode.RecordSizeOf(0, permissionEntries, StoreNode.ChildNameBytes(XenStorePath.Name(missing[i + 1])))))
            {
                return true;
            }
        }

        return OverSize(StoreNode.RecordSizeOf(valueBytes, permissionEntries, 0));
    }

    /// <summary>
    /// C xenstored refuses an unprivileged connection a record that reaches the limit
    /// (<c>dsize &gt;= quota_max_entry_size</c>), so the largest a guest may store is one byte less.
    /// </summary>
    private bool OverSize(int recordSize)
    {
        var refused = !caller.IsPrivileged && recordSize >= options.MaxNodeSize;
        RefusedRecord |= refused;
        return refused;
    }

    /// <summary>
    /// Removes a subtree children first, queuing each node's event with its parent's entries as they
    /// were: C xenstored fires while deleting, when the parent still exists, so a watcher who may read
    /// a deleted node's parent hears of it (<c>watch_permitted</c>). In a transaction these entries do
    /// not count: the commit finds the node gone and checks only its entries at the transaction's
    /// first access (<see cref="ServerState.FireCommitted"/>).
    /// </summary>
    private void RemoveSubtree(string path, StoreNode node, bool isRoot, ImmutableArray<XenStorePermission> parentPermissions)
    {
        foreach (var child in node.Children)
        {
            var childPath = XenStorePath.Child(path, child);
            if (tree.Get(childPath) is { } childNode)
            {
                RemoveSubtree(childPath, childNode, isRoot: false, node.Honoured);
            }
        }

        tree.Remove(path);
        events.Add(new StoreEvent(path, !isRoot, node.Honoured, ParentPermissions: parentPermissions));
    }
}
