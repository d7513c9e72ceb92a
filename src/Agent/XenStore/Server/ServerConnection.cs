using System.Net.Sockets;
using System.Threading.Channels;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// One client connection: takes messages off the byte stream (socket or emulated device rules), hands
/// each to the dispatcher and writes replies and events in the order they were queued. A header
/// announcing more than 4096 bytes closes the connection, as in C xenstored.
/// </summary>
internal sealed class ServerConnection
{
    private const int MaxQueuedMessages = 65536;

    /// <summary>
    /// The bytes of replies and events a connection may have queued and not yet written. The count
    /// cap alone allows 65536 × 4112 bytes (about 270 MB) per connection. The largest legitimate
    /// backlog is far smaller: a client with 1,000 requests in flight whose replies are all of the
    /// maximum size needs about 4 MB, and a burst of watch events for a busy <c>data/host</c>
    /// (one event of ~100 bytes per request node: <c>/local/domain/N/data/host/&lt;uuid&gt;</c> and a
    /// token) reaches 16 MiB only after some 150,000 events. So 16 MiB leaves four times the first
    /// and far more than the second, while bounding what a client that stops reading costs.
    /// </summary>
    internal const long MaxQueuedBytes = 16 * 1024 * 1024;

    private int _queued;
    private long _queuedBytes;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly IMessageReader _reader;
    private readonly Channel<byte[]> _outbound = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

    public ServerConnection(Socket socket, XenStoreIdentity identity, bool emulatesDevice)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        Identity = identity;
        EmulatesDevice = emulatesDevice;
        _reader = emulatesDevice ? new DeviceMessageReader(_stream) : new StreamMessageReader(_stream);
    }

    public XenStoreIdentity Identity { get; }

    /// <summary>Whether the connection behaves like a guest's <c>/dev/xen/xenbus</c> (see <see cref="DeviceQuirks"/>).</summary>
    public bool EmulatesDevice { get; }

    public Dictionary<uint, StoreTransaction> Transactions { get; } = [];

    public uint LastTransactionId { get; set; }

    /// <summary>
    /// Set under the server's gate when the server ends the connection (its domain was released):
    /// requests already read from it are dropped instead of applied, as C xenstored frees the
    /// connection with whatever it had not processed yet.
    /// </summary>
    public bool IsClosed { get; private set; }

    /// <summary>
    /// Queues a message; called under the server's gate, so replies and events keep their order. A
    /// client that stops reading while replies or events pile up (more than
    /// <see cref="MaxQueuedMessages"/> messages or <see cref="MaxQueuedBytes"/> bytes not yet
    /// written) is disconnected rather than allowed to exhaust memory.
    /// </summary>
    public void Send(byte[] message)
    {
        var wire = EmulatesDevice ? DeviceQuirks.Apply(message) : message;
        if (Interlocked.Increment(ref _queued) > MaxQueuedMessages
            || Interlocked.Add(ref _queuedBytes, wire.Length) > MaxQueuedBytes)
        {
            Abort();
            return;
        }

        _outbound.Writer.TryWrite(wire);
    }

    /// <summary>Ends the connection for good under the server's gate: nothing more it sends is applied.</summary>
    public void Close()
    {
        IsClosed = true;
        Abort();
    }

    /// <summary>Closes the connection from the server side.</summary>
    public void Abort()
    {
        _outbound.Writer.TryComplete();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async Task RunAsync(RequestDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var writer = WriteLoopAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested && await _reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } message)
            {
                dispatcher.Handle(this, message.Header, message.Payload);
            }
        }
        catch (IOException)
        {
        }
        catch (SocketException)
        {
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            dispatcher.Disconnected(this);
            _outbound.Writer.TryComplete();
            await writer.ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
            _socket.Dispose();
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Decrement(ref _queued);
                await _stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);

                // Counted until written: the message is held in memory until then.
                Interlocked.Add(ref _queuedBytes, -message.Length);
            }
        }
        catch (IOException)
        {
            Abort();
        }
        catch (SocketException)
        {
            Abort();
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
