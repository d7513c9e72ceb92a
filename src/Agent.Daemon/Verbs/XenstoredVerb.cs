using System.Globalization;
using System.Net.Sockets;
using System.Text;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Hosting;
using GuestAgent.Hosting;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Verbs;

/// <summary>
/// <c>guest-agent xenstored</c>: the embedded XenStore server on a unix socket until SIGTERM/SIGINT (SIGHUP is logged and ignored).
/// It tells systemd (or a test's notification socket) READY=1 once it listens.
/// </summary>
internal static class XenstoredVerb
{
    /// <summary>
    /// The longest unix socket path that can be bound, in bytes: sockaddr_un's sun_path holds 108,
    /// the terminating NUL included (.NET refuses a longer one before binding).
    /// </summary>
    internal const int MaxSocketPathBytes = 107;

    public static async Task<int> RunAsync(XenstoredInvocation invocation, StandardStreams streams, CancellationToken cancellationToken)
    {
        // SIGHUP would end the process by default and leave the socket file behind; as in `run`, it is
        // logged and ignored (there is nothing to reload).
        using var signals = new ShutdownSignals(
            onHangup: () => streams.Error.WriteLine("<4>xenstored: SIGHUP ignored: there is nothing to reload; SIGTERM or SIGINT stops the server"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(signals.Token, cancellationToken);
        using var notifier = SystemdNotifier.FromEnvironment();
        await using var server = new XenStoreServer();
        try
        {
            server.Listen(invocation.SocketPath);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            // The raw text quotes the path twice and a parameter name; say what is wrong and what to do.
            throw new DaemonException(
                $"cannot listen on '{invocation.SocketPath}': the path is {Encoding.UTF8.GetByteCount(invocation.SocketPath).ToString(CultureInfo.InvariantCulture)} bytes long, and a unix socket path can be at most {MaxSocketPathBytes.ToString(CultureInfo.InvariantCulture)} bytes ({(MaxSocketPathBytes + 1).ToString(CultureInfo.InvariantCulture)} with the terminating NUL; choose a shorter path)",
                exception);
        }
        catch (Exception exception) when (exception is SocketException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new DaemonException($"cannot listen on '{invocation.SocketPath}': {exception.Message}", exception);
        }

        var guest = invocation.GuestDomainId is { } domainId
            ? " with " + server.CreateGuestDomain((uint)domainId)
            : "";
        var status = $"XenStore listening on {invocation.SocketPath}{guest}";
        await streams.Error.WriteLineAsync($"<6>xenstored: {status}").ConfigureAwait(false);
        notifier.Ready(status);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
        {
        }

        notifier.Stopping("XenStore stopping");
        await streams.Error.WriteLineAsync($"<6>xenstored: stopping ({server.ConnectionCount.ToString(CultureInfo.InvariantCulture)} connection(s) open)").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
