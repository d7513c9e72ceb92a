using System.Globalization;
using System.Threading.Channels;
using GuestAgent.XenStore.Transports;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Client;

/// <summary>
/// An asynchronous XenStore client over a unix socket or the <c>/dev/xen/xenbus</c> device. Safe to use
/// from several tasks at once. Once the connection breaks every call throws
/// <see cref="XenStoreConnectionException"/>: create a new client.
/// </summary>
public sealed class XenStoreClient : XenStoreOperations, IAsyncDisposable
{
    private long _nextToken;

    private XenStoreClient(XenStoreConnection connection)
        : base(connection)
    {
    }

    /// <summary>What the client is connected to.</summary>
    public string Description => Connection.Description;

    /// <summary>Whether the connection is still usable.</summary>
    public bool IsConnected => Connection.IsConnected;

    /// <summary>Completes when the connection has closed or broken.</summary>
    public Task Completion => Connection.Completion;

    /// <summary>Replies read so far, and whether a request waits for one now (for the exchange's check for a XenStore gone quiet).</summary>
    internal (long Replies, bool Waiting) Activity => Connection.Activity;

    private protected override uint TransactionId => 0;

    /// <summary>
    /// Connects to <paramref name="path"/> (a socket or a device), or, when null, to the endpoint
    /// libxenstore would choose (<see cref="XenStoreEndpoint"/>). A daemon whose listen queue is full
    /// is waited for until <paramref name="cancellationToken"/> is cancelled: pass one with a deadline
    /// to bound connecting.
    /// </summary>
    public static async Task<XenStoreClient> ConnectAsync(string? path = null, CancellationToken cancellationToken = default) =>
        Create(await XenStoreEndpoint.OpenAsync(path, cancellationToken).ConfigureAwait(false));

    /// <summary>Creates a client over an open transport; the client owns it.</summary>
    public static XenStoreClient Create(IXenStoreTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        return new XenStoreClient(new XenStoreConnection(transport));
    }

    /// <summary>
    /// Watches a path and its subtree. The server sends one event straight away, then one per change.
    /// Events of a relative watch carry relative paths.
    /// </summary>
    /// <param name="path">The path (absolute, relative or special <c>@…</c>).</param>
    /// <param name="token">The token; a unique one is chosen when null.</param>
    /// <param name="cancellationToken">Cancels the wait for the reply.</param>
    public async Task<XenStoreWatch> WatchAsync(string path, string? token = null, CancellationToken cancellationToken = default)
    {
        token ??= "ga" + Interlocked.Increment(ref _nextToken).ToString(CultureInfo.InvariantCulture);
        var events = Channel.CreateUnbounded<XenStoreWatchEvent>(new UnboundedChannelOptions { SingleWriter = true });

        // Registered before the request: events may arrive before the reply.
        Connection.AddWatch(token, events.Writer);
        try
        {
            await RequestAsync(XenStoreMessageType.Watch, XenStorePayload.Strings(path, token), path, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Connection.RemoveWatch(token);
            throw;
        }

        return new XenStoreWatch(Connection, path, token, events);
    }

    /// <summary>The home path of a domain (<c>/local/domain/&lt;domid&gt;</c>; pure formatting on the server).</summary>
    public async Task<string> GetDomainPathAsync(uint domainId, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(XenStoreMessageType.GetDomainPath, XenStorePayload.Strings(domainId.ToString(CultureInfo.InvariantCulture)), null, cancellationToken).ConfigureAwait(false);
        return XenStorePayload.SingleString(reply.Payload);
    }

    /// <summary>Starts a transaction. Commit it, or dispose it to abort.</summary>
    public async Task<XenStoreTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(XenStoreMessageType.TransactionStart, "\0"u8.ToArray(), null, cancellationToken).ConfigureAwait(false);
        var text = XenStorePayload.SingleString(reply.Payload);
        if (!uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == 0)
        {
            throw new XenStoreProtocolException($"XenStore returned an invalid transaction id '{text}'.");
        }

        return new XenStoreTransaction(Connection, id);
    }

    /// <summary>
    /// Runs <paramref name="body"/> in a transaction and commits it, redoing the whole body when the
    /// server answers EAGAIN (at commit, or on any operation inside), as the <c>xenstore-*</c> tools do.
    /// If the body throws, the transaction is aborted and the exception propagates, but for an
    /// <c>EIO</c>, after which the body is redone up to <see cref="MaxIOErrorRedos"/> times: C xenstored
    /// 4.17 answers <c>EIO</c> to an operation on a node removed outside the transaction since the
    /// transaction read it (it logs "corruption detected", checks its store, and would answer the
    /// commit <c>EAGAIN</c>), a conflict like any other; an <c>EIO</c> that persists is thrown.
    /// </summary>
    public async Task<T> TransactAsync<T>(Func<XenStoreTransaction, CancellationToken, Task<T>> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var ioErrors = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var transaction = await BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                T result;
                try
                {
                    result = await body(transaction, cancellationToken).ConfigureAwait(false);
                }
                catch (XenStoreErrorException error) when (error.ErrorName == XenStoreErrors.TryAgain)
                {
                    continue;
                }
                catch (XenStoreErrorException error) when (error.ErrorName == XenStoreErrors.IOError && ioErrors++ < MaxIOErrorRedos)
                {
                    continue;
                }

                if (await transaction.CommitAsync(cancellationToken).ConfigureAwait(false))
                {
                    return result;
                }
            }
        }
    }

    /// <summary>
    /// How often <see cref="TransactAsync{T}"/> redoes a body that met <c>EIO</c>: once is what C
    /// xenstored's conflict needs (the redone body reads the node gone); a few more cover a node
    /// removed again meanwhile, and bound a real I/O error's retries.
    /// </summary>
    internal const int MaxIOErrorRedos = 3;

    /// <summary>Runs <paramref name="body"/> in a transaction, retrying on EAGAIN (see <see cref="TransactAsync{T}"/>).</summary>
    public Task TransactAsync(Func<XenStoreTransaction, CancellationToken, Task> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return TransactAsync<bool>(
            async (transaction, token) =>
            {
                await body(transaction, token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <summary>Closes the connection; pending calls fail with <see cref="XenStoreConnectionException"/>.</summary>
    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
