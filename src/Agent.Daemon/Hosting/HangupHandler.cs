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
/// <para>
/// An instance, created by <c>Main</c> for <c>run</c> only and handed down to the verb: a test that
/// runs the verb in-process passes none, so its process keeps SIGHUP's default and nothing is
/// logged. <c>Main</c> never disposes it.
/// </para>
/// </remarks>
internal sealed class HangupHandler : IDisposable
{
    private readonly SemaphoreSlim _received = new(0);
    private readonly PosixSignalRegistration _registration;

    // .NET finds a registration through a weak reference, and its finalizer unregisters it: one that
    // nothing roots stops catching SIGHUP at the next collection, which may come after Main has
    // returned and before the process has exited. The handle roots it until disposed.
    private GCHandle _rooted;

    private HangupHandler()
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Caught);
        _rooted = GCHandle.Alloc(this);
    }

    /// <summary>From now on SIGHUP is caught and counted, and does not end the process, until the handler is disposed.</summary>
    /// <remarks>
    /// After <see cref="GuestAgent.Hosting.InheritedStopSignals.Restore"/>, since a registration
    /// settles how .NET treats SIGINT, which must be at its default by then; and after the console
    /// is open, since it creates the runtime's signal pipe, whose descriptors would otherwise take a
    /// closed 0, 1 or 2 (<see cref="Cli.StandardDescriptors"/> fills those first).
    /// </remarks>
    public static HangupHandler Register() => new();

    /// <summary>
    /// Runs <paramref name="log"/> once for every SIGHUP caught, those caught so far first, until the
    /// returned handle is disposed (dispose it before the handler).
    /// </summary>
    public IDisposable LogEach(Action log)
    {
        var logging = new Logging();
        _ = LogEachAsync(log, logging.Token);
        return logging;
    }

    /// <summary>SIGHUP gets its default back (it ends the process).</summary>
    /// <remarks>
    /// The count is deliberately not disposed: the runtime copies a signal's handlers before it runs
    /// them on a thread of its own, so one it picked just before the registration went may still run
    /// after this returns, and a disposed semaphore would throw on that thread (an unhandled
    /// exception: the process ends). A <see cref="SemaphoreSlim"/> whose wait handle is never asked
    /// for holds nothing the garbage collector cannot take; a late hangup is counted there, unlogged.
    /// </remarks>
    public void Dispose()
    {
        _registration.Dispose();
        if (_rooted.IsAllocated)
        {
            _rooted.Free();
        }
    }

    private async Task LogEachAsync(Action log, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _received.WaitAsync(cancellationToken).ConfigureAwait(false);
                log();
            }
        }
        catch (OperationCanceledException)
        {
            // The verb has ended.
        }
    }

    /// <summary>The handler: SIGHUP does not end the process, and is counted for <see cref="LogEach"/>.</summary>
    /// <remarks>Runs on a runtime thread, possibly after <see cref="Dispose"/> (see there): it must not throw.
    /// Declared after <see cref="LogEachAsync"/>: state machines are named by member position, and the
    /// daemon's layout list (hot-methods.order) names that one.</remarks>
    internal void Caught(PosixSignalContext context)
    {
        context.Cancel = true;
        _received.Release();
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
