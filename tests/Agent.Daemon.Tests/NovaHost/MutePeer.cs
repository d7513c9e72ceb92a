using System.Buffers.Binary;
using System.Net.Sockets;
using System.Threading.Channels;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.NovaHost;

/// <summary>
/// A XenStore that accepts connections and reads every request but never answers one: a wedged
/// daemon. Tests learn what arrived (and so where the client is) from <see cref="NextRequestAsync"/>.
/// With <c>answerFirstRead</c> it answers the first READ (as a live domain's name) and is mute
/// after it: a daemon that wedges once the client has checked the domain.
/// </summary>
internal sealed class MutePeer : IAsyncDisposable
{
    /// <summary>XenStore message types (xs_wire.h) the tests look for.</summary>
    public const uint Read = 2;

    /// <inheritdoc cref="Read"/>
    public const uint Write = 11;

    /// <inheritdoc cref="Write"/>
    public const uint Remove = 13;

    private readonly TemporaryDirectory _directory = new("gamp-");
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly Channel<uint> _requests = Channel.CreateUnbounded<uint>();
    private readonly List<Socket> _clients = [];
    private readonly Task _loop;
    private readonly bool _answerFirstRead;
    private bool _answered;

    public MutePeer(bool answerFirstRead = false)
    {
        _answerFirstRead = answerFirstRead;
        SocketPath = _directory.Combine("mute.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(4);
        _loop = AcceptAsync();
    }

    public string SocketPath { get; }

    /// <summary>The type of the next request received; a minute's safety net turns a hang into a failure.</summary>
    public async Task<uint> NextRequestAsync()
    {
        using var safetyNet = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        return await _requests.Reader.ReadAsync(safetyNet.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        lock (_clients)
        {
            _clients.ForEach(client => client.Dispose());
        }

        try
        {
            await _loop;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }

        _directory.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            var client = await _listener.AcceptAsync();
            lock (_clients)
            {
                _clients.Add(client);
            }

            _ = ReadAsync(client);
        }
    }

    private async Task ReadAsync(Socket client)
    {
        var header = new byte[16];
        try
        {
            while (await ReadExactlyAsync(client, header))
            {
                var length = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12));
                if (!await ReadExactlyAsync(client, new byte[length]))
                {
                    break;
                }

                var type = BinaryPrimitives.ReadUInt32LittleEndian(header);
                if (type == Read && _answerFirstRead && !_answered)
                {
                    _answered = true;
                    await AnswerAsync(client, header, "guest"u8.ToArray());
                }

                _requests.Writer.TryWrite(type);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>A reply to the request whose header is <paramref name="request"/>: same type, request and transaction ids.</summary>
    private static async Task AnswerAsync(Socket client, byte[] request, byte[] payload)
    {
        var reply = new byte[16 + payload.Length];
        request.AsSpan(0, 12).CopyTo(reply);
        BinaryPrimitives.WriteUInt32LittleEndian(reply.AsSpan(12), (uint)payload.Length);
        payload.CopyTo(reply, 16);
        await client.SendAsync(reply);
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, Memory<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var read = await socket.ReceiveAsync(buffer);
            if (read == 0)
            {
                return false;
            }

            buffer = buffer[read..];
        }

        return true;
    }
}
