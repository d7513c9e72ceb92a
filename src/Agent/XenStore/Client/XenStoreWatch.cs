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

    /// <summary>
    /// The events, in arrival order. When the connection breaks the channel completes with the
    /// <see cref="XenStoreConnectionException"/> (<c>ReadAsync</c> wraps it in a
    /// <see cref="ChannelClosedException"/>; <see cref="ReadAllAsync"/> throws it as it is).
    /// </summary>
    public ChannelReader<XenStoreWatchEvent> Events => _events.Reader;

    /// <summary>The events as an async stream; throws <see cref="XenStoreConnectionException"/> if the connection breaks.</summary>
    public async IAsyncEnumerable<XenStoreWatchEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            bool more;
            try
            {
                more = await _events.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException closed) when (closed.InnerException is XenStoreConnectionException lost)
            {
                throw new XenStoreConnectionException(lost.Message, lost);
            }

            if (!more)
            {
                yield break;
            }

            while (_events.Reader.TryRead(out var change))
            {
                yield return change;
            }
        }
    }

    /// <summary>Unregisters the watch (UNWATCH) and ends the event stream.</summary>
    /// <remarks>
    /// The UNWATCH is sent, but its reply is not waited for (errors are ignored: the watch is gone
    /// from this side either way): a XenStore that has stopped answering would otherwise keep the
    /// caller waiting for ever, with no token to cancel the wait. The server handles requests in
    /// order, so the watch is gone there before anything sent after it is handled.
    /// </remarks>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        if (!_connection.IsConnected)
        {
            _connection.RemoveWatch(Token);
            return ValueTask.CompletedTask;
        }

        var unwatch = _connection.UnwatchAsync(Path, Token);

        // Its failure (a lost connection) is observed here, so that it is not reported as unobserved.
        _ = unwatch.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return ValueTask.CompletedTask;
    }
}
