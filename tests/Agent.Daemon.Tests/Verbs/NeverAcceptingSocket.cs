using System.Net.Sockets;
using GuestAgent.Testing;

namespace GuestAgent.Daemon.Tests.Verbs;

/// <summary>A listening socket with a queue of one, taken by a client nobody accepts.</summary>
internal sealed class NeverAcceptingSocket : IDisposable
{
    private readonly TemporaryDirectory _directory = new("gafq-");
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly Socket _waiting = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

    public NeverAcceptingSocket(string? path = null)
    {
        Path = path ?? _directory.Combine("xs.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(0);
        _waiting.Blocking = false;
        _waiting.Connect(new UnixDomainSocketEndPoint(Path));
    }

    public string Path { get; }

    public void Dispose()
    {
        _waiting.Dispose();
        _listener.Dispose();
        _directory.Dispose();
    }
}
