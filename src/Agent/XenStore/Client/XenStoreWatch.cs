using System.Runtime.CompilerServices;
using System.Threading.Channels;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Client;

/// <summary>
/// A registered watch and its events, starting with the initial event the server sends on
/// registration. If the connection breaks, reading the events throws the
/// <see cref="XenStoreConnectionException"/>. Disposing unregisters the watch.
/// </summary>
public sealed class XenStoreWatch : IAsyncDisposable
{
    private readonly XenStoreConnection _connection;
    private readonly Channel<XenStoreWatchEvent> _events;
    private int _disposed;

    internal XenStoreWatch(XenStoreConnection connection, string path, string token, Channel<XenStoreWatchEvent> events)
    {
        _connection = connection;
        Path = path;
        Token = token;
        _events = events;
    }

    /// <summary>The watched path, as given.</summary>
    public string Path { get; }

    /// <summary>The watch's token.</summary>
    public string Token { get; }

    /// <summary>The events, in arrival order.</summary>
    public ChannelReader<XenStoreWatchEvent> Events => _events.Reader;

    /// <summary>The events as an async stream.</summary>
    public async IAsyncEnumerable<XenStoreWatchEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var change in _events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return change;
        }
    }

    /// <summary>Unregisters the watch (UNWATCH) and ends the event stream.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _connection.RemoveWatch(Token);
        if (!_connection.IsConnected)
        {
            return;
        }

        try
        {
            await _connection.RequestAsync(XenStoreMessageType.Unwatch, 0, XenStorePayload.Strings(Path, Token), Path, CancellationToken.None).ConfigureAwait(false);
        }
        catch (XenStoreException)
        {
            // The watch is gone from our side either way.
        }
    }
}
