using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using GuestAgent.XenStore.Transports;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Client;

/// <summary>
/// The message layer of a client: sends each request as one write, runs one reader over the byte
/// stream, routes watch events by token (ignoring their ids, which the device leaves uninitialised)
/// and matches replies by request id, falling back to the oldest outstanding request (old kernels
/// answered WATCH and UNWATCH with id 0). A request the transport refuses with xenstored's error
/// (the device's kernel fails a refused WATCH's write) is answered with it as with an ERROR reply; any
/// other failure closes the connection and fails everything pending with a <see cref="XenStoreConnectionException"/>.
/// </summary>
internal sealed class XenStoreConnection : IAsyncDisposable
{
    private readonly IXenStoreTransport _transport;
    private readonly Lock _gate = new();
    private readonly List<PendingRequest> _pending = [];
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, ChannelWriter<XenStoreWatchEvent>> _watches = new(StringComparer.Ordinal);

    // Tokens whose UNWATCH reply has not been read yet (how many such UNWATCHes, under _gate): an
    // event for one belongs to the watch being removed, even when a new watch took the token since.
    private readonly Dictionary<string, int> _retiring = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _reader;
    private uint _lastRequestId;
    private XenStoreConnectionException? _failure;

    // Replies read (under _gate, which the reply path takes anyway, so counting costs it nothing):
    // a reply count that stands still while a request waits is a peer gone quiet (see Activity).
    private long _replies;

    public XenStoreConnection(IXenStoreTransport transport)
    {
        _transport = transport;
        _reader = Task.Run(ReadLoopAsync);
    }

    public string Description => _transport.Description;

    public int MaxPayload => _transport.MaxPayload;

    /// <summary>Completes when the connection has closed or broken (it never faults; see <see cref="IsConnected"/>).</summary>
    public Task Completion => _reader;

    public bool IsConnected => Volatile.Read(ref _failure) is null;

    /// <summary>
    /// How many replies have been read so far, and whether a request is waiting for one now: two
    /// looks apart in time that see a request waiting and the same count mean the peer said nothing
    /// in between (the exchange warns of a wedged xenstored from it). Taken under the lock, so it is
    /// for an occasional check, not for each request.
    /// </summary>
    public (long Replies, bool Waiting) Activity
    {
        get
        {
            lock (_gate)
            {
                return (_replies, _pending.Count > 0);
            }
        }
    }

    public void AddWatch(string token, ChannelWriter<XenStoreWatchEvent> events)
    {
        if (!_watches.TryAdd(token, events))
        {
            throw new InvalidOperationException($"A watch with token '{token}' is already registered on this client.");
        }

        if (Volatile.Read(ref _failure) is { } failure)
        {
            events.TryComplete(failure);
        }
    }

    public void RemoveWatch(string token)
    {
        if (_watches.TryRemove(token, out var events))
        {
            events.TryComplete();
        }
    }

    /// <summary>
    /// Ends a watch's events and sends its UNWATCH without waiting for the reply. Until that reply is
    /// read, events for the token are dropped: the server sent them before it handled the UNWATCH, so
    /// they are the old watch's, even when a new watch has taken the token meanwhile.
    /// </summary>
    public Task<XenStoreReply> UnwatchAsync(string path, string token)
    {
        lock (_gate)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_retiring, token, out _)++;
        }

        RemoveWatch(token);
        return ExchangeAsync(XenStoreMessageType.Unwatch, 0, XenStorePayload.Strings(path, token), path, CancellationToken.None, token);
    }

    public async Task<XenStoreReply> RequestAsync(XenStoreMessageType type, uint transactionId, byte[] payload, string? path, CancellationToken cancellationToken)
    {
        var reply = await ExchangeAsync(type, transactionId, payload, path, cancellationToken).ConfigureAwait(false);
        if (reply.Type == XenStoreMessageType.Error)
        {
            throw new XenStoreErrorException(ErrorName(reply), type, path);
        }

        return reply;
    }

    /// <summary>
    /// Sends a request and returns its reply as is, an ERROR reply included: callers for which an error
    /// is an expected answer (a read of a node that may be gone) avoid the cost of an exception.
    /// </summary>
    public Task<XenStoreReply> ExchangeAsync(XenStoreMessageType type, uint transactionId, byte[] payload, string? path, CancellationToken cancellationToken) =>
        ExchangeAsync(type, transactionId, payload, path, cancellationToken, retiringToken: null);

    private async Task<XenStoreReply> ExchangeAsync(XenStoreMessageType type, uint transactionId, byte[] payload, string? path, CancellationToken cancellationToken, string? retiringToken)
    {
        if (payload.Length > _transport.MaxPayload)
        {
            if (retiringToken is not null)
            {
                Retired(retiringToken);
            }

            // As libxenstore: refuse locally, send nothing.
            throw new XenStoreErrorException(XenStoreErrors.TooBig, type, path);
        }

        var pending = new PendingRequest(type) { RetiringToken = retiringToken };

        // Registered under the send lock, so the list's order is the order on the wire (the
        // "oldest outstanding" fallback relies on it) and a request cancelled before sending
        // never joins it.
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                if (_failure is not null)
                {
                    throw new XenStoreConnectionException(_failure.Message, _failure);
                }

                do
                {
                    _lastRequestId = unchecked(_lastRequestId + 1);
                }
                while (_lastRequestId == 0 || _pending.Exists(p => p.Id == _lastRequestId));

                pending.Id = _lastRequestId;
                _pending.Add(pending);
            }

            var message = XenStoreMessage.Encode(type, pending.Id, transactionId, payload);
            await _transport.WriteAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (XenStoreErrorException refused)
        {
            // The transport's peer answered by failing the write (the device's kernel, for a WATCH
            // xenstored refused): the answer a socket's ERROR reply gives, on a connection that stays.
            Refused(pending, refused.ErrorName);
        }
        catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            Fail(new XenStoreConnectionException($"XenStore connection ({Description}) lost while sending: {exception.Message}", exception));
        }
        finally
        {
            _sendLock.Release();
        }

        // Cancelling abandons the wait only: the reply still arrives and is consumed by its entry.
        return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The error name (ENOENT, EACCES…) an ERROR reply carries.</summary>
    public static string ErrorName(XenStoreReply reply) => XenStorePayload.SingleString(reply.Payload);

    public async ValueTask DisposeAsync()
    {
        Fail(new XenStoreConnectionException($"XenStore connection ({Description}) was closed."));
        await _closing.CancelAsync().ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);

        // A device read cannot be interrupted; do not wait for it forever.
        await Task.WhenAny(_reader, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
    }

    private async Task ReadLoopAsync()
    {
        var header = new byte[XenStoreLimits.HeaderSize];
        try
        {
            while (true)
            {
                if (!await ReadExactlyAsync(header).ConfigureAwait(false))
                {
                    Fail(new XenStoreConnectionException($"XenStore connection ({Description}) was closed by the peer."));
                    return;
                }

                var parsed = XenStoreHeader.Read(header);
                if (parsed.Length > XenStoreLimits.PayloadMax)
                {
                    Fail(new XenStoreProtocolException($"XenStore peer ({Description}) announced a {parsed.Length}-byte payload (the limit is {XenStoreLimits.PayloadMax})."));
                    return;
                }

                var payload = new byte[parsed.Length];
                if (payload.Length > 0 && !await ReadExactlyAsync(payload).ConfigureAwait(false))
                {
                    Fail(new XenStoreConnectionException($"XenStore connection ({Description}) was closed in the middle of a message."));
                    return;
                }

                if (parsed.Type == XenStoreMessageType.WatchEvent)
                {
                    RouteEvent(payload);
                }
                else
                {
                    CompleteRequest(parsed, payload);
                }
            }
        }
        catch (XenStoreConnectionException failure)
        {
            Fail(failure);
        }
        catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Fail(new XenStoreConnectionException($"XenStore connection ({Description}) lost: {exception.Message}", exception));
        }
    }

    private async Task<bool> ReadExactlyAsync(Memory<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var read = await _transport.ReadAsync(buffer, _closing.Token).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            buffer = buffer[read..];
        }

        return true;
    }

    private void RouteEvent(byte[] payload)
    {
        var parts = XenStorePayload.Split(payload);
        if (parts.Count < 2)
        {
            throw new XenStoreProtocolException($"XenStore peer ({Description}) sent a watch event without a token.");
        }

        var path = Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(parts[0]));
        var token = Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(parts[1]));

        // Events for a token no longer watched (late after UNWATCH) are dropped.
        lock (_gate)
        {
            if (_retiring.ContainsKey(token))
            {
                return;
            }
        }

        if (_watches.TryGetValue(token, out var events))
        {
            events.TryWrite(new XenStoreWatchEvent(path, token));
        }
    }

    private void CompleteRequest(XenStoreHeader header, byte[] payload)
    {
        PendingRequest? pending;
        lock (_gate)
        {
            // Old kernels answer WATCH and UNWATCH themselves with req_id 0: such a reply belongs to the
            // oldest request of its type, which need not be the oldest outstanding (a write sent
            // just before the watch). Only then the oldest of all (xenstore-protocol.md §14.1).
            pending = _pending.Find(p => p.Id == header.RequestId)
                ?? _pending.Find(p => p.Type == header.Type)
                ?? (_pending.Count > 0 ? _pending[0] : null);
            if (pending is null)
            {
                throw new XenStoreProtocolException($"XenStore peer ({Description}) sent a {header.Type} reply (request id {header.RequestId}) while no request was outstanding.");
            }

            _pending.Remove(pending);
            _replies++;
            if (pending.RetiringToken is { } retired)
            {
                RetiredUnderGate(retired);
            }
        }

        if (header.Type != pending.Type && header.Type != XenStoreMessageType.Error)
        {
            var failure = new XenStoreProtocolException($"XenStore peer ({Description}) answered a {pending.Type} request with a {header.Type} reply.");
            pending.Completion.TrySetException(failure);
            throw failure;
        }

        pending.Completion.TrySetResult(new XenStoreReply(header.Type, payload));
    }

    // A request the transport answered by failing its write: it never reached the peer, so no reply
    // will come; it is answered with the error as an ERROR reply would.
    private void Refused(PendingRequest pending, string errorName)
    {
        lock (_gate)
        {
            if (!_pending.Remove(pending))
            {
                return; // a failure of the connection took it meanwhile
            }

            if (pending.RetiringToken is { } retired)
            {
                RetiredUnderGate(retired);
            }
        }

        pending.Completion.TrySetResult(new XenStoreReply(XenStoreMessageType.Error, XenStorePayload.Strings(errorName)));
    }

    private void Fail(XenStoreConnectionException failure)
    {
        List<PendingRequest> abandoned;
        lock (_gate)
        {
            if (_failure is not null)
            {
                return;
            }

            _failure = failure;
            abandoned = [.. _pending];
            _pending.Clear();
            _retiring.Clear();
        }

        foreach (var pending in abandoned)
        {
            pending.Completion.TrySetException(failure);
        }

        foreach (var events in _watches.Values)
        {
            events.TryComplete(failure);
        }

        _closing.Cancel();
    }

    private void Retired(string token)
    {
        lock (_gate)
        {
            RetiredUnderGate(token);
        }
    }

    // The count may be gone already: a failure clears it.
    private void RetiredUnderGate(string token)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(_retiring, token);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref count) && --count == 0)
        {
            _retiring.Remove(token);
        }
    }

    private sealed class PendingRequest(XenStoreMessageType type)
    {
        public string? RetiringToken { get; init; }

        public uint Id { get; set; }

        public XenStoreMessageType Type { get; } = type;

        public TaskCompletionSource<XenStoreReply> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
