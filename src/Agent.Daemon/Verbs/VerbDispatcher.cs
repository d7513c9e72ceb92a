using GuestAgent.Daemon.Cli;

namespace GuestAgent.Daemon.Verbs;

/// <summary>Runs the verb an <see cref="Invocation"/> names and returns its exit code.</summary>
internal static class VerbDispatcher
{
    public static async Task<int> RunAsync(Invocation invocation, StandardStreams streams, CancellationToken cancellationToken)
    {
        switch (invocation)
        {
            case HelpInvocation:
                await streams.Out.WriteLineAsync(HelpText.Usage).ConfigureAwait(false);
                return ExitCodes.Success;
            case VersionInvocation:
                await streams.Out.WriteLineAsync($"guest-agent {AgentVersion.Informational}").ConfigureAwait(false);
                return ExitCodes.Success;
            default:
                throw new DaemonException($"'{invocation.GetType().Name}' is not available in this build");
        }
    }
}
