using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Hosting;
using GuestAgent.Daemon.Logging;
using GuestAgent.Daemon.Verbs;
using GuestAgent.Hosting;

namespace GuestAgent.Daemon;

/// <summary>The <c>guest-agent</c> executable: parses the command line and runs one verb.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        // The verbs that serve until a stop signal stop on one even when whoever started them left it
        // ignored; the others keep what they inherit. Before the console is opened: .NET settles
        // then whether it handles SIGINT at all.
        if (args is ["run", ..] or ["xenstored", ..])
        {
            InheritedStopSignals.Restore();
        }

        var streams = StandardStreams.OpenConsole();
        // An argument .NET could not read as UTF-8 now names another path (each such byte is U+FFFD):
        // refused before any verb can open, bind or read what it does not name.
        if (ArgumentEncoding.Problem(args) is { } problem)
        {
            WriteErrorAsync(streams, OneLine(problem)).GetAwaiter().GetResult();
            return Task.FromResult(ExitCodes.Usage);
        }

        // Before run reads its settings: a SIGHUP would end it until a handler exists. After the
        // console: the runtime's signal pipe must not take a closed 0, 1 or 2 first. (xenstored
        // registers its own with no system call after this point: nothing to cover.) Never disposed:
        // SIGHUP stays caught until the process has exited, not only until Main returns.
        var hangups = args is ["run", ..] ? HangupHandler.Register() : null;
        return RunAsync(args, streams, hangups, CancellationToken.None);
    }

    /// <summary>
    /// Runs the command line and returns the exit code. Every error ends here as one line on stderr:
    /// usage and configuration mistakes exit 2, run-time failures exit 1. <paramref name="hangups"/>:
    /// <c>run</c>'s SIGHUP handler, registered by <c>Main</c>, whose hangups <c>run</c> logs as ignored.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, StandardStreams streams, HangupHandler? hangups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streams);
        try
        {
            var invocation = CommandLineParser.Parse(args);
            return await VerbDispatcher.RunAsync(invocation, streams, hangups, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException exception)
        {
            await WriteErrorAsync(streams, OneLine(exception.Message)).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await WriteErrorAsync(streams, "cancelled").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
#pragma warning disable CA1031 // The top level turns any failure into the documented one-line error and exit code 1.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            await WriteErrorAsync(streams, FailureText(exception)).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    // After the method it calls: the layout list (hot-methods.order) names async state machines by member position.
    /// <summary>
    /// Runs the command line with no SIGHUP handler (a verb run in-process: SIGHUP keeps its default,
    /// and <c>run</c> logs none); see <see cref="RunAsync(IReadOnlyList{string}, StandardStreams, HangupHandler?, CancellationToken)"/>.
    /// </summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, StandardStreams streams, CancellationToken cancellationToken) =>
        RunAsync(args, streams, hangups: null, cancellationToken);

    /// <summary>
    /// Writes the one error line. In the journal it gets the error priority (<c>&lt;3&gt;</c>), like the
    /// log lines carry theirs, so that <c>journalctl -u guest-agent -p err</c> shows why the agent exited.
    /// </summary>
    private static Task WriteErrorAsync(StandardStreams streams, string text) =>
        streams.WriteErrorLineAsync(streams.ErrorIsJournal ? $"<3>guest-agent: {text}" : $"guest-agent: {text}");

    /// <summary>
    /// The one-line text of a run-time failure. Exceptions of the SDK never carry secrets (AGENTS.md),
    /// so their messages are safe to print; the type is added when the message alone would be vague.
    /// </summary>
    private static string FailureText(Exception exception)
    {
        var root = exception is AggregateException { InnerException: { } inner } ? inner : exception;
        return root is DaemonException ? OneLine(root.Message) : $"{OneLine(root.Message)} ({root.GetType().Name})";
    }

    private static string OneLine(string text) => SingleLineText.Of(text);
}
