using System.Net.Sockets;
using System.Text;

namespace GuestAgent.Daemon.Hosting;

/// <summary>
/// The sd_notify(3) protocol without libsystemd: one datagram of <c>KEY=VALUE</c> lines sent to the
/// unix socket named by <c>$NOTIFY_SOCKET</c>. A name starting with <c>@</c> is in the abstract
/// namespace. Without the variable (not started by systemd, or <c>Type=simple</c>) every call is a
/// no-op, so the daemon needs no separate code path.
/// </summary>
internal sealed class SystemdNotifier : IDisposable
{
    /// <summary>The environment variable systemd sets for <c>Type=notify</c> services.</summary>
    public const string SocketVariable = "NOTIFY_SOCKET";

    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _endpoint;
    private readonly Lock _stateGate = new();
    private bool _stoppingSent;

    /// <summary>Creates a notifier for <paramref name="address"/> (a path, or <c>@name</c>); <c>null</c> or empty disables it.</summary>
    public SystemdNotifier(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return;
        }

        try
        {
            // Abstract socket names are written with a leading '@' and passed with a leading NUL.
            _endpoint = new UnixDomainSocketEndPoint(address[0] == '@' ? "\0" + address[1..] : address);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Longer than a unix socket address holds: no systemd names one, and sd_notify fails on it
            // (EINVAL) without stopping the service. Nothing can be sent, so nothing is.
            return;
        }

        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>A notifier for this process's <c>$NOTIFY_SOCKET</c>.</summary>
    public static SystemdNotifier FromEnvironment() => new(Environment.GetEnvironmentVariable(SocketVariable));

    /// <summary>Whether a notification socket is configured.</summary>
    public bool IsEnabled => _socket is not null;

    /// <summary>
    /// The service is up and serving (<c>Type=notify</c> start-up completes). Not sent (<c>false</c>)
    /// once <see cref="Stopping"/> was: a signal's handler may notify the stop on another thread
    /// between the caller's last look at its token and this call, and READY=1 after STOPPING=1 would
    /// tell systemd a stopping service had started.
    /// </summary>
    public bool Ready(string status)
    {
        lock (_stateGate)
        {
            return !_stoppingSent && Notify($"READY=1\nSTATUS={status}\nMAINPID={Environment.ProcessId}");
        }
    }

    /// <summary>The service is shutting down; every later <see cref="Ready"/> is dropped.</summary>
    public bool Stopping(string status)
    {
        lock (_stateGate)
        {
            _stoppingSent = true;
            return Notify($"STOPPING=1\nSTATUS={status}");
        }
    }

    /// <summary>Free-form status shown by <c>systemctl status</c>.</summary>
    public bool Status(string status) => Notify($"STATUS={status}");

    /// <summary>Sends one notification; <c>false</c> when disabled or when the send failed (never throws: systemd is optional).</summary>
    public bool Notify(string state)
    {
        if (_socket is null || _endpoint is null)
        {
            return false;
        }

        try
        {
            return _socket.SendTo(Encoding.UTF8.GetBytes(state), SocketFlags.None, _endpoint) > 0;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose() => _socket?.Dispose();
}
