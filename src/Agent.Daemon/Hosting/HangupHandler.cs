using System.Runtime.InteropServices;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// <c>run</c>'s SIGHUP handler, registered in <c>Main</c> as soon as the console is open and kept
/// for the life of the process: SIGHUP ("reload" to an operator's hands) would end the process by
/// default, mid-request and with a status (129) that systemd's <c>Restart=on-failure</c> does not
/// restart. The settings are read at start, so each is logged as ignored and the agent carries on.
/// </summary>
/// <remarks>
/// <para>
/// Registered before <c>run</c> has read its settings or made its logger, and not handed over to
/// another handler later: one sent in those first milliseconds (a reload right after a start, a
/// terminal closing) used to end the agent, because the handler came with the logger. The handler
/// only counts; <see cref="LogEach"/>, started once the logger exists, logs every one counted, those
/// that came before it included, through one path whatever the timing.
/// </para>
/// <para>
/// Registering a handler is the only way: .NET installs none for a signal that is ignored when it
/// is first registered (it respects <c>SIG_IGN</c>), so ignoring SIGHUP until later would keep any
/// handler from ever running; and blocking it would not cover the threads the runtime started
/// before <c>Main</c>. What is left is the runtime's own start before <c>Main</c> (a few
/// milliseconds, measured with the published daemon), which no managed code can cover.
/// </para>
/// </remarks>
internal static class HangupHandler
{
    private static readonly Lock Gate = new();
    private static readonly SemaphoreSlim Received = new(0);
    private static PosixSignalRegistration? s_registration;

    /// <summary>From now on SIGHUP is caught and counted, and does not end the process.</summary>
    /// <remarks>
    /// After <see cref="GuestAgent.Hosting.InheritedStopSignals.Restore"/>, since a registration
    /// settles how .NET treats SIGINT, which must be at its default by then; and after the console
    /// is open, since it creates the runtime's signal pipe, whose descriptors would otherwise take a
    /// closed 0, 1 or 2 (<see cref="Cli.StandardDescriptors"/> fills those first).
    /// </remarks>
    public static void Register()
    {
        lock (Gate)
        {
            s_registration ??= PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                Received.Release();
            });
        }
    }

    /// <summary>
    /// Runs <paramref name="log"/> once for every SIGHUP caught, those caught so far first, until the
    /// returned handle is disposed. Nothing is ever logged when <see cref="Register"/> was not called
    /// (a test running the verb in-process).
    /// </summary>
    public static IDisposable LogEach(Action log)
    {
        var logging = new Logging();
        _ = LogEachAsync(log, logging.Token);
        return logging;
    }

    private static async Task LogEachAsync(Action log, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Received.WaitAsync(cancellationToken).ConfigureAwait(false);
                log();
            }
        }
        catch (OperationCanceledException)
        {
            // The verb has ended.
        }
    }

    /// <summary>Ends the logging when disposed (a token source alone is disposed without cancelling).</summary>
    private sealed class Logging : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();

        public CancellationToken Token => _stop.Token;

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }
}
