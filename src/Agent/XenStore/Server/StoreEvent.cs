using System.Collections.Immutable;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// A change that fires watches: the absolute path, whether only exact watches match (descendants of a
/// removed subtree) and the node's permissions at the time (for the watcher's read check).
/// </summary>
internal readonly record struct StoreEvent(string Path, bool ExactOnly, ImmutableArray<XenStorePermission> Permissions);
