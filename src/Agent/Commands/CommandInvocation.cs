namespace GuestAgent.Commands;

/// <summary>
/// What the host passes with every dispatch: the request's identity and the services a command may
/// ask for. A command that declares a <see cref="CommandContext"/> parameter gets one made from it;
/// the others cost nothing beyond this value on the stack.
/// </summary>
/// <param name="RequestId">The request id (the node name under <c>data/host</c> for XenStore).</param>
/// <param name="Session">State shared by the requests of one exchange.</param>
/// <param name="Services">The services the host was composed with.</param>
/// <param name="CancellationToken">
/// Cancelled when a stopping host has waited <c>AgentHostOptions.ShutdownTimeout</c> for the command
/// to finish (see <see cref="CommandContext.CancellationToken"/>).
/// </param>
public readonly record struct CommandInvocation(
    string RequestId,
    ExchangeSession Session,
    IServiceProvider Services,
    CancellationToken CancellationToken)
{
    /// <summary>The context handed to a command that declares a <see cref="CommandContext"/> parameter.</summary>
    /// <param name="commandName">The command's registered name.</param>
    public CommandContext CreateContext(string commandName) =>
        new(RequestId, commandName, Session, Services, CancellationToken);
}
