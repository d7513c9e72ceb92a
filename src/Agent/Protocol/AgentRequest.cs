using GuestAgent.Commands;

namespace GuestAgent.Protocol;

/// <summary>One request taken from an exchange, as raw bytes.</summary>
public sealed class AgentRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="id">The request id (for XenStore, the node name under <c>data/host</c>).</param>
    /// <param name="data">The raw request bytes, or <c>null</c> when the exchange had none.</param>
    /// <param name="session">
    /// The session of the peer the request came from: the exchange's only one, or the one of the
    /// connection that sent it when the exchange keeps one per connection.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> or <paramref name="session"/> is <c>null</c>.</exception>
    public AgentRequest(string id, ReadOnlyMemory<byte>? data, ExchangeSession session)
    {
        // Refused here, in the exchange that made it: the host matches answers by id and takes the
        // session's answer binding, and a null would fail its loop instead.
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(session);
        Id = id;
        Data = data;
        Session = session;
    }

    /// <summary>The request id.</summary>
    public string Id { get; }

    /// <summary>The raw request bytes; <c>null</c> when the exchange had none.</summary>
    public ReadOnlyMemory<byte>? Data { get; }

    /// <summary>State shared by the requests of the same peer (the exchange, or one of its connections).</summary>
    public ExchangeSession Session { get; }
}
