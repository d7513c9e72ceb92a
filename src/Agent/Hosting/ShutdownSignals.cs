using System.Runtime.InteropServices;

namespace GuestAgent.Hosting;

/// <summary>
/// Turns SIGTERM and SIGINT into a cancellation token for <see cref="AgentHost.RunAsync"/>, as a
/// service manager expects: the first signal asks for a graceful stop (the host takes no more
/// requests, finishes the one in progress and delivers its answer); a second one ends the process at
/// once (the runtime's default action: killed by that signal, exit status 128 + its number), for an
/// operator who does not want to wait, after <c>onAbandoning</c> has had at most
/// <see cref="AbandoningLimit"/> to say what is abandoned (typically <see cref="AgentHost.RequestsInProgress"/>).
/// </summary>
/// <remarks>
/// <para>
/// <c>systemctl stop</c> and <c>kill</c> send SIGTERM: a host that only handles
/// <see cref="Console.CancelKeyPress"/> (SIGINT) is killed mid-request by it, without an answer.
/// </para>
/// <para>
/// SIGHUP ends a process by default, mid-request and with a status a service manager's
/// <c>Restart=on-failure</c> does not restart. Given <c>onHangup</c>, the helper catches it instead:
/// the process keeps serving and the callback says why (the guest-agent daemon logs
/// <c>SIGHUP ignored: the configuration is read at start</c>). Without it, SIGHUP keeps its default.
/// </para>
/// <para>Create it before anything slow (recovery, connecting) so that a stop is honoured from the start; dispose it after the host has returned.</para>
/// <para>
/// A signal the process inherited ignored is never seen here (.NET installs no handler for it):
/// call <see cref="InheritedStopSignals.Restore"/> first thing in <c>Main</c>.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// using var signals = new ShutdownSignals(
///     onStopping: signal => logger.LogInformation("Stopping on {Signal}", signal),
///     onAbandoning: signal => logger.LogWarning("Abandoning {Count} request(s)", host.RequestsInProgress.Count));
/// await host.RunAsync(signals.Token);
/// </code>
/// </example>
public sealed class ShutdownSignals : IDisposable
{
    /// <summary>
    /// How long the second signal waits for <c>onAbandoning</c> before the process ends anyway: 5 s.
    /// Logging a line takes microseconds; only a stalled log (a stderr pipe nobody reads, a wedged
    /// journald, whose writer then also holds the lock every other line waits on) takes longer, and
    /// it must not keep alive a process an operator is ending.
    /// </summary>
    public static readonly TimeSpan AbandoningLimit = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly Action<PosixSignal>? _onStopping;
    private readonly Action<PosixSignal>? _onAbandoning;
    private readonly Action? _onHangup;
    private int _signals;

    /// <summary>Starts handling SIGTERM and SIGINT (and SIGHUP when <paramref name="onHangup"/> is given).</summary>
    /// <param name="onStopping">
    /// Runs on the first signal before <see cref="Token"/> is cancelled, so that "stopping" is logged
    /// (or a service manager notified) before the host reacts.
    /// </param>
    /// <param name="onAbandoning">
    /// Runs on the second signal, the last thing before the process ends. It must be quick and must
    /// not wait for the work it abandons: it runs on a thread of its own, and the process ends when
    /// it returns or after <see cref="AbandoningLimit"/>, whichever comes first.
    /// </param>
    /// <param name="onHangup">
    /// When given, SIGHUP no longer ends the process: it runs this (to say that it is ignored) on a
    /// signal thread, and the process carries on. When <c>null</c>, SIGHUP keeps its default action.
    /// </param>
    public ShutdownSignals(Action<PosixSignal>? onStopping = null, Action<PosixSignal>? onAbandoning = null, Action? onHangup = null)
    {
        _onStopping = onStopping;
        _onAbandoning = onAbandoning;
        _onHangup = onHangup;
        _registrations = onHangup is null
            ? [PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStopSignal), PosixSignalRegistration.Create(PosixSignal.SIGINT, OnStopSignal)]
            :
            [
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStopSignal),
                PosixSignalRegistration.Create(PosixSignal.SIGINT, OnStopSignal),
                PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnHangup),
            ];
    }

    /// <summary>Cancelled when the first SIGTERM or SIGINT arrives.</summary>
    public CancellationToken Token => _stopping.Token;

    /// <summary>The signal that started the shutdown, once one has.</summary>
    public PosixSignal? Received { get; private set; }

    private void OnStopSignal(PosixSignalContext context)
    {
        // The runtime runs each SIGTERM/SIGINT handler on a thread of its own, so two signals in
        // quick succession may be here at once: exactly one of them is the first.
        if (Interlocked.Increment(ref _signals) > 1)
        {
            // Second signal: not cancelled, so the default action terminates the process once this returns.
            RunAtMost(_onAbandoning, context.Signal, AbandoningLimit);
            return;
        }

        Received = context.Signal;
        context.Cancel = true;
        // This runs on a runtime thread: an exception escaping it would end the process at once, the
        // very thing a graceful stop avoids. A failing callback (a log that cannot be written) must
        // not prevent the stop, and the token's own callbacks have their errors swallowed likewise.
        try
        {
            _onStopping?.Invoke(context.Signal);
        }
#pragma warning disable CA1031 // See above: the stop must still happen.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        try
        {
            _stopping.Cancel();
        }
#pragma warning disable CA1031 // An AggregateException of the token's callbacks, after every one has run.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private void OnHangup(PosixSignalContext context)
    {
        context.Cancel = true;
        try
        {
            _onHangup?.Invoke();
        }
#pragma warning disable CA1031 // A runtime thread: an escaping exception would end the process SIGHUP was caught to keep.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a background thread and waits for it at most
    /// <paramref name="limit"/>: a thread blocked in a write (or on the lock of a writer that is)
    /// cannot be interrupted, but it need not be waited for; the process ending takes it along.
    /// </summary>
    internal static void RunAtMost(Action<PosixSignal>? action, PosixSignal signal, TimeSpan limit)
    {
        if (action is null)
        {
            return;
        }

        var thread = new Thread(() => action(signal)) { IsBackground = true, Name = "shutdown last words" };
        thread.UnsafeStart();
        thread.Join(limit);
    }

    /// <summary>Stops handling the signals (they get their default actions back).</summary>
    /// <remarks>
    /// The token's source is deliberately not disposed: a handler the runtime picked just before
    /// its registration went may still run and cancel it, and a disposed source would throw on that
    /// signal thread. The source has no timer, so leaving it to the garbage collector costs nothing.
    /// </remarks>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
