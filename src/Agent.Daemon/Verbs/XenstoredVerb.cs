using System.Globalization;
using System.Net.Sockets;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Hosting;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Verbs;

/// <summary>
/// <c>guest-agent xenstored</c>: the embedded XenStore server on a unix socket until SIGTERM/SIGINT.
/// It tells systemd (or a test's notification socket) READY=1 once it listens.
/// </summary>
internal static class XenstoredVerb
{
    public static async Task<int> RunAsync(XenstoredInvocation invocation, StandardStreams streams, CancellationToken cancellationToken)
    {
        using var signals = new ShutdownSignals();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(signals.Token, cancellationToken);
        using var notifier = SystemdNotifier.FromEnvironment();
        await using var server = new XenStoreServer();
        try
        {
            server.Listen(invocation.SocketPath);
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
