using System.Runtime.InteropServices;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// Turns SIGTERM and SIGINT into a cancellation token: the first signal asks for a graceful stop (the
/// request in progress is finished and answered); a second one lets the runtime's default handling
/// end the process at once, for an operator who does not want to wait.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignals()
    {
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
            return; // Second signal: not cancelled, so the default action terminates the process.
        }

        Received = context.Signal;
        context.Cancel = true;
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
