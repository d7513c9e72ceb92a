namespace GuestAgent.Commands;

/// <summary>
/// What the host knows about the request being served. A command receives it by declaring a
/// <see cref="CommandContext"/> parameter.
/// </summary>
/// <remarks>
/// A context is valid only until its command completes: like ASP.NET Core's <c>HttpContext</c>, the
/// host reuses it for the exchange's next request (an exchange serves one request at a time), so the
/// hot path allocates nothing but the response. Copy what you need before handing work to a
/// background task.
/// </remarks>
public sealed class CommandContext
{
    /// <summary>Creates a context.</summary>
    public CommandContext(
        string requestId,
        string commandName,
        ExchangeSession session,
        IServiceProvider services,
        CancellationToken cancellationToken = default)
    {
        RequestId = requestId;
        CommandName = commandName;
        Session = session;
        Services = services;
        CancellationToken = cancellationToken;
    }

    /// <summary>The request id (the node name under <c>data/host</c> for XenStore).</summary>
    public string RequestId { get; private set; }

    /// <summary>The command name as the request spelled it.</summary>
    public string CommandName { get; private set; }

    /// <summary>State shared by the requests of one exchange.</summary>
    public ExchangeSession Session { get; }

    /// <summary>The services the host was composed with.</summary>
    public IServiceProvider Services { get; private set; }

    /// <summary>Cancelled when the host shuts down.</summary>
    public CancellationToken CancellationToken { get; private set; }

    /// <summary>Points a finished request's context at the next request of the same session.</summary>
    internal CommandContext Reuse(string requestId, string commandName, IServiceProvider services, CancellationToken cancellationToken)
    {
        RequestId = requestId;
        CommandName = commandName;
        Services = services;
        CancellationToken = cancellationToken;
        return this;
    }
}
