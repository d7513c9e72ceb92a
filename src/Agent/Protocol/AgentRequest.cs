using GuestAgent.Commands;

namespace GuestAgent.Protocol;

/// <summary>One request taken from an exchange, as raw bytes.</summary>
public sealed class AgentRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="id">The request id (for XenStore, the node name under <c>data/host</c>).</param>
    /// <param name="data">The raw request bytes, or <c>null</c> when the exchange had none.</param>
    /// <param name="session">The session of the exchange the request came from.</param>
    public AgentRequest(string id, ReadOnlyMemory<byte>? data, ExchangeSession session)
    {
        Id = id;
        Data = data;
        Session = session;
    }

    /// <summary>The request id.</summary>
    public string Id { get; }

    /// <summary>The raw request bytes; <c>null</c> when the exchange had none.</summary>
    public ReadOnlyMemory<byte>? Data { get; }

    /// <summary>State shared by the requests of the same exchange.</summary>
    public ExchangeSession Session { get; }
}
