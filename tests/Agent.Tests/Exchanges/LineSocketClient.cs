using System.Net.Sockets;
using System.Text;
using GuestAgent.Testing;

namespace GuestAgent.Tests.Exchanges;

/// <summary>A client of <see cref="LineSocketExchange"/>'s line protocol: one connection, so one session.</summary>
internal sealed class LineSocketClient(Socket socket) : IDisposable
{
    private readonly StreamReader _reader = new(new NetworkStream(socket, ownsSocket: true), Encoding.UTF8);

    private static CancellationToken Test => TestContext.Current.CancellationToken;

    public static async Task<LineSocketClient> ConnectAsync(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), Test);
        return new LineSocketClient(socket);
    }

    public async Task SendAsync(params string[] lines) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(string.Concat(lines.Select(line => line + "\n"))), SocketFlags.None, Test);

    public Task<string?> ReadLineAsync() => _reader.ReadLineAsync(Test).AsTask().WithinSafetyNet();

    public void Dispose() => _reader.Dispose();
}
