using System.Net.Sockets;
using GuestAgent.Testing;
using GuestAgent.XenStore.Server;

namespace GuestAgent.XenStore.Tests.Infrastructure;

/// <summary>
/// Real server connections (each on a connected unix socket) that no server runs: for driving the
/// server's parts (the watch registry) directly, where what must be seen is not on any one wire
/// (the order over all connections). Messages sent to them are queued and never written.
/// </summary>
internal sealed class DetachedConnections : IDisposable
{
    private readonly TemporaryDirectory _directory = new("gaxd-");
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly UnixDomainSocketEndPoint _endpoint;
    private readonly List<Socket> _sockets = [];

    public DetachedConnections()
    {
        _endpoint = new UnixDomainSocketEndPoint(_directory.Combine("s"));
        _listener.Bind(_endpoint);
        _listener.Listen();
    }

    public ServerConnection Create(XenStoreIdentity identity, bool emulatesDevice = false)
    {
        var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _sockets.Add(client);
        client.Connect(_endpoint);
        var server = _listener.Accept();
        _sockets.Add(server);
        return new ServerConnection(server, identity, emulatesDevice, new XenStoreServerOptions().MaxQueuedBytesPerConnection, highWater: null);
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _listener.Dispose();
        _directory.Dispose();
    }
}
