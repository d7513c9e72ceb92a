using System.Collections.Immutable;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// Permission evaluation (xenstored's <c>perm_for_conn</c>, on the honoured entries: see
/// <see cref="StoreNode.Honoured"/>) and the ENOENT to EACCES masking that hides whether a node exists
/// from callers that cannot read its parent.
/// </summary>
internal static class PermissionChecker
{
    public static XenStoreAccess AccessFor(XenStoreIdentity caller, ImmutableArray<XenStorePermission> permissions)
    {
        if (caller.IsPrivileged || permissions[0].DomainId == caller.DomainId)
        {
            return XenStoreAccess.Both;
        }

        for (var i = 1; i < permissions.Length; i++)
        {
            if (permissions[i].DomainId == caller.DomainId)
            {
                return permissions[i].Access;
            }
        }

        return permissions[0].Access;
    }

    public static bool Allows(XenStoreIdentity caller, StoreNode node, XenStoreAccess needed) =>
        (AccessFor(caller, node.Honoured) & needed) == needed;

    /// <summary>
    /// The error for a missing node looked up for <paramref name="wanted"/> access: ENOENT if the
    /// caller has that access to the nearest existing ancestor, else EACCES (xenstored's
    /// <c>errno_from_parents</c>, which tests the access the request wanted: read for READ, write for
    /// RM and SET_PERMS).
    /// </summary>
    public static string MissingNodeError(XenStoreIdentity caller, NodeTree tree, string path, XenStoreAccess wanted = XenStoreAccess.Read)
    {
        for (var parent = XenStorePath.Parent(path); parent is not null; parent = XenStorePath.Parent(parent))
        {
            if (tree.Get(parent) is { } ancestor)
            {
                return (AccessFor(caller, ancestor.Honoured) & wanted) != 0 ? XenStoreErrors.NotFound : XenStoreErrors.AccessDenied;
            }
        }

        return XenStoreErrors.NotFound;
    }

    /// <summary>The nearest existing ancestor of a path (or the node itself when it exists).</summary>
    public static (string Path, StoreNode Node)? NearestExisting(NodeTree tree, string path)
    {
        for (string? current = path; current is not null; current = XenStorePath.Parent(current))
        {
            if (tree.Get(current) is { } node)
            {
                return (current, node);
            }
        }

        return null;
    }
}
