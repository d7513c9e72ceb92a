using System.Globalization;
using System.Text;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Client;

/// <summary>
/// The node operations, shared by a client (outside any transaction) and a
/// <see cref="XenStoreTransaction"/> (inside it). Paths may be absolute or relative to the
/// connection's home (a guest's <c>/local/domain/&lt;domid&gt;</c>). Failures the server reports throw
/// <see cref="XenStoreErrorException"/>; a lost connection throws <see cref="XenStoreConnectionException"/>.
/// </summary>
public abstract class XenStoreOperations
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
    /// read in chunks with DIRECTORY_PART, restarting if the directory changes in between.
    /// </summary>
    public async Task<IReadOnlyList<string>> DirectoryAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            var reply = await RequestAsync(XenStoreMessageType.Directory, XenStorePayload.Strings(path), path, cancellationToken).ConfigureAwait(false);
            return DecodeNames(reply.Payload);
        }
        catch (XenStoreErrorException error) when (error.ErrorName == XenStoreErrors.TooBig)
        {
            return await DirectoryInPartsAsync(path, cancellationToken).ConfigureAwait(false);
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

    private protected Task<XenStoreReply> RequestAsync(XenStoreMessageType type, byte[] payload, string? path, CancellationToken cancellationToken) =>
        Connection.RequestAsync(type, TransactionId, payload, path, cancellationToken);

    /// <summary>
    /// A request for which one error is an expected answer: that error gives <c>null</c> instead of
    /// an exception, which would cost more than the request on a path that meets it often.
    /// </summary>
    private protected async Task<XenStoreReply?> RequestAllowingAsync(string allowedError, XenStoreMessageType type, byte[] payload, string? path, CancellationToken cancellationToken)
    {
        var reply = await Connection.ExchangeAsync(type, TransactionId, payload, path, cancellationToken).ConfigureAwait(false);
        if (reply.Type != XenStoreMessageType.Error)
        {
            return reply;
        }

        var error = XenStoreConnection.ErrorName(reply);
        return error == allowedError ? null : throw new XenStoreErrorException(error, type, path);
    }

    private async Task<IReadOnlyList<string>> DirectoryInPartsAsync(string path, CancellationToken cancellationToken)
    {
        var list = new MemoryStream();
        string? generation = null;
        var offset = 0;
        while (true)
        {
            var offsetText = offset.ToString(CultureInfo.InvariantCulture);
            var reply = (await RequestAsync(XenStoreMessageType.DirectoryPart, XenStorePayload.Strings(path, offsetText), path, cancellationToken).ConfigureAwait(false)).Payload;
            var nul = Array.IndexOf(reply, (byte)0);
            if (nul <= 0 || nul == reply.Length - 1 && reply.Length < 2)
            {
                throw new XenStoreProtocolException($"XenStore returned a malformed DIRECTORY_PART reply for '{path}'.");
            }

            var chunkGeneration = Encoding.ASCII.GetString(reply, 0, nul);
            if (generation is not null && generation != chunkGeneration)
            {
                // The directory changed between chunks: start over.
                list.SetLength(0);
                offset = 0;
                generation = null;
                continue;
            }

            generation = chunkGeneration;
            var chunk = reply.AsSpan(nul + 1);
            if (chunk.IsEmpty)
            {
                throw new XenStoreProtocolException($"XenStore returned an empty DIRECTORY_PART chunk for '{path}'.");
            }

            if (chunk.Length == 1 && chunk[0] == 0)
            {
                break;
            }

            if (chunk.Length >= 2 && chunk[^1] == 0 && chunk[^2] == 0)
            {
                list.Write(chunk[..^1]);
                break;
            }

            list.Write(chunk);
            offset += chunk.Length;
        }

        return DecodeNames(list.ToArray());
    }

    private static List<string> DecodeNames(byte[] payload) =>
        XenStorePayload.Split(payload).Select(name => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(name))).ToList();
}
