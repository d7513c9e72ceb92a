using System.Collections.Immutable;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// Permission evaluation (xenstored's <c>perm_for_conn</c>) and the ENOENT to EACCES masking that hides
/// whether a node exists from callers that cannot read its parent.
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
        (AccessFor(caller, node.Permissions) & needed) == needed;

    /// <summary>The error for a missing node: ENOENT if the caller may read the nearest existing ancestor, else EACCES.</summary>
    public static string MissingNodeError(XenStoreIdentity caller, NodeTree tree, string path)
    {
        for (var parent = XenStorePath.Parent(path); parent is not null; parent = XenStorePath.Parent(parent))
        {
            if (tree.Get(parent) is { } ancestor)
            {
                return Allows(caller, ancestor, XenStoreAccess.Read) ? XenStoreErrors.NotFound : XenStoreErrors.AccessDenied;
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
