using System.Runtime.InteropServices;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// Turns SIGTERM and SIGINT into a cancellation token: the first signal asks for a graceful stop (the
/// request in progress is finished and answered); a second one lets the runtime's default handling
/// end the process at once, for an operator who does not want to wait, once it has been told (so
/// that what is abandoned can be logged first), for at most <see cref="AbandoningLimit"/>.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    /// <summary>
    /// How long the second signal waits for its last words before the process ends anyway. Logging
    /// a line takes microseconds; only a stalled log (a stderr pipe nobody reads, a wedged journald,
    /// whose writer then also holds the lock every other line waits on) takes longer, and it must
    /// not keep alive a process an operator is ending. Generous, so that a slow machine still gets
    /// the line out.
    /// </summary>
    public static readonly TimeSpan AbandoningLimit = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly Action<PosixSignal>? _onStopping;
    private readonly Action<PosixSignal>? _onAbandoning;
    private int _signals;

    /// <param name="onStopping">
    /// Runs on the first signal before anything is cancelled, so that "stopping" is logged and
    /// notified before the loops react.
    /// </param>
    /// <param name="onAbandoning">
    /// Runs on the second signal, before the process ends: the last thing it does. It must be quick
    /// and must not wait for the work it abandons; it runs on a thread of its own, and the process
    /// ends when it returns or after <see cref="AbandoningLimit"/>, whichever comes first.
    /// </param>
    public ShutdownSignals(Action<PosixSignal>? onStopping = null, Action<PosixSignal>? onAbandoning = null)
    {
        _onStopping = onStopping;
        _onAbandoning = onAbandoning;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
        ];
    }

    /// <summary>Cancelled when the first SIGTERM or SIGINT arrives.</summary>
    public CancellationToken Token => _stopping.Token;

    /// <summary>The signal that started the shutdown, once one has.</summary>
    public PosixSignal? Received { get; private set; }

    private void OnSignal(PosixSignalContext context)
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
        _onStopping?.Invoke(context.Signal);
        _stopping.Cancel();
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a background thread and waits for it at most
    /// <paramref name="limit"/>: a thread blocked in a write (or on the lock of a writer that is)
    /// cannot be interrupted, but it need not be waited for; the process ending takes it along.
    /// </summary>
    private static void RunAtMost(Action<PosixSignal>? action, PosixSignal signal, TimeSpan limit)
    {
        if (action is null)
        {
            return;
        }

        var thread = new Thread(() => action(signal)) { IsBackground = true, Name = "guest-agent last words" };
        thread.UnsafeStart();
        thread.Join(limit);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stopping.Dispose();
    }
}
