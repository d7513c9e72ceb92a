using System.Globalization;
using System.Net.Sockets;
using System.Text;
using GuestAgent.Daemon.Cli;
using GuestAgent.Daemon.Hosting;
using GuestAgent.Hosting;
using GuestAgent.XenStore.Server;

namespace GuestAgent.Daemon.Verbs;

/// <summary>
/// <c>guest-agent xenstored</c>: the embedded XenStore server on a unix socket until SIGTERM/SIGINT (SIGHUP is logged and ignored);
/// with <c>--guest-socket</c> also on a second one whose connections act as the guest, under its permissions and quotas.
/// It tells systemd (or a test's notification socket) READY=1 once it listens.
/// </summary>
internal static class XenstoredVerb
{
    public static async Task<int> RunAsync(XenstoredInvocation invocation, StandardStreams streams, CancellationToken cancellationToken)
    {
        // SIGHUP would end the process by default and leave the socket file behind; as in `run`, it is
        // logged and ignored (there is nothing to reload).
        using var signals = new ShutdownSignals(
            onHangup: () => streams.Error.WriteLine("<4>xenstored: SIGHUP ignored: there is nothing to reload; SIGTERM or SIGINT stops the server"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(signals.Token, cancellationToken);
        using var notifier = SystemdNotifier.FromEnvironment();
        await using var server = new XenStoreServer(invocation.Limits.ToServerOptions())
        {
            // Out of descriptors, a client waits in the listen queue until one frees up, and is then served.
            AcceptFailed = (path, reason) => streams.Error.WriteLine(
                $"<4>xenstored: cannot accept a connection on {path} ({reason}): it waits in the listen queue, tried again every 250 ms until one can be accepted (raise LimitNOFILE or ulimit -n if this recurs)"),
            AcceptResumed = path => streams.Error.WriteLine($"<6>xenstored: accepting connections on {path} again"),
        };
        Listen(server, invocation.SocketPath, identity: null);
        var listening = invocation.SocketPath;
        var guest = "";
        if (invocation.GuestDomainId is { } domainId)
        {
            guest = " with " + server.CreateGuestDomain((uint)domainId);
            if (invocation.GuestSocketPath is { } guestSocket)
            {
                Listen(server, guestSocket, XenStoreIdentity.Guest((uint)domainId));
                listening = $"{invocation.SocketPath} (as dom0) and {guestSocket} (as domain {domainId.ToString(CultureInfo.InvariantCulture)})";
            }
        }

        var status = $"XenStore listening on {listening}{guest}";
        await streams.Error.WriteLineAsync($"<6>xenstored: {status}").ConfigureAwait(false);
        await streams.Error.WriteLineAsync($"<6>xenstored: {DescribeLimits(server.Options, invocation.GuestSocketPath is not null)}").ConfigureAwait(false);
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

    /// <summary>The limits in force, defaults included, so an operator sees what the options added up to.</summary>
    internal static string DescribeLimits(XenStoreServerOptions options, bool guestConnections)
    {
        var text = new StringBuilder("limits: a client leaving more than ")
            .Append(options.MaxQueuedBytesPerConnection.ToString(CultureInfo.InvariantCulture))
            .Append(" bytes unread is disconnected");
        if (guestConnections)
        {
            text.Append(CultureInfo.InvariantCulture, $"; guest quotas: {options.MaxNodesPerDomain} nodes, node records below {options.MaxNodeSize} bytes, ")
                .Append(CultureInfo.InvariantCulture, $"{options.MaxWatchesPerDomain} watches, {options.MaxTransactionsPerConnection} transactions per connection ")
                .Append(CultureInfo.InvariantCulture, $"(each refused only once exceeded, as in C xenstored 4.17), {options.MaxPermissionsPerNode} permission entries per node, ")
                .Append(CultureInfo.InvariantCulture, $"{options.MaxNodesPerTransaction} nodes touched per transaction");
        }

        return text.ToString();
    }

    private static void Listen(XenStoreServer server, string socketPath, XenStoreIdentity? identity)
    {
        try
        {
            server.Listen(socketPath, identity);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            // The raw text quotes the path twice and a parameter name; say what is wrong and what to do.
            throw new DaemonException(
                $"cannot listen on '{socketPath}': the path is {Encoding.UTF8.GetByteCount(socketPath).ToString(CultureInfo.InvariantCulture)} bytes long, and a unix socket path can be at most {UnixSocketPathLength.MaxBytes.ToString(CultureInfo.InvariantCulture)} bytes ({(UnixSocketPathLength.MaxBytes + 1).ToString(CultureInfo.InvariantCulture)} with the terminating NUL; choose a shorter path)",
                exception);
        }
        catch (Exception exception) when (exception is SocketException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new DaemonException($"cannot listen on '{socketPath}': {exception.Message}", exception);
        }
    }
}
