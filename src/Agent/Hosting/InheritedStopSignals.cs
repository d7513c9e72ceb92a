using System.Runtime.InteropServices;
using GuestAgent.Platform.Native;

namespace GuestAgent.Hosting;

/// <summary>
/// Gives SIGTERM and SIGINT back their default disposition when whoever started the process left
/// them ignored, so that <see cref="ShutdownSignals"/> (or any
/// <see cref="PosixSignalRegistration"/>) sees them and the agent stops gracefully on them.
/// </summary>
/// <remarks>
/// <para>
/// An ignored signal survives <c>exec</c>: a non-interactive shell starts <c>agent &amp;</c> with
/// SIGINT (and SIGQUIT) ignored, and a launcher may ignore SIGTERM (<c>trap '' TERM</c>,
/// <c>nohup</c>-like wrappers). .NET respects an ignored signal: it installs no handler for it, and
/// its registrations then never fire; for SIGINT it decides once, when the console (or a process,
/// or a registration) is first used. (A NativeAOT program keeps both ignored; the JIT runtime
/// installs a SIGTERM handler of its own before <c>Main</c> whatever it inherits, so there only
/// SIGINT stays ignored.) An agent that so ignores its stop signals can only be killed
/// (SIGKILL), mid-request and without its answer, where a stop would have finished it. A service
/// manager starts a service with every signal at its default (systemd does); this does the same
/// for the two signals that stop an agent, whatever started it, as Go's <c>signal.Notify</c> does
/// for an ignored SIGINT. The <c>guest-agent</c> daemon calls it for <c>run</c> and
/// <c>xenstored</c>, the verbs that serve until stopped; a tool meant to run in a script's
/// background should keep what it inherits instead, and not call it.
/// </para>
/// <para>
/// Call it first thing in <c>Main</c>, before the console, a process or a signal registration is
/// touched: .NET may have settled SIGINT for good by then. It only changes a signal that is
/// ignored; one with a handler or at its default is left as it is. On an operating system other
/// than Linux it does nothing.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// InheritedStopSignals.Restore();  // the first statement of the agent's Main
/// using var signals = new ShutdownSignals(onStopping: signal => logger.LogInformation("Stopping on {Signal}", signal));
/// </code>
/// </example>
public static class InheritedStopSignals
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    // The kernel's numbers for SIG_IGN, read as the handler, the first field of struct sigaction.
    private const nuint IgnoredHandler = 1;

    // struct sigaction is 152 bytes in glibc's and musl's layouts on x86-64 and arm64 (the handler,
    // a 128-byte sa_mask, sa_flags, sa_restorer; 140 on 32-bit ones), the handler first in each:
    // the buffer leaves room for any of them, and all zeroes (SIG_DFL, no flags, an empty mask) is
    // the default action to set.
    private const int ActionSize = 256;

    /// <summary>
    /// Sets SIGTERM and SIGINT to their default disposition where they are ignored.
    /// </summary>
    /// <returns>The signals it changed (SIGTERM before SIGINT); empty when neither was ignored.</returns>
    public static IReadOnlyList<PosixSignal> Restore()
    {
        var restored = new List<PosixSignal>();
        if (!OperatingSystem.IsLinux())
        {
            return restored;
        }

        foreach (var (number, signal) in (ReadOnlySpan<(int, PosixSignal)>)[(SigTerm, PosixSignal.SIGTERM), (SigInt, PosixSignal.SIGINT)])
        {
            var current = new byte[ActionSize];
            // A failed query changes nothing: the signal keeps what it has.
            if (Syscalls.SignalAction(number, null, current) == 0 && MemoryMarshal.Read<nuint>(current) == IgnoredHandler &&
                Syscalls.SignalAction(number, new byte[ActionSize], null) == 0)
            {
                restored.Add(signal);
            }
        }

        return restored;
    }
}
