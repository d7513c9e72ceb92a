using System.Collections.Immutable;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// A change that fires watches: the absolute path, whether only exact watches match (descendants of a
/// removed subtree), the node's permissions at the time and, for SET_PERMS, the permissions it had
/// before (for the watcher's read check: C xenstored's <c>watch_permitted</c> lets a watcher who could
/// read the node under either see the change, so one whose access was just revoked still hears of it).
/// </summary>
internal readonly record struct StoreEvent(string Path, bool ExactOnly, ImmutableArray<XenStorePermission> Permissions, ImmutableArray<XenStorePermission> PreviousPermissions = default);
