using System.Collections.Immutable;
using System.Text;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// Every connection's watches, and the matching rules: a change on P fires a watch on W when P == W or
/// P is below W (exact match only for the descendants of a removed subtree), if the watcher may read
/// the node or its parent (for a removed node, the parent as it was when the node was deleted; see
/// <see cref="StoreEvent"/>). Events go out with request and transaction ids 0; one longer than 4096
/// bytes is dropped, as C xenstored drops it, and so is a node event identical to one the same
/// request already queued (<see cref="EventBatch"/>).
/// </summary>
internal sealed class WatchRegistry
{
    private readonly WatchIndex _watches = new();

    /// <summary>The watches of every connection acting as the domain (C xenstored's per-domain count).</summary>
    public int CountFor(uint domainId) => _watches.CountFor(domainId);

    public bool Contains(ServerConnection connection, string resolvedPath, string token) => _watches.Contains(connection, resolvedPath, token);

    public void Add(ServerWatch watch) => _watches.Add(watch);

    public bool Remove(ServerConnection connection, string resolvedPath, string token) => _watches.Remove(connection, resolvedPath, token);

    public void RemoveAll(ServerConnection connection) => _watches.RemoveAll(connection);

    /// <summary>What the index holds entries for (<see cref="WatchIndex.Footprint"/>).</summary>
    internal (int Paths, int Connections, int Domains) Footprint => _watches.Footprint;

    /// <summary>Sends the initial event of a new watch: its path and token exactly as registered.</summary>
    public static void SendInitialEvent(ServerWatch watch) => Send(watch.Connection, watch.Path, watch.Token);

    /// <summary>Fires the watches matching a change.</summary>
    /// <param name="change">The change.</param>
    /// <param name="parentPermissions">The parent's permissions, if the parent exists.</param>
    /// <param name="batch">The events the request queued so far: an identical one is not sent again (special paths excepted).</param>
    public void Fire(StoreEvent change, ImmutableArray<XenStorePermission>? parentPermissions, EventBatch batch)
    {
        var special = XenStorePath.IsSpecial(change.Path);
        foreach (var watch in Matching(change))
        {
            if (!MaySee(watch.Connection.Identity, change, parentPermissions))
            {
                continue;
            }

            var path = watch.RelativePrefix is { } prefix && change.Path.StartsWith(prefix, StringComparison.Ordinal)
                ? change.Path[prefix.Length..]
                : change.Path;
            if (special || batch.TryAdd(watch.Connection, path, watch.Token))
            {
                Send(watch.Connection, path, watch.Token);
            }
        }
    }

    /// <summary>
    /// The watches whose path matches the change, in the order they were registered (before the
    /// permission check): those on the path itself, and unless only exact watches match (or the path
    /// is special) those on each of its ancestors, which are the watch paths it is at or below.
    /// </summary>
    internal List<ServerWatch> Matching(StoreEvent change) =>
        _watches.On(change.Path, andAncestors: !change.ExactOnly && !XenStorePath.IsSpecial(change.Path));

    private static bool MaySee(XenStoreIdentity watcher, StoreEvent change, ImmutableArray<XenStorePermission>? parent) =>
        watcher.IsPrivileged
        || MayRead(watcher, change.PreviousPermissions)
        || MayRead(watcher, change.Permissions)
        || (parent is { } p && MayRead(watcher, p));

    private static bool MayRead(XenStoreIdentity watcher, ImmutableArray<XenStorePermission> permissions) =>
        !permissions.IsDefaultOrEmpty && (PermissionChecker.AccessFor(watcher, permissions) & XenStoreAccess.Read) != 0;

    private static void Send(ServerConnection connection, string path, string token)
    {
        // An event that would not fit in one message is dropped, as C xenstored drops it (send_event:
        // "Don't try to send over-long events"): a long token on a watch high in the tree and a
        // long path below it add up to more than any client accepts, and a client that gets such a
        // message hangs up (libxenstore fails it with E2BIG, ours as a protocol error).
        if (path.Length + 1 + token.Length + 1 > XenStoreLimits.PayloadMax)
        {
            return;
        }

        var payload = new byte[path.Length + token.Length + 2];
        Encoding.Latin1.GetBytes(path, payload);
        Encoding.Latin1.GetBytes(token, payload.AsSpan(path.Length + 1));
        connection.Send(XenStoreMessage.Encode(XenStoreMessageType.WatchEvent, 0, 0, payload));
    }
}
