using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// Applies one request under the server's gate and queues its reply (same type, request id and
/// transaction id; or ERROR with the errno name). Events a request causes are queued before its
/// reply. Node requests run here; watches, transactions and domain requests in
/// <see cref="SessionRequests"/>.
/// </summary>
internal sealed class RequestDispatcher(ServerState state)
{
    // A new array per reply, not one shared by every reply (an array is writable by whoever holds it).
    private static byte[] Ok => "OK\0"u8.ToArray();
    private readonly SessionRequests _session = new(state);
    private readonly DirectoryChunks _directoryChunks = new();

    /// <summary>Registers a new connection, so domain requests can find the connections acting as a domain.</summary>
    public void Connected(ServerConnection connection)
    {
        lock (state.Gate)
        {
            state.Connections.Add(connection);
        }
    }

    public void Handle(ServerConnection connection, XenStoreHeader header, byte[] payload)
    {
        lock (state.Gate)
        {
            if (connection.IsClosed)
            {
                return;
            }

            var reply = new Reply(connection, header);
            try
            {
                Dispatch(reply, payload);
            }
#pragma warning disable CA1031 // A bug in one request must never take the server down: answer EIO and keep serving.
            catch (Exception)
#pragma warning restore CA1031
            {
                reply.Error(XenStoreErrors.IOError);
            }
        }
    }

    public void Disconnected(ServerConnection connection)
    {
        lock (state.Gate)
        {
            state.EndSession(connection);
            state.Connections.Remove(connection);
        }
    }

    private void Dispatch(Reply reply, byte[] payload)
    {
        if (DeviceQuirks.AnswersUnknownTransaction(reply.Connection, reply.Header))
        {
            reply.Error(XenStoreErrors.NotFound);
            return;
        }

        switch (reply.Header.Type)
        {
            case XenStoreMessageType.Read:
            case XenStoreMessageType.Directory:
            case XenStoreMessageType.GetPermissions:
            case XenStoreMessageType.Mkdir:
            case XenStoreMessageType.Remove:
            case XenStoreMessageType.Write:
            case XenStoreMessageType.SetPermissions:
            case XenStoreMessageType.DirectoryPart:
                HandleNodeRequest(reply, payload);
                break;
            default:
                _session.Handle(reply, payload);
                break;
        }
    }

    private void HandleNodeRequest(Reply reply, byte[] payload)
    {
        var connection = reply.Connection;
        StoreTransaction? transaction = null;
        if (reply.Header.TransactionId != 0 && !connection.Transactions.TryGetValue(reply.Header.TransactionId, out transaction))
        {
            reply.Error(XenStoreErrors.NotFound);
            return;
        }

        var events = new List<StoreEvent>();
        var tree = transaction?.Tree ?? state.Tree;
        var operations = new NodeOperations(tree, connection.Identity, state.Options, state.Domains, state.NextGeneration, events, transaction is null ? null : state.Tree);
        var refusedBefore = tree.RefusedAccesses;
        var before = tree.Save();
        var error = Apply(reply, payload, operations);
        if (tree.RefusedAccesses != refusedBefore)
        {
            // The request touched a node past the guest's transaction-node quota: C's access_node
            // fails it with ENOSPC and marks the transaction failed (it can never commit). The
            // request changes nothing, not even in the transaction's own view (C's create_node
            // writes the new node, which access_node refuses, before its parent's child list), nor
            // what the transaction holds for its commit: the request's events are not recorded.
            tree.Restore(before);
            transaction!.Failed = true;
            error = XenStoreErrors.NoSpace;
        }
        else if (transaction is not null && operations.RefusedRecord)
        {
            // C's write_node fails the transaction when a record it writes is refused (the
            // node-size quota): the commit answers ENOMEM, nothing of the transaction applied.
            transaction.Failed = true;
        }
        else
        {
            // Whatever the request changed in the transaction's view fires at the commit.
            transaction?.Record(events);
        }

        if (error is not null)
        {
            reply.Error(error);
            return;
        }

        if (transaction is null)
        {
            state.Fire(events);
        }

        reply.Flush();
    }

    // Returns an error name, or null once the success reply is staged.
    private string? Apply(Reply reply, byte[] payload, NodeOperations operations)
    {
        var type = reply.Header.Type;
        var home = reply.Connection.Identity.Home;
        if (type == XenStoreMessageType.Write)
        {
            var nul = Array.IndexOf(payload, (byte)0);
            if (nul < 0 || !TryResolve(Encoding.Latin1.GetString(payload, 0, nul), home, out var writePath))
            {
                return XenStoreErrors.InvalidArgument;
            }

            return operations.Write(writePath, payload[(nul + 1)..]) ?? reply.Stage(Ok);
        }

        if (type is XenStoreMessageType.SetPermissions or XenStoreMessageType.DirectoryPart)
        {
            return ApplyMultiArgument(reply, payload, operations, home);
        }

        if (!XenStorePayload.TryOneArgument(payload, out var raw) || !TryResolve(raw, home, out var path))
        {
            return XenStoreErrors.InvalidArgument;
        }

        switch (type)
        {
            case XenStoreMessageType.Read:
                return operations.Read(path, out var node) ?? reply.Stage(node!.Value);
            case XenStoreMessageType.Directory:
                if (operations.Read(path, out var directory) is { } directoryError)
                {
                    return directoryError;
                }

                return reply.Stage(Join(directory!.Children));
            case XenStoreMessageType.GetPermissions:
                if (operations.Read(path, out var permissionsNode) is { } permissionsError)
                {
                    return permissionsError;
                }

                return reply.Stage(Join(permissionsNode!.Permissions.Select(p => p.ToString())));
            case XenStoreMessageType.Mkdir:
                return operations.Mkdir(path) ?? reply.Stage(Ok);
            default:
                return operations.Remove(path) ?? reply.Stage(Ok);
        }
    }

    private string? ApplyMultiArgument(Reply reply, byte[] payload, NodeOperations operations, string home)
    {
        // Counted as C counts them (xs_count_strings: one per NUL); bytes after the last NUL are ignored.
        var arguments = XenStorePayload.TerminatedStrings(payload);
        if (reply.Header.Type == XenStoreMessageType.DirectoryPart)
        {
            if (arguments.Count != 2 || !TryResolve(arguments[0], home, out var path))
            {
                return XenStoreErrors.InvalidArgument;
            }

            // The offset is read with atoi, as C xenstored reads it ("abc" is 0, "-1" is past the end).
            return operations.Read(path, out var node) ?? reply.Stage(_directoryChunks.Part(node!, AtoiArgument.Parse(arguments[1])));
        }

        if (arguments.Count < 2)
        {
            return XenStoreErrors.InvalidArgument;
        }

        // C xenstored counts the entries before it parses them.
        if (operations.CheckEntryCount(arguments.Count - 1) is { } tooMany)
        {
            return tooMany;
        }

        var permissions = ImmutableArray.CreateBuilder<XenStorePermission>(arguments.Count - 1);
        foreach (var text in arguments.Skip(1))
        {
            if (!PermissionArgument.TryParse(text, out var permission))
            {
                return XenStoreErrors.InvalidArgument;
            }

            permissions.Add(permission);
        }

        // do_set_perms refuses an owner that does not exist before it looks at the path at all.
        var list = permissions.ToImmutable();
        if (operations.CheckOwnerExists(list) is { } noOwner)
        {
            return noOwner;
        }

        if (XenStorePath.IsSpecial(arguments[0]))
        {
            return _session.SetSpecialPermissions(reply, arguments[0], list) ?? reply.Stage(Ok);
        }

        return !TryResolve(arguments[0], home, out var target)
            ? XenStoreErrors.InvalidArgument
            : operations.SetPermissions(target, list) ?? reply.Stage(Ok);
    }

    internal static bool TryResolve(string raw, string home, out string path)
    {
        path = XenStorePath.Resolve(raw, home);
        return XenStorePath.IsValidAbsolute(path);
    }

    private static byte[] Join(IEnumerable<string> strings)
    {
        var builder = new MemoryStream();
        foreach (var value in strings)
        {
            builder.Write(Encoding.Latin1.GetBytes(value));
            builder.WriteByte(0);
        }

        return builder.ToArray();
    }
}
