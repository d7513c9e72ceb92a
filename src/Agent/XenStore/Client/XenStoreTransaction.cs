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

    /// <summary>Aborts the transaction unless it was committed or aborted; errors are ignored (the connection may be gone).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ended || !Connection.IsConnected)
        {
            return;
        }

        try
        {
            await AbortAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (XenStoreException)
        {
        }
    }
}
