using System.Runtime.InteropServices;
using GuestAgent.Commands;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Configuration;
using GuestAgent.Daemon.Hosting;
using GuestAgent.Daemon.Logging;
using GuestAgent.Hosting;
using GuestAgent.Platform;
using GuestAgent.Protocol;
using GuestAgent.XenStore.Client;
using Microsoft.Extensions.Logging;

namespace GuestAgent.Daemon.Verbs;

/// <summary>
/// <c>guest-agent run</c>: the service. Settings are resolved first (a bad one exits 2 before
/// anything starts), the process moves to <c>/</c> and becomes non-dumpable (<see cref="ProcessHardening"/>), the state directory is locked against a second agent (<see cref="InstanceLock"/>;
/// held, it exits 1), what commands the last run was killed in left unfinished is put right, in
/// order (<see cref="BuiltInCommands.RecoverAsync"/>, as an application built from the SDK packages
/// does: <c>resetnetwork</c>, <c>agentupdate</c>, <c>kmsactivate</c>), XenStore is connected once up front (unreachable exits 1 with one line), then
/// the host serves until SIGTERM/SIGINT and finishes the request in progress.
/// </summary>
internal static partial class RunVerb
{
    /// <summary>How long READY=1 waits for a resetnetwork queued at start-up: Nova's agent_resetnetwork_timeout.</summary>
    public static readonly TimeSpan PendingResetNetworkWait = TimeSpan.FromSeconds(60);

    /// <param name="invocation">The verb's options.</param>
    /// <param name="streams">The standard streams.</param>
    /// <param name="hangups">
    /// The SIGHUP handler <c>Main</c> registered before the settings were read, whose hangups are
    /// logged as ignored; none when the verb runs in-process (a test), where nothing is logged.
    /// </param>
    /// <param name="cancellationToken">The caller's stop, as a signal's.</param>
    public static async Task<int> RunAsync(RunInvocation invocation, StandardStreams streams, HangupHandler? hangups, CancellationToken cancellationToken)
    {
        var settings = SettingsResolver.Resolve(invocation);
        using var loggers = new JournalLoggerFactory(new JournalWriter(streams.Error, settings.LogLevel));
        using var notifier = SystemdNotifier.FromEnvironment();
        var logger = loggers.CreateLogger("guest-agent");
        if (streams.OwnsProcess)
        {
            // Once the command line's paths are read, before anything runs or is opened.
            settings = ProcessHardening.Apply(settings, logger);
        }

        RunningAgent? agent = null;
        // SIGHUP is the HangupHandler's, registered by Main before the settings were read.
        using var signals = new ShutdownSignals(
            signal =>
            {
                var requests = agent?.RequestsInProgress ?? [];
                notifier.Stopping(requests.Count == 0 ? "Stopping: no request in progress" : "Finishing the request in progress");
                LogStopping(logger, signal, requests);
            },
            signal => LogAbandoning(logger, signal, agent?.RequestsInProgress ?? []));
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(signals.Token, cancellationToken);

        // Before anything else is done, so that the journal says which file (if any) this run is
        // configured by, and that root mode, where no program is run, is on; but after the signal
        // handlers, since a log nobody reads blocks this first line (a stop must still work).
        SettingsLog.Write(logger, settings);
        // The settings are read at start: each SIGHUP (one that came while they were read included)
        // is said to be ignored, and the agent keeps serving.
        using var hangupLog = hangups?.LogEach(() => LogHangupIgnored(logger));
        if (settings.Root == "/" && GuestAgent.Platform.Native.LibC.GetEffectiveUserId() is var uid and not 0)
        {
            // Before the errors it explains (the lock, the recoveries, XenStore's device), each of
            // which only says "Permission denied" about its own path.
            LogNotRoot(logger, uid, settings.StateDirectory);
        }

        var composition = AgentComposition.Create(settings, loggers);
        // One agent per state directory, before anything is recovered, connected or served.
        using var instance = InstanceLock.Take(settings, new RootedFileSystem(settings.Root), logger);
        agent = new RunningAgent(settings, composition, loggers);
        try
        {
            // Before anything is served, and before XenStore is needed: a resetnetwork the last run
            // was killed in is rolled back first, so one still waiting in data/host runs from there.
            await BuiltInCommands.RecoverAsync(composition.Services, stopping.Token).ConfigureAwait(false);

            await agent.ConnectAsync(stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
        {
            // Stopped while recovering or connecting: nothing was served, nothing is lost (a
            // recovery cut short keeps its record, and the next start finishes it). The same last
            // line as any stop, or the journal would end on "Stopping".
            LogStopped(logger);
            return ExitCodes.Success;
        }

        var serving = agent.RunAsync(stopping.Token);
        await agent.WhenReadyAsync(PendingResetNetworkWait, serving).ConfigureAwait(false);
        var where = settings.DomainPath ?? "the guest's own domain";
        if (!stopping.IsCancellationRequested)
        {
            // A stop that came first (while READY=1 waited for a resetnetwork, or for the connection):
            // "ready" and "serving" after it would be false (a signal's stop was already notified with
            // STOPPING=1 and logged; a caller's cancellation is a stop too).
            notifier.Ready($"Serving {where}");
            LogServing(logger, AgentVersion.Informational, where, agent.Description, composition.Registry.Commands.Count);
            // This build serves: a later crash of it is no failed update for the unit's update-rollback to undo.
            if (BuiltInCommands.ConfirmServing(composition.Services))
            {
                LogUpdateConfirmed(logger);
            }
        }
        // Cancelled however serving ends, so the release never outlives it.
        using var served = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        var releasing = StartupPageRelease.RunAfterAsync(StartupPageRelease.Delay, logger, served.Token);
        try
        {
            await serving.ConfigureAwait(false);
        }
        finally
        {
            await served.CancelAsync().ConfigureAwait(false);
            await releasing.ConfigureAwait(false);
        }

        LogStopped(logger);
        return ExitCodes.Success;
    }

    /// <summary>
    /// The first signal's line says what the stop waits for: the request in progress (id and command,
    /// never value), or none, so an operator whose agent was idle is not told it finishes something.
    /// </summary>
    private static void LogStopping(ILogger logger, PosixSignal signal, IReadOnlyList<AgentRequest> requests)
    {
        if (requests.Count == 0)
        {
            LogStoppingIdle(logger, signal.ToString());
        }

        foreach (var request in requests)
        {
            LogStoppingFinishing(logger, signal.ToString(), HostTextForLog.Cap(request.Id), HostTextForLog.CommandOf(request));
        }
    }

    /// <summary>The last lines before a second signal ends the process: which requests (id and command, never value) are left unanswered.</summary>
    private static void LogAbandoning(ILogger logger, PosixSignal signal, IReadOnlyList<AgentRequest> requests)
    {
        if (requests.Count == 0)
        {
            LogStoppingAtOnce(logger, signal.ToString());
        }

        foreach (var request in requests)
        {
            LogAbandoned(logger, signal.ToString(), HostTextForLog.Cap(request.Id), HostTextForLog.CommandOf(request));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping at once on a second {Signal}: request {RequestId} (command '{Command}') is abandoned before its answer was delivered; it stays in XenStore and runs again (or has its answer replayed) when the agent starts, unless the host withdraws it")]
    private static partial void LogAbandoned(ILogger logger, string signal, string requestId, string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping at once on a second {Signal}: no request was in progress")]
    private static partial void LogStoppingAtOnce(ILogger logger, string signal);

    [LoggerMessage(Level = LogLevel.Information, Message = "agentupdate: this build, installed by the last update, serves: its rollback record is removed")]
    private static partial void LogUpdateConfirmed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "guest-agent {Version} serving {Domain} over {Endpoint} ({Count} commands)")]
    private static partial void LogServing(ILogger logger, string version, string domain, string endpoint, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Running as uid {Uid}, not root: the agent changes root's files (/etc/shadow, the network files, injected files, its own binary), keeps its state in {StateDirectory} and talks to XenStore's root-only device, so expect 'Permission denied' from each of them; run it as root (the unit does), or give --root DIR to try it on a directory")]
    private static partial void LogNotRoot(ILogger logger, uint uid, string stateDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIGHUP ignored: the configuration is read at start; restart the service to apply a change")]
    private static partial void LogHangupIgnored(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping on {Signal}: no request is in progress")]
    private static partial void LogStoppingIdle(ILogger logger, string signal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping on {Signal}: finishing request {RequestId} (command '{Command}') first")]
    private static partial void LogStoppingFinishing(ILogger logger, string signal, string requestId, string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped")]
    private static partial void LogStopped(ILogger logger);
}
