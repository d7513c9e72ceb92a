using System.Net.Sockets;
using GuestAgent.Testing;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// A fake XenStore daemon on a socket that answers each request with whatever the test scripts, so
/// the client can be shown malformed or quirky replies.
/// </summary>
internal sealed class ScriptedPeer : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new("gaxp-");
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly Task _loop;
    private readonly bool _dribble;
    private Socket? _client;

    /// <param name="answer">Given each request, returns the raw bytes to send back.</param>
    /// <param name="greeting">Bytes sent as soon as a client connects, before any request.</param>
    /// <param name="dribble">Send answers one byte per write, so the client sees every possible split.</param>
    public ScriptedPeer(Func<XenStoreHeader, byte[], byte[]> answer, byte[]? greeting = null, bool dribble = false)
    {
        _dribble = dribble;
        SocketPath = _directory.Combine("peer.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(4);
        _loop = ServeAsync(answer, greeting);
    }

    public string SocketPath { get; }

    /// <summary>What a XenStore daemon answers a WATCH with: its OK reply, then the watch's initial event.</summary>
    public static byte[] AcceptWatch(XenStoreHeader header, byte[] payload)
    {
        var registered = XenStorePayload.Split(payload);
        return [.. XenStoreMessage.Encode(header.Type, header.RequestId, 0, "OK\0"u8), .. XenStoreMessage.Encode(XenStoreMessageType.WatchEvent, 0, 0, XenStorePayload.Strings(registered[0], registered[1]))];
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();

        // Hang up on the client too, so a client that never closes cannot keep the loop (and the
        // test disposing the peer) waiting for ever.
        Volatile.Read(ref _client)?.Dispose();
        try
        {
            await _loop;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
        }

        _directory.Dispose();
    }

    private async Task ServeAsync(Func<XenStoreHeader, byte[], byte[]> answer, byte[]? greeting)
    {
        using var client = await _listener.AcceptAsync();
        Volatile.Write(ref _client, client);
        using var stream = new NetworkStream(client);
        if (greeting is not null)
        {
            await stream.WriteAsync(greeting);
        }

        var header = new byte[16];
        while (await stream.ReadAtLeastAsync(header, 16, throwOnEndOfStream: false) == 16)
        {
            var parsed = XenStoreHeader.Read(header);
            var payload = new byte[parsed.Length];
            await stream.ReadExactlyAsync(payload);
            var reply = answer(parsed, payload);
            if (!_dribble)
            {
                await stream.WriteAsync(reply);
                continue;
            }

            for (var i = 0; i < reply.Length; i++)
            {
                await stream.WriteAsync(reply.AsMemory(i, 1));
                await stream.FlushAsync();
            }
        }
    }
}
