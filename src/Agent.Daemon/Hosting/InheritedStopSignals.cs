using GuestAgent.Platform.Native;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// Gives SIGTERM and SIGINT back their default disposition when whoever started the process left
/// them ignored, so that <c>run</c> and <c>xenstored</c> stop on them as documented.
/// </summary>
/// <remarks>
/// <para>
/// An ignored signal survives <c>exec</c>: a non-interactive shell starts <c>cmd &amp;</c> with SIGINT
/// (and SIGQUIT) ignored, and a launcher may ignore SIGTERM (<c>trap '' TERM</c>). .NET respects an
/// ignored signal: it installs no handler for it, and its registrations
/// (<see cref="System.Runtime.InteropServices.PosixSignalRegistration"/>) then never fire; for
/// SIGINT it decides once, when the console (or a process, or a registration) is first used. A
/// service that then ignores its stop signals can only be killed (SIGKILL), mid-request and without
/// its answer, where a stop would have finished it. A service manager starts a service with every
/// signal at its default (systemd does); this does the same for the two signals that stop it,
/// whatever started it, as Go's <c>signal.Notify</c> does for an ignored SIGINT. The other verbs
/// (<c>call</c>, <c>set-password</c>) keep what they inherit, as tools run in a script's background should.
/// </para>
/// <para>Must run first thing in <c>Main</c>, before the console is touched.</para>
/// </remarks>
internal static class InheritedStopSignals
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    // struct sigaction is 152 bytes in the 64-bit Linux layouts; room to spare for the kernel's copy.
    private const int ActionSize = 256;

    /// <summary>Whether the verb named first on the command line is one that serves until a stop signal.</summary>
    public static bool AppliesTo(IReadOnlyList<string> arguments) => arguments is ["run", ..] or ["xenstored", ..];

    /// <summary>Sets SIGTERM and SIGINT to their default when they are ignored; returns the signals it changed.</summary>
    public static IReadOnlyList<int> Restore()
    {
        var restored = new List<int>();
        foreach (var signal in (int[])[SigTerm, SigInt])
        {
            var current = new byte[ActionSize];
            // The handler is the first field: SIG_IGN is 1. A failed query changes nothing.
            if (Syscalls.SignalAction(signal, null, current) == 0 && BitConverter.ToUInt64(current, 0) == 1 &&
                Syscalls.SignalAction(signal, new byte[ActionSize], null) == 0)
            {
                restored.Add(signal);
            }
        }

        return restored;
    }
}
