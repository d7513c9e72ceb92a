using System.Runtime.InteropServices;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// Turns SIGTERM and SIGINT into a cancellation token: the first signal asks for a graceful stop (the
/// request in progress is finished and answered); a second one lets the runtime's default handling
/// end the process at once, for an operator who does not want to wait, once it has been told (so
/// that what is abandoned can be logged first).
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly Action<PosixSignal>? _onStopping;
    private readonly Action<PosixSignal>? _onAbandoning;

    /// <param name="onStopping">
    /// Runs on the first signal before anything is cancelled, so that "stopping" is logged and
    /// notified before the loops react.
    /// </param>
    /// <param name="onAbandoning">
    /// Runs on the second signal, before the process ends: the last thing it does. It must be quick
    /// and must not wait for the work it abandons.
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
        if (Received is not null)
        {
            // Second signal: not cancelled, so the default action terminates the process once this returns.
            _onAbandoning?.Invoke(context.Signal);
            return;
        }

        Received = context.Signal;
        context.Cancel = true;
        _onStopping?.Invoke(context.Signal);
        _stopping.Cancel();
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
