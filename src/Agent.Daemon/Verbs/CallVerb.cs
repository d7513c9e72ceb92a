using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.NovaHost;

namespace GuestAgent.Daemon.Verbs;

/// <summary><c>guest-agent call</c>: one request as Nova's dom0 plugin sends it; the response JSON on stdout.</summary>
internal static class CallVerb
{
    public static async Task<int> RunAsync(CallInvocation invocation, StandardStreams streams, CancellationToken cancellationToken)
    {
        await using var xenstore = await XenStoreConnector.ConnectAsync(invocation.XenStorePath, cancellationToken).ConfigureAwait(false);
        var call = new NovaAgentCall(xenstore, invocation.DomainId);
        var response = await call.SendAsync(invocation.Command, invocation.ValueJson, invocation.Timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        await streams.Out.WriteLineAsync(response).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
