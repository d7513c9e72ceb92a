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
    /// <summary>
    /// Messages a connection may have queued and not yet written. With the byte cap
    /// (<see cref="XenStoreServerOptions.MaxQueuedBytesPerConnection"/>) this bounds what small
    /// messages cost beyond their bytes (each is an object and a queue entry).
    /// </summary>
    private const int MaxQueuedMessages = 65536;

    private int _queued;
    private long _queuedBytes;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly IMessageReader _reader;
    private readonly long _maxQueuedBytes;
    private readonly OutputHighWater? _highWater;
    private readonly Channel<byte[]> _outbound = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });

    public ServerConnection(Socket socket, XenStoreIdentity identity, bool emulatesDevice, long maxQueuedBytes, OutputHighWater? highWater)
    {
        _maxQueuedBytes = maxQueuedBytes;
        _highWater = highWater;
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
    /// <see cref="MaxQueuedMessages"/> messages or more bytes not yet written than the server's
    /// <see cref="XenStoreServerOptions.MaxQueuedBytesPerConnection"/>) is disconnected rather than
    /// allowed to exhaust memory. The message that would pass the cap is not queued.
    /// </summary>
    public void Send(byte[] message)
    {
        var wire = EmulatesDevice ? DeviceQuirks.Apply(message) : message;
        long queuedBytes = 0;
        if (Interlocked.Increment(ref _queued) > MaxQueuedMessages
            || (queuedBytes = Interlocked.Add(ref _queuedBytes, wire.Length)) > _maxQueuedBytes)
        {
            Abort();
            return;
        }

        if (_outbound.Writer.TryWrite(wire))
        {
            _highWater?.Observe(queuedBytes);
        }
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
