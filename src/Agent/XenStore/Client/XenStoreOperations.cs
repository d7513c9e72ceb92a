using System.Globalization;
using System.Text;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Client;

/// <summary>
/// The node operations, shared by a client (outside any transaction) and a
/// <see cref="XenStoreTransaction"/> (inside it). Paths may be absolute or relative to the
/// connection's home (a guest's <c>/local/domain/&lt;domid&gt;</c>). A path every server refuses (empty,
/// a trailing or doubled <c>/</c>, a character outside <c>A-Z a-z 0-9 - / _ @</c>, a special <c>@</c>
/// path where no node is meant) throws <see cref="ArgumentException"/> before anything is sent; its
/// length is left to the server. Failures the server reports throw
/// <see cref="XenStoreErrorException"/>; a lost connection throws <see cref="XenStoreConnectionException"/>.
/// </summary>
public abstract partial class XenStoreOperations
{
    private protected XenStoreOperations(XenStoreConnection connection)
    {
        Connection = connection;
    }

    private protected XenStoreConnection Connection { get; }

    private protected abstract uint TransactionId { get; }

    /// <summary>Reads a node's raw value.</summary>
    public async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        (await RequestAsync(XenStoreMessageType.Read, XenStorePayload.Strings(path), path, cancellationToken).ConfigureAwait(false)).Payload;

    /// <summary>Reads a node's raw value, or returns null when the node does not exist (ENOENT).</summary>
    public async Task<byte[]?> TryReadAsync(string path, CancellationToken cancellationToken = default)
    {
        // A missing node is a normal answer here (the exchange reads every request node its watch
        // reports, including the removal it made itself).
        var reply = await RequestAllowingAsync(XenStoreErrors.NotFound, XenStoreMessageType.Read, XenStorePayload.Strings(path), path, cancellationToken).ConfigureAwait(false);
        return reply?.Payload;
    }

    /// <summary>Reads a node's value as UTF-8 text.</summary>
    public async Task<string> ReadStringAsync(string path, CancellationToken cancellationToken = default) =>
        Encoding.UTF8.GetString(await ReadAsync(path, cancellationToken).ConfigureAwait(false));

    /// <summary>Writes a node's raw value, creating missing parents.</summary>
    public Task WriteAsync(string path, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        RequestAsync(XenStoreMessageType.Write, XenStorePayload.PathAndValue(path, value.Span), path, cancellationToken);

    /// <summary>Writes a node's value as UTF-8 text.</summary>
    public Task WriteAsync(string path, string value, CancellationToken cancellationToken = default) =>
        WriteAsync(path, Encoding.UTF8.GetBytes(value), cancellationToken);

    /// <summary>Creates a node (and missing parents) with an empty value; nothing happens if it exists.</summary>
    public Task MkdirAsync(string path, CancellationToken cancellationToken = default) =>
        RequestAsync(XenStoreMessageType.Mkdir, XenStorePayload.Strings(path), path, cancellationToken);

    /// <summary>Removes a node and its subtree. Removing an absent node whose parent exists succeeds.</summary>
    public Task RemoveAsync(string path, CancellationToken cancellationToken = default) =>
        RequestAsync(XenStoreMessageType.Remove, XenStorePayload.Strings(path), path, cancellationToken);

    /// <summary>
    /// Lists a node's children (leaf names, creation order). A list too big for one reply (E2BIG) is
    /// read in chunks with DIRECTORY_PART, starting over if the directory changes in between; a
    /// directory that changes during every one of <see cref="MaxListingRestarts"/> + 1 attempts
    /// fails with EAGAIN (<see cref="XenStoreErrors.TryAgain"/>) rather than keep the caller for ever.
    /// </summary>
    public async Task<IReadOnlyList<string>> DirectoryAsync(string path, CancellationToken cancellationToken = default) =>
        (await DirectoryAsync(path, tolerateChanges: false, cancellationToken).ConfigureAwait(false)).Names;

    /// <summary>
    /// Lists a node's children like <see cref="DirectoryAsync(string, CancellationToken)"/>; with
    /// <paramref name="tolerateChanges"/>, a big directory that keeps changing while it is read in
    /// chunks gives the names read so far instead of EAGAIN (see <see cref="DirectoryListing"/>).
    /// </summary>
    internal async Task<DirectoryListing> DirectoryAsync(string path, bool tolerateChanges, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await RequestAsync(XenStoreMessageType.Directory, XenStorePayload.Strings(path), path, cancellationToken).ConfigureAwait(false);
            return new DirectoryListing(DecodeNames(reply.Payload), Consistent: true);
        }
        catch (XenStoreErrorException error) when (error.ErrorName == XenStoreErrors.TooBig)
        {
            return await DirectoryInPartsAsync(path, tolerateChanges, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a node's permissions; the first entry names the owner.</summary>
    public async Task<IReadOnlyList<XenStorePermission>> GetPermissionsAsync(string path, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(XenStoreMessageType.GetPermissions, XenStorePayload.Strings(path), path, cancellationToken).ConfigureAwait(false);
        var permissions = new List<XenStorePermission>();
        foreach (var entry in XenStorePayload.Split(reply.Payload))
        {
            if (!XenStorePermission.TryParse(entry, out var permission))
            {
                throw new XenStoreProtocolException($"XenStore returned a malformed permission entry '{entry}' for '{path}'.");
            }

            permissions.Add(permission);
        }

        return permissions;
    }

    /// <summary>Sets a node's permissions; the first entry names the owner and the access of unlisted domains.</summary>
    public Task SetPermissionsAsync(string path, IEnumerable<XenStorePermission> permissions, CancellationToken cancellationToken = default)
    {
        string[] strings = [path, .. permissions.Select(p => p.ToString())];
        if (strings.Length < 2)
        {
            throw new ArgumentException("At least one permission entry (the owner) is required.", nameof(permissions));
        }

        return RequestAsync(XenStoreMessageType.SetPermissions, XenStorePayload.Strings(strings), path, cancellationToken);
    }

    private protected Task<XenStoreReply> RequestAsync(XenStoreMessageType type, byte[] payload, string? path, CancellationToken cancellationToken)
    {
        if (path is not null)
        {
            RequestPath.Check(path, type);
        }

        return Connection.RequestAsync(type, TransactionId, payload, path, cancellationToken);
    }

    /// <summary>
    /// A request for which one error is an expected answer: that error gives <c>null</c> instead of
    /// an exception, which would cost more than the request on a path that meets it often.
    /// </summary>
    private protected async Task<XenStoreReply?> RequestAllowingAsync(string allowedError, XenStoreMessageType type, byte[] payload, string? path, CancellationToken cancellationToken)
    {
        if (path is not null)
        {
            RequestPath.Check(path, type);
        }

        var reply = await Connection.ExchangeAsync(type, TransactionId, payload, path, cancellationToken).ConfigureAwait(false);
        if (reply.Type != XenStoreMessageType.Error)
        {
            return reply;
        }

        var error = XenStoreConnection.ErrorName(reply);
        return error == allowedError ? null : throw new XenStoreErrorException(error, type, path);
    }

    private static List<string> DecodeNames(byte[] payload) =>
        XenStorePayload.Split(payload).Select(name => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(name))).ToList();
}
