using System.Runtime.InteropServices;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// Keeps a SIGHUP that arrives while <c>run</c> starts from ending the process.
/// Its own handler (<see cref="GuestAgent.Hosting.ShutdownSignals"/>, which logs it and carries
/// on) is registered only once the settings are read and the logger exists; until then SIGHUP has
/// its default action, and one sent in those first milliseconds (a reload right after a start,
/// a terminal closing) ended the agent with status 129, which systemd's <c>Restart=on-failure</c>
/// does not restart. <see cref="Hold"/> is called in <c>Main</c> as soon as the console is open; <c>run</c> calls
/// <see cref="Release"/> once its own handler is in place, and logs what was held.
/// </summary>
/// <remarks>
/// Registering a handler is the only way: .NET installs none for a signal that is ignored when it
/// is first registered (it respects <c>SIG_IGN</c>), so ignoring SIGHUP until later would keep the
/// run's own handler from ever running; and blocking it would not cover the threads the runtime
/// started before <c>Main</c>. What is left is the runtime's own start before <c>Main</c> (a few
/// milliseconds, measured with the published daemon), which no managed code can cover.
/// </remarks>
internal static class StartupHangup
{
    private static readonly Lock Gate = new();
    private static PosixSignalRegistration? s_registration;
    private static int s_received;

    /// <summary>From now on SIGHUP is caught and counted, and does not end the process.</summary>
    /// <remarks>
    /// After <see cref="GuestAgent.Hosting.InheritedStopSignals.Restore"/>, since a registration
    /// settles how .NET treats SIGINT, which must be at its default by then; and after the console
    /// is open, since it creates the runtime's signal pipe, whose descriptors would otherwise take a
    /// closed 0, 1 or 2 (<see cref="Cli.StandardDescriptors"/> fills those first).
    /// </remarks>
    public static void Hold()
    {
        lock (Gate)
        {
            s_registration ??= PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                Interlocked.Increment(ref s_received);
            });
        }
    }

    /// <summary>
    /// Stops holding (call it once run's own SIGHUP handler is registered, so there is no gap)
    /// and returns how many SIGHUPs arrived meanwhile; 0 when <see cref="Hold"/> was never called
    /// (a test running the verb in-process).
    /// </summary>
    public static int Release()
    {
        lock (Gate)
        {
            s_registration?.Dispose();
            s_registration = null;
            return Interlocked.Exchange(ref s_received, 0);
        }
    }
}
