using System.Collections.Immutable;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// A change that fires watches: the absolute path, whether only exact watches match (descendants of a
/// removed subtree), the node's permissions at the time and, for SET_PERMS, the permissions it had
/// before (for the watcher's read check: C xenstored's <c>watch_permitted</c> lets a watcher who could
/// read the node under either see the change, so one whose access was just revoked still hears of it).
/// All are the honoured entries (<see cref="StoreNode.Honoured"/>). <see cref="ParentPermissions"/> is
/// the parent's, captured when the change was made (a removed node's parent, which may be gone by the
/// time the event fires; empty when the parent must not count); default to look the parent up when
/// the event fires.
/// </summary>
internal readonly record struct StoreEvent(
    string Path,
    bool ExactOnly,
    ImmutableArray<XenStorePermission> Permissions,
    ImmutableArray<XenStorePermission> PreviousPermissions = default,
    ImmutableArray<XenStorePermission> ParentPermissions = default);
