using System.Text;
using GuestAgent.XenStore.Wire;

namespace GuestAgent.XenStore.Server;

/// <summary>
/// The reply to one request: echoes the request's type, request id and transaction id. A success
/// payload is staged first and sent by <see cref="Flush"/>, after the events the request fired; a
/// payload over 4096 bytes becomes ERROR E2BIG.
/// </summary>
internal sealed class Reply(ServerConnection connection, XenStoreHeader header)
{
    private byte[]? _staged;

    public ServerConnection Connection { get; } = connection;

    public XenStoreHeader Header { get; } = header;

    /// <summary>Stages the success payload; returns null so callers can write <c>return op() ?? reply.Stage(x)</c>.</summary>
    public string? Stage(byte[] payload)
    {
        _staged = payload;
        return null;
    }

    public void Flush()
    {
        var payload = _staged ?? [];
        if (payload.Length > XenStoreLimits.PayloadMax)
        {
            Error(XenStoreErrors.TooBig);
            return;
        }

        Connection.Send(XenStoreMessage.Encode(Header.Type, Header.RequestId, Header.TransactionId, payload));
    }

    public void Send(byte[] payload)
    {
        _staged = payload;
        Flush();
    }

    public void Error(string name) =>
        Connection.Send(XenStoreMessage.Encode(XenStoreMessageType.Error, Header.RequestId, Header.TransactionId, Encoding.ASCII.GetBytes(name + "\0")));
}
