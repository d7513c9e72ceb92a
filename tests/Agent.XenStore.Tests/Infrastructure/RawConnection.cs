using System.Net.Sockets;
using System.Text;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>A bare socket speaking the wire format by hand, to send what no well-behaved client would.</summary>
internal sealed class RawConnection : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

    private RawConnection()
    {
    }

    public static async Task<RawConnection> ConnectAsync(string path)
    {
        var connection = new RawConnection();
        await connection._socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        return connection;
    }

    public Task SendBytesAsync(byte[] bytes) => _socket.SendAsync(bytes);

    /// <summary>
    /// Shrinks the socket's send buffer, so that a send completes only once the server has taken in
    /// all but this many bytes of what was sent before it (whatever the machine's default).
    /// </summary>
    public void LimitSendBuffer(int bytes) => _socket.SendBufferSize = bytes;

    /// <summary>
    /// A client that never reads: sends <paramref name="requests"/> READs of <paramref name="path"/>,
    /// a hundred at a time through a small send buffer, until they are all sent or the server shuts
    /// the connection down (the socket then refuses what is still sent).
    /// </summary>
    /// <returns>How many were sent before the refusal, and the refusal (<c>null</c> when all went).</returns>
    public async Task<(int Sent, SocketException? Refused)> PipelineReadsWithoutReadingAsync(string path, int requests)
    {
        const int batch = 100;
        var read = XenStoreMessage.Encode(XenStoreMessageType.Read, 1, 0, XenStorePayload.Strings(path));
        var requestsOfABatch = Enumerable.Repeat(read, batch).SelectMany(message => message).ToArray();
        LimitSendBuffer(16 * 1024);
        var sent = 0;
        try
        {
            for (; sent < requests; sent += batch)
            {
                await SendBytesAsync(requestsOfABatch);
            }
        }
        catch (SocketException exception)
        {
            return (sent, exception);
        }

        return (sent, null);
    }

    public Task SendAsync(XenStoreMessageType type, uint requestId, uint transactionId, byte[] payload) =>
        SendBytesAsync(XenStoreMessage.Encode(type, requestId, transactionId, payload));

    public Task SendAsync(XenStoreMessageType type, uint requestId, string payload) =>
        SendAsync(type, requestId, 0, Encoding.Latin1.GetBytes(payload));

    /// <summary>Reads one message; null when the server closed the connection.</summary>
    public async Task<(XenStoreHeader Header, byte[] Payload)?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        var header = new byte[XenStoreLimits.HeaderSize];
        if (!await ReadExactlyAsync(header, cancel.Token))
        {
            return null;
        }

        var parsed = XenStoreHeader.Read(header);
        var payload = new byte[parsed.Length];
        if (!await ReadExactlyAsync(payload, cancel.Token))
        {
            return null;
        }

        return (parsed, payload);
    }

    /// <summary>Reads messages until the reply to <paramref name="requestId"/> (skipping watch events).</summary>
    public async Task<(XenStoreHeader Header, string Payload)> ReplyAsync(uint requestId)
    {
        while (true)
        {
            var message = await ReceiveAsync() ?? throw new InvalidOperationException("connection closed");
            if (message.Header.Type != XenStoreMessageType.WatchEvent && message.Header.RequestId == requestId)
            {
                return (message.Header, Encoding.Latin1.GetString(message.Payload));
            }
        }
    }

    /// <summary>Registers a watch and takes its reply and its initial event, in whichever order they come.</summary>
    public async Task WatchAsync(uint requestId, string path, string token)
    {
        await SendAsync(XenStoreMessageType.Watch, requestId, $"{path}\0{token}\0");
        var initial = false;
        var replied = false;
        while (!initial || !replied)
        {
            var (header, payload) = await ReceiveAsync() ?? throw new InvalidOperationException("connection closed");
            initial |= header.Type == XenStoreMessageType.WatchEvent && Encoding.Latin1.GetString(payload) == $"{path}\0{token}\0";
            replied |= header.Type == XenStoreMessageType.Watch && header.RequestId == requestId;
        }
    }

    /// <summary>
    /// Sends a request and returns the watch events that arrive before its reply (a request's events
    /// are queued before its reply), each as "path\0token\0". Fails on an ERROR reply.
    /// </summary>
    public async Task<List<string>> EventsUntilReplyAsync(uint requestId, XenStoreMessageType type, string payload, uint transactionId = 0)
    {
        await SendAsync(type, requestId, transactionId, Encoding.Latin1.GetBytes(payload));
        var events = new List<string>();
        while (true)
        {
            var (header, body) = await ReceiveAsync() ?? throw new InvalidOperationException("connection closed");
            if (header.Type == XenStoreMessageType.WatchEvent)
            {
                events.Add(Encoding.Latin1.GetString(body));
            }
            else if (header.RequestId == requestId)
            {
                Assert.NotEqual(XenStoreMessageType.Error, header.Type);
                return events;
            }
        }
    }

    /// <summary>
    /// Says "no more requests" (shuts down the sending side) and reads whatever the server still
    /// answers until it closes the connection: once this returns, the server has dealt with every
    /// byte sent. Returns how many messages it read.
    /// </summary>
    public async Task<int> FinishAsync()
    {
        _socket.Shutdown(SocketShutdown.Send);
        var messages = 0;
        try
        {
            while (await ReceiveAsync() is not null)
            {
                messages++;
            }
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
        {
            // The server closed on a bad frame with bytes of ours still unread: a reset, still a close.
        }

        return messages;
    }

    public void Dispose() => _socket.Dispose();

    private async Task<bool> ReadExactlyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return false;
            }

            buffer = buffer[read..];
        }

        return true;
    }
}
