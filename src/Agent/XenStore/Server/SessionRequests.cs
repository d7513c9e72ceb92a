using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// Requests about the connection rather than one node: watches, transactions (snapshot, commit with
/// conflict detection), the privileged check of domain requests (answered by
/// <see cref="DomainRequests"/>), and ENOSYS for everything unknown.
/// </summary>
internal sealed class SessionRequests(ServerState state)
{
    // A new array per reply, not one shared by every reply (an array is writable by whoever holds it).
    private static byte[] Ok => "OK\0"u8.ToArray();
    private readonly DomainRequests _domains = new(state);

    public void Handle(Reply reply, byte[] payload)
    {
        var type = reply.Header.Type;
        var connection = reply.Connection;
        // CONTROL is privileged in C xenstored (XS_FLAG_PRIV), so a guest is refused before the
        // type's lack of support here is told.
        var privilegedOnly = type == XenStoreMessageType.Control
            || type is XenStoreMessageType.Introduce or XenStoreMessageType.Release or XenStoreMessageType.IsDomainIntroduced
                or XenStoreMessageType.Resume or XenStoreMessageType.SetTarget;
        if (privilegedOnly && !connection.Identity.IsPrivileged)
        {
            reply.Error(XenStoreErrors.AccessDenied);
            return;
        }

        // C's process_message looks the transaction id up for every type it knows but WATCH and
        // UNWATCH (XS_FLAG_NOTID), before the request runs: an id this connection holds no
        // transaction under is ENOENT, so the request is not applied. The transaction requests
        // check their own id (EBUSY, ENOENT), and a type 4.17 lacks is ENOSYS before any lookup.
        if (reply.Header.TransactionId != 0
            && LooksUpTransaction(type)
            && !connection.Transactions.ContainsKey(reply.Header.TransactionId))
        {
            reply.Error(XenStoreErrors.NotFound);
            return;
        }

        var error = type switch
        {
            XenStoreMessageType.Watch => Watch(reply, payload),
            XenStoreMessageType.Unwatch => Unwatch(reply, payload),
            XenStoreMessageType.TransactionStart => StartTransaction(reply),
            XenStoreMessageType.TransactionEnd => EndTransaction(reply, payload),
            XenStoreMessageType.GetDomainPath => _domains.GetDomainPath(reply, payload),
            XenStoreMessageType.Introduce => _domains.Introduce(reply, payload),
            XenStoreMessageType.Release => _domains.Release(reply, payload),
            XenStoreMessageType.IsDomainIntroduced => _domains.IsIntroduced(reply, payload),
            XenStoreMessageType.Resume => _domains.Resume(reply, payload),
            XenStoreMessageType.SetTarget => _domains.SetTarget(reply, payload),
            XenStoreMessageType.ResetWatches => ResetWatches(reply),
            _ => XenStoreErrors.NotImplemented,
        };
        if (error is not null)
        {
            reply.Error(error);
        }
    }

    // The non-node types C 4.17 knows (a wire_funcs entry) whose transaction id it looks up.
    private static bool LooksUpTransaction(XenStoreMessageType type) =>
        type is XenStoreMessageType.Control or XenStoreMessageType.GetDomainPath or XenStoreMessageType.Introduce
            or XenStoreMessageType.Release or XenStoreMessageType.IsDomainIntroduced or XenStoreMessageType.Resume
            or XenStoreMessageType.SetTarget or XenStoreMessageType.ResetWatches;

    public string? SetSpecialPermissions(Reply reply, string path, ImmutableArray<XenStorePermission> permissions)
    {
        // C 4.17's set_perms_special: a name other than the two is EINVAL, and the caller needs
        // write and owner access, which only dom0 and the owner have (perm_for_conn).
        if (!state.SpecialPermissions.TryGetValue(path, out var current))
        {
            return XenStoreErrors.InvalidArgument;
        }

        var caller = reply.Connection.Identity;
        if (!caller.IsPrivileged && current[0].DomainId != caller.DomainId)
        {
            return XenStoreErrors.AccessDenied;
        }

        state.SpecialPermissions[path] = state.Domains.Honoured(permissions);
        return null;
    }

    private string? Watch(Reply reply, byte[] payload)
    {
        if (WatchArguments(reply.Connection, payload) is not [var path, var token, ..] || !TryResolveWatchPath(reply.Connection, path, out var resolved, out var prefix))
        {
            return XenStoreErrors.InvalidArgument;
        }

        var connection = reply.Connection;
        // The kernel registers duplicates without complaint.
        if (!connection.EmulatesDevice && state.Watches.Contains(connection, resolved, token))
        {
            return XenStoreErrors.Exists;
        }

        // C xenstored 4.17 counts a domain's watches over all its connections and refuses only once
        // the count already exceeds the quota (do_watch: domain_watch(conn) >
        // quota_nb_watch_per_domain), so a guest holds one watch more.
        if (!connection.Identity.IsPrivileged && state.Watches.CountFor(connection.Identity.DomainId) > state.Options.MaxWatchesPerDomain)
        {
            return XenStoreErrors.TooBig;
        }

        var watch = new ServerWatch(connection, path, resolved, token, prefix);
        state.Watches.Add(watch);
        reply.Send(Ok);
        WatchRegistry.SendInitialEvent(watch);
        return null;
    }

    private string? Unwatch(Reply reply, byte[] payload)
    {
        if (WatchArguments(reply.Connection, payload) is not [var path, var token, ..])
        {
            return XenStoreErrors.InvalidArgument;
        }

        // C 4.17's do_unwatch only canonicalizes the path: one no watch can have (invalid, or a
        // special path over the length limit) is simply not found.
        var connection = reply.Connection;
        var resolved = XenStorePath.IsSpecial(path) ? path : XenStorePath.Resolve(path, connection.Identity.Home);
        var removed = state.Watches.Remove(connection, resolved, token);

        // The kernel answers UNWATCH itself, OK whether or not the file held the watch.
        return removed || connection.EmulatesDevice ? Send(reply, Ok) : XenStoreErrors.NotFound;
    }

    private string? StartTransaction(Reply reply)
    {
        var connection = reply.Connection;
        if (reply.Header.TransactionId != 0)
        {
            return connection.Transactions.ContainsKey(reply.Header.TransactionId) ? XenStoreErrors.Busy : XenStoreErrors.NotFound;
        }

        // As for watches: do_transaction_start refuses when transaction_started > quota_max_transaction.
        if (!connection.Identity.IsPrivileged && connection.Transactions.Count > state.Options.MaxTransactionsPerConnection)
        {
            return XenStoreErrors.NoSpace;
        }

        var id = connection.LastTransactionId;
        do
        {
            id = unchecked(id + 1);
        }
        while (id == 0 || connection.Transactions.ContainsKey(id));

        connection.LastTransactionId = id;
        var snapshot = state.Tree.Snapshot(connection.Identity.IsPrivileged ? null : state.Options.MaxNodesPerTransaction);
        connection.Transactions[id] = new StoreTransaction(id, snapshot, snapshot.OwnedBy(connection.Identity.DomainId));
        return Send(reply, Encoding.ASCII.GetBytes(id.ToString(CultureInfo.InvariantCulture) + "\0"));
    }

    private string? EndTransaction(Reply reply, byte[] payload)
    {
        // C xenstored's order: an unknown transaction id fails before any request is looked at
        // (ENOENT), then the argument (EINVAL), and only then the lack of a transaction (tx_id 0).
        var connection = reply.Connection;
        StoreTransaction? transaction = null;
        if (reply.Header.TransactionId != 0 && !connection.Transactions.TryGetValue(reply.Header.TransactionId, out transaction))
        {
            return XenStoreErrors.NotFound;
        }

        if (!XenStorePayload.TryOneArgument(payload, out var argument) || argument is not ("T" or "F"))
        {
            return XenStoreErrors.InvalidArgument;
        }

        if (transaction is null)
        {
            return XenStoreErrors.NotFound;
        }

        connection.Transactions.Remove(transaction.Id);
        if (argument == "F")
        {
            return Send(reply, Ok);
        }

        // C's do_transaction_end answers ENOMEM for a transaction marked failed, before any check.
        if (transaction.Failed)
        {
            return XenStoreErrors.OutOfMemory;
        }

        if (state.TakeForcedConflict() || HasConflict(transaction.Tree))
        {
            state.CountConflict();
            return XenStoreErrors.TryAgain;
        }

        // A transaction's creations were each checked against the count outside it only
        // (NodeOperations), so its net growth, and concurrent ones (one per connection, and a guest
        // may open many), could overshoot. As C xenstored 4.17 fixes the domain accounting at
        // commit (ENOSPC, the transaction gone), a net growth must leave the count as it is now
        // below the quota: C refuses one that reaches it (cnt >= quota), where a plain write may
        // fill it. A transaction that removes more than it creates commits, even above the quota.
        var identity = connection.Identity;
        var growth = transaction.OwnedGrowth(identity.DomainId);
        if (!identity.IsPrivileged
            && growth > 0
            && state.Tree.OwnedBy(identity.DomainId) + growth >= state.Options.MaxNodesPerDomain)
        {
            return XenStoreErrors.NoSpace;
        }

        // C xenstored commits node by node, in the order the transaction first accessed them, reads
        // included, and fires each node's watches right after its own commit (finalize_transaction):
        // a node read before others were written fires first, and a removed subtree fires from its
        // root down. A domain released while the transaction was open has already been taken out of
        // its snapshot and first-access entries (DomainRelease).
        var batch = new EventBatch();
        foreach (var path in transaction.Tree.AccessOrder)
        {
            if (transaction.Tree.Modified!.Contains(path))
            {
                state.Tree.CopyFrom(transaction.Tree, path);
            }

            if (transaction.WatchesToFire.TryGetValue(path, out var exactOnly))
            {
                state.FireCommitted(path, exactOnly, transaction.Tree.PermissionsAtFirstAccess(path), batch);
            }
        }

        return Send(reply, Ok);
    }

    // Any node the transaction touched whose generation moved since the snapshot is a conflict.
    private bool HasConflict(NodeTree transactionTree)
    {
        foreach (var (path, generation) in transactionTree.Accessed!)
        {
            if (state.Tree.GenerationOf(path) != generation)
            {
                return true;
            }
        }

        return false;
    }

    private string? ResetWatches(Reply reply)
    {
        state.EndSession(reply.Connection);
        return Send(reply, Ok);
    }

    private static bool TryResolveWatchPath(ServerConnection connection, string path, out string resolved, out string? relativePrefix)
    {
        relativePrefix = null;
        if (XenStorePath.IsSpecial(path))
        {
            // C xenstored 4.17 checks only the length of a special path here (do_watch): "@", or
            // one with characters a node name may not hold, is a watch that never fires.
            resolved = path;
            return path.Length <= XenStoreLimits.RelativePathMax;
        }

        var home = connection.Identity.Home;
        if (XenStorePath.IsRelative(path))
        {
            relativePrefix = home + "/";
        }

        return RequestDispatcher.TryResolve(path, home, out resolved);
    }

    // WATCH's and UNWATCH's path and token. xenstored wants exactly two strings (get_strings); the
    // kernel's device reads them itself (xenbus_write_watch) and only needs a NUL after each of the
    // two, ignoring any strings after them.
    private static List<string>? WatchArguments(ServerConnection connection, byte[] payload)
    {
        var strings = XenStorePayload.TerminatedStrings(payload);
        return strings.Count == 2 || (connection.EmulatesDevice && strings.Count > 2) ? strings : null;
    }

    private static string? Send(Reply reply, byte[] payload)
    {
        reply.Send(payload);
        return null;
    }
}
