using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Client;

/// <summary>
/// An open transaction: its operations see a snapshot of the store plus their own changes, and
/// nothing is visible to others until <see cref="CommitAsync"/> succeeds. Disposing without
/// committing aborts. Prefer <see cref="XenStoreClient.TransactAsync{T}"/>, which retries on conflict.
/// </summary>
public sealed class XenStoreTransaction : XenStoreOperations, IAsyncDisposable
{
    private bool _ended;

    internal XenStoreTransaction(XenStoreConnection connection, uint id)
        : base(connection)
    {
        Id = id;
    }

    /// <summary>The transaction id the server assigned.</summary>
    public uint Id { get; }

    private protected override uint TransactionId => Id;

    /// <summary>Commits. Returns false when the server refused with EAGAIN: redo the whole transaction.</summary>
    public async Task<bool> CommitAsync(CancellationToken cancellationToken = default)
    {
        _ended = true;

        // EAGAIN is an expected answer: the exchange commits one transaction per answer while the host writes.
        var reply = await RequestAllowingAsync(XenStoreErrors.TryAgain, XenStoreMessageType.TransactionEnd, "T\0"u8.ToArray(), null, cancellationToken).ConfigureAwait(false);
        return reply is not null;
    }

    /// <summary>Aborts: none of the transaction's changes happen.</summary>
    public async Task AbortAsync(CancellationToken cancellationToken = default)
    {
        _ended = true;
        await RequestAsync(XenStoreMessageType.TransactionEnd, "F\0"u8.ToArray(), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Aborts the transaction unless it was committed or aborted: the abort is sent, but its reply
    /// is not waited for, and errors are ignored (the connection may be gone).
    /// </summary>
    /// <remarks>
    /// Disposal is how a transaction is left when its body failed or was cancelled, often because
    /// XenStore stopped answering: waiting for that abort's reply, with no way to cancel the wait,
    /// kept the caller (the exchange's pump, and with it the agent's stop) waiting for ever. The
    /// server handles requests in order, so the abort takes effect before anything sent after it.
    /// </remarks>
    public ValueTask DisposeAsync()
    {
        if (_ended || !Connection.IsConnected)
        {
            return ValueTask.CompletedTask;
        }

        _ended = true;
        var abort = Connection.ExchangeAsync(XenStoreMessageType.TransactionEnd, Id, "F\0"u8.ToArray(), null, CancellationToken.None);

        // Its failure (a lost connection) is observed here, so that it is not reported as unobserved.
        _ = abort.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return ValueTask.CompletedTask;
    }
}
