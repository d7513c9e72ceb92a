namespace GuestAgent.Commands;

/// <summary>
/// What the host knows about the request being served. A command receives it by declaring a
/// <see cref="CommandContext"/> parameter.
/// </summary>
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
    public string RequestId { get; }

    /// <summary>The command's name.</summary>
    public string CommandName { get; }

    /// <summary>State shared by the requests of one exchange.</summary>
    public ExchangeSession Session { get; }

    /// <summary>The services the host was composed with.</summary>
    public IServiceProvider Services { get; }

    /// <summary>
    /// Cancelled when a stopping host has waited <c>AgentHostOptions.ShutdownTimeout</c> (30 s by
    /// default) for the command to finish: a stop first lets the command in progress complete.
    /// </summary>
    public CancellationToken CancellationToken { get; }
}
