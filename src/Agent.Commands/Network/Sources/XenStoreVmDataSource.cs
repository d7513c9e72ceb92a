using System.Text;
using GuestAgent.Exchanges;
using GuestAgent.XenStore;
using GuestAgent.XenStore.Client;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.Commands.Network.Sources;

/// <summary>
/// Reads <c>vm-data</c> from XenStore over a connection of its own, opened for each
/// <c>resetnetwork</c> (a rare command) so it never depends on the state of the exchange's
/// long-lived connection. Paths are relative to the guest's home unless a domain path is given.
/// </summary>
public sealed class XenStoreVmDataSource : IVmDataSource
{
    private readonly Func<CancellationToken, Task<XenStoreClient>> _connect;
    private readonly string _networkingPath;
    private readonly string _hostnamePath;

    /// <summary>Creates the source.</summary>
    /// <param name="connect">Opens a XenStore connection.</param>
    /// <param name="domainPath">The guest's home (for example <c>/local/domain/7</c>), or <c>null</c> for relative paths.</param>
    public XenStoreVmDataSource(Func<CancellationToken, Task<XenStoreClient>> connect, string? domainPath = null)
    {
        _connect = connect;
        var home = domainPath is null ? "" : domainPath.TrimEnd('/') + "/";
        _networkingPath = home + "vm-data/networking";
        _hostnamePath = home + "vm-data/hostname";
    }

    /// <summary>A source that connects the way the XenStore exchange does.</summary>
    public static XenStoreVmDataSource ForExchange(XenStoreExchangeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new XenStoreVmDataSource(
            options.Connect ?? (cancellationToken => XenStoreClient.ConnectAsync(options.Endpoint, cancellationToken)),
            options.DomainPath);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyValuePair<string, byte[]>>> ReadNetworkingAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<KeyValuePair<string, byte[]>>>(_networkingPath, async client =>
        {
            IReadOnlyList<string> keys;
            try
            {
                keys = await client.DirectoryAsync(_networkingPath, cancellationToken).ConfigureAwait(false);
            }
            catch (XenStoreErrorException error) when (error.ErrorName == XenStoreErrors.NotFound)
            {
                return [];
            }

            var entries = new List<KeyValuePair<string, byte[]>>(keys.Count);
            foreach (var key in keys)
            {
                // An entry removed between the listing and the read is simply gone.
                if (await client.TryReadAsync($"{_networkingPath}/{key}", cancellationToken).ConfigureAwait(false) is { } value)
                {
                    entries.Add(new(key, value));
                }
            }

            return entries;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<string?> ReadHostnameAsync(CancellationToken cancellationToken) =>
        ReadAsync(_hostnamePath, async client =>
        {
            var value = await client.TryReadAsync(_hostnamePath, cancellationToken).ConfigureAwait(false);
            return value is null ? null : Encoding.UTF8.GetString(value);
        }, cancellationToken);

    /// <summary>
    /// Runs one read on a fresh connection. A XenStore that cannot be reached or refuses the read
    /// becomes a clear <c>"500"</c> naming the node, before anything on the system has changed.
    /// </summary>
    private async Task<T> ReadAsync<T>(string path, Func<XenStoreClient, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            var client = await _connect(cancellationToken).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                return await read(client).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is XenStoreException or IOException or System.Net.Sockets.SocketException)
        {
            var reason = exception is XenStoreErrorException error ? error.ErrorName : exception.GetType().Name;
            throw new CommandException($"Couldn't read {path} from XenStore ({reason}); nothing was changed", exception);
        }
    }
}
