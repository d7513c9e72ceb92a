using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.NovaHost;
using GuestAgent.Hosting;

namespace GuestAgent.Daemon.Verbs;

/// <summary>
/// <c>guest-agent call</c>: one request as Nova's dom0 plugin sends it; the response JSON on stdout
/// (<see cref="PrintableAnswer"/>: an answer that is not JSON is an error, exit 1).
/// </summary>
internal static class CallVerb
{
    public static async Task<int> RunAsync(CallInvocation invocation, StandardStreams streams, CancellationToken cancellationToken)
    {
        // A relative XENSTORED_PATH made absolute as run makes it, so the verbs agree on what it names.
        var endpoint = invocation.XenStorePath ?? UnixSocketPathLength.EnvironmentEndpoint(VerbCatalog.Call.Name);

        // Ctrl-C withdraws the request (as a timeout does) instead of leaving it for the agent.
        using var signals = new ShutdownSignals();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(signals.Token, cancellationToken);
        await using var xenstore = await XenStoreConnector.ConnectAsync(endpoint, invocation.Timeout, stopping.Token).ConfigureAwait(false);
        var call = new NovaAgentCall(xenstore, invocation.DomainId)
        {
            // Sent as Nova would send it; one line so the operator knows the agent got something else.
            RequestUnescaped = (_, stored) => streams.Error.WriteLine(
                $"guest-agent: note: sent as Nova's xenstore-write stores it, un-escaped (as xenstore-read shows it): {stored}"),
        };
        string response;
        try
        {
            response = await call.SendAsync(invocation.Command, invocation.ValueJson, invocation.Timeout, cancellationToken: stopping.Token).ConfigureAwait(false);
        }
        catch (NovaCallInterruptedException interrupted) when (signals.Token.IsCancellationRequested)
        {
            // Says "withdrawn" only when XenStore confirmed the removal.
            throw new DaemonException(interrupted.Message);
        }

        // Never the guest's bytes as they are: they could drive the operator's terminal.
        await streams.WriteOutputLineAsync(PrintableAnswer.Of(response)).ConfigureAwait(false);
        // A script must be able to tell "404"/"500" from success without parsing the JSON; the answer
        // is printed either way.
        return Succeeded(response) ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>
    /// Whether Nova's <c>_call_agent</c> would return for the answer: its returncode <c>0</c>, or
    /// <c>D0</c> (keyinit's success), and a string message, on which Nova calls <c>replace</c> (an
    /// answer without one fails there, whatever its returncode).
    /// </summary>
    internal static bool Succeeded(string response)
    {
        try
        {
            return AgentResponseReader.Read(response).ReturnCode is "0" or "D0";
        }
        catch (DaemonException)
        {
            return false;
        }
    }
}
