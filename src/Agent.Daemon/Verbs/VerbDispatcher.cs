using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Hosting;

namespace GuestAgent.Daemon.Verbs;

/// <summary>Runs the verb an <see cref="Invocation"/> names and returns its exit code.</summary>
internal static class VerbDispatcher
{
    /// <param name="invocation">The parsed command line.</param>
    /// <param name="streams">The standard streams.</param>
    /// <param name="hangups"><c>run</c>'s SIGHUP handler, when <c>Main</c> registered one (only for <c>run</c>).</param>
    /// <param name="cancellationToken">The caller's stop.</param>
    public static async Task<int> RunAsync(Invocation invocation, StandardStreams streams, HangupHandler? hangups, CancellationToken cancellationToken)
    {
        switch (invocation)
        {
            case HelpInvocation help:
                await streams.WriteOutputLineAsync(help.Verb is { } verb ? HelpText.For(verb) : HelpText.Overview).ConfigureAwait(false);
                return ExitCodes.Success;
            case MissingVerbInvocation:
                await streams.WriteErrorLineAsync(HelpText.Overview).ConfigureAwait(false);
                return ExitCodes.Usage;
            case VersionInvocation:
                await streams.WriteOutputLineAsync($"guest-agent {AgentVersion.Informational}").ConfigureAwait(false);
                return ExitCodes.Success;
            case RunInvocation run:
                return await RunVerb.RunAsync(run, streams, hangups, cancellationToken).ConfigureAwait(false);
            case CheckConfigInvocation check:
                return await CheckConfigVerb.RunAsync(check, streams).ConfigureAwait(false);
            case XenstoredInvocation xenstored:
                return await XenstoredVerb.RunAsync(xenstored, streams, cancellationToken).ConfigureAwait(false);
            case CallInvocation call:
                return await CallVerb.RunAsync(call, streams, cancellationToken).ConfigureAwait(false);
            case SetPasswordInvocation setPassword:
                return await SetPasswordVerb.RunAsync(setPassword, streams, cancellationToken).ConfigureAwait(false);
            case SchemaInvocation:
                return await SchemaVerb.RunAsync(streams).ConfigureAwait(false);
            case DemoInvocation:
                return await DemoVerb.RunAsync(streams, cancellationToken).ConfigureAwait(false);
            default:
                throw new InvalidOperationException($"No verb handles {invocation.GetType().Name}");
        }
    }
}
